// RUN: printf '#!/bin/sh\nsleep 1\nexec llvm-symbolizer "$@"\n' > %t.slow-symbolizer && chmod +x %t.slow-symbolizer
// RUN: %tmcc -O1 %s -o %t && env TRACEMALLOC_SYMBOLIZER=%t.slow-symbolizer %t | FileCheck %s
// A snapshot's moment, its time and the last point of its timeline, is
// when its traces were collected, not when their tracebacks were
// symbolized: with a symbolizer that takes a second to start, the
// snapshot still dates from the start of tm_take_snapshot().
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <tracemalloc.h>

static uint64_t wall_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* Called, not inlined: its caller is a frame to symbolize. */
__attribute__((noinline)) void *allocate(size_t n) {
  void *p = malloc(n);
  __asm__ volatile("");
  return p;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  tm_start(4);
  void *block = allocate(100);
  uint64_t before = wall_ns();
  tm_snapshot *snap = tm_take_snapshot();
  uint64_t after = wall_ns();
  const tm_process *p = tm_snapshot_process(snap);
  const tm_timeline_point *points;
  size_t n = tm_snapshot_timeline(snap, &points);
  uint64_t last = p->start_ns + points[n - 1].time_ns;
  printf("symbolizing took a second: %d\n", after - before >= 1000000000u);
  // CHECK: symbolizing took a second: 1
  printf("the time is before it: %d\n", p->time_ns - before < 500000000u);
  // CHECK-NEXT: the time is before it: 1
  printf("so is the last timeline point: %d\n",
         last > before - 500000000u && last < before + 500000000u);
  // CHECK-NEXT: so is the last timeline point: 1
  tm_snapshot_free(snap);
  free(block);
  return 0;
}
