// RUN: %tmcc -O1 %s -o %t && %t %t.dump | FileCheck %s -DEXE=%t
// A snapshot knows where and when it was taken: the program's file, the
// process id, the wall-clock time between the two clock readings around
// tm_take_snapshot(), and the start of tracing between those around
// tm_start(), the moment the timeline's times count from.
// tm_clear_traces() moves the start; a filtered snapshot keeps it all,
// and so does a dump (format version 3).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <tracemalloc.h>
#include <unistd.h>

static uint64_t wall_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* Whether the snapshot's start and time lie in [started, ...] and
 * [before, after], and its last timeline point agrees with them. */
static void print_times(const tm_snapshot *s, uint64_t started_before,
                        uint64_t started_after, uint64_t before,
                        uint64_t after) {
  const tm_process *p = tm_snapshot_process(s);
  const tm_timeline_point *points;
  size_t n = tm_snapshot_timeline(s, &points);
  /* Two clocks read a moment apart: the same to well within a second. */
  long long skew =
      (long long)(p->start_ns + points[n - 1].time_ns - p->time_ns);
  printf("start in [%d, %d] time in [%d, %d] timeline agrees %d\n",
         started_before <= p->start_ns, p->start_ns <= started_after,
         before <= p->time_ns, p->time_ns <= after,
         skew > -1000000000 && skew < 1000000000);
}

/* The same program, pid and times. */
static bool same_process(const tm_snapshot *a, const tm_snapshot *b) {
  const tm_process *p = tm_snapshot_process(a), *q = tm_snapshot_process(b);
  return p != q && strcmp(q->program, p->program) == 0 && q->pid == p->pid &&
         q->time_ns == p->time_ns && q->start_ns == p->start_ns;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  char exe[4096];
  ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
  exe[len > 0 ? len : 0] = '\0';

  uint64_t started_before = wall_ns();
  tm_start(1);
  uint64_t started_after = wall_ns();
  void *block = malloc(100);
  uint64_t before = wall_ns();
  tm_snapshot *snap = tm_take_snapshot();
  uint64_t after = wall_ns();
  const tm_process *p = tm_snapshot_process(snap);
  printf("program %s\n", p->program);
  // CHECK: program [[EXE]]
  printf("same as /proc/self/exe %d\n", strcmp(p->program, exe) == 0);
  // CHECK-NEXT: same as /proc/self/exe 1
  printf("pid matches %d\n", p->pid == (uint64_t)getpid());
  // CHECK-NEXT: pid matches 1
  print_times(snap, started_before, started_after, before, after);
  // CHECK-NEXT: start in [1, 1] time in [1, 1] timeline agrees 1

  tm_filter only_this_file = TM_FILTER(true, "*process.c");
  tm_snapshot *filtered = tm_snapshot_filter_traces(snap, &only_this_file, 1);
  printf("filtered keeps it %d\n", same_process(snap, filtered));
  // CHECK-NEXT: filtered keeps it 1
  tm_snapshot_free(filtered);
  tm_snapshot *loaded = NULL;
  if (tm_snapshot_dump(snap, argv[1]) == 0)
    loaded = tm_snapshot_load(argv[1]);
  printf("a dump keeps it %d\n", loaded && same_process(snap, loaded));
  // CHECK-NEXT: a dump keeps it 1
  tm_snapshot_free(loaded);

  uint64_t cleared_before = wall_ns();
  tm_clear_traces();
  uint64_t cleared_after = wall_ns();
  tm_snapshot *later = tm_take_snapshot();
  print_times(later, cleared_before, cleared_after, cleared_after, wall_ns());
  // CHECK-NEXT: start in [1, 1] time in [1, 1] timeline agrees 1
  tm_snapshot_free(later);

  printf("NULL %p\n", (const void *)tm_snapshot_process(NULL));
  // CHECK-NEXT: NULL (nil)
  tm_snapshot_free(snap);
  tm_stop();
  free(block);
  return 0;
}
