// RUN: %tmcxx -O2 %s -o %t && %t | FileCheck %s
// RUN: %tmcxx -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// When operator new throws out of a function that has no handler, the site
// hint is put back as the exception leaves it: a later allocation by
// uninstrumented code is <unknown>, and a later instrumented one is charged
// to its own line, not to the line that threw.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <tracemalloc.h>

static void print_stats() {
  tm_snapshot *snap = tm_take_snapshot();
  tm_stats *st = tm_snapshot_statistics(snap, TM_KEY_LINENO, false);
  char line[512];
  for (size_t i = 0; i < tm_stats_count(st); i++) {
    tm_stat_format(tm_stats_get(st, i), line, sizeof line);
    std::puts(line);
  }
  tm_stats_free(st);
  tm_snapshot_free(snap);
}

// An indirect call: the pass leaves it alone, so it sets no hint.
static void *(*volatile uninstrumented_malloc)(size_t) = std::malloc;
static volatile size_t impossible = SIZE_MAX / 2;

// No try here: the exception leaves through the pass's cleanup.
__attribute__((noinline)) static char *huge() {
  return new char[impossible];                    // line 31: throws
}

int main() {
  std::puts("start"); // stdout's buffer is allocated now, before tracing
  tm_start(1);
  try {
    huge();
    std::puts("not thrown");
  } catch (const std::bad_alloc &) {
    std::puts("caught bad_alloc");
  }
  // CHECK:      start
  // CHECK-NEXT: caught bad_alloc
  void *unknown = uninstrumented_malloc(48);
  char *after = new char[7];                      // line 46
  print_stats();
  // CHECK-NEXT: <unknown>:0: size=48 B, count=1, average=48 B
  // CHECK-NEXT: {{.*}}exception.cpp:46: size=7 B, count=1, average=7 B
  // CHECK-NOT:  exception.cpp:31
  std::free(unknown);
  delete[] after;
  size_t current;
  tm_get_traced_memory(&current, NULL);
  std::printf("current=%zu\n", current);
  // CHECK-NEXT: current=0
  return 0;
}
