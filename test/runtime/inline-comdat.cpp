// RUN: %tmcxx -O2 -c %s -o %t.main.o
// RUN: %tmcxx -O2 -DOTHER_TU -c %s -o %t.other.o
// RUN: %tmcxx %t.main.o %t.other.o -o %t.main-first && %t.main-first | FileCheck %s
// RUN: %tmcxx %t.other.o %t.main.o -o %t.other-first && %t.other-first | FileCheck %s
// An inline function that allocates, inlined into main in one translation
// unit and called out of line from another, links in either order, and
// both of its allocations are charged to its own line.
#include <cstdio>
#include <cstdlib>
#include <tracemalloc.h>

inline char *make_buffer(size_t n) {
  return static_cast<char *>(std::malloc(n));     // line 13
}

using maker = char *(*)(size_t);
maker other_maker();

#ifdef OTHER_TU
// The out-of-line copy of make_buffer is emitted here.
maker other_maker() { return &make_buffer; }
#else
int main() {
  std::puts("start"); // stdout's buffer is allocated now, before tracing
  tm_start(1);
  char *inlined = make_buffer(10);
  char *called = other_maker()(20);
  tm_snapshot *snap = tm_take_snapshot();
  tm_stats *st = tm_snapshot_statistics(snap, TM_KEY_LINENO, false);
  char line[512];
  for (size_t i = 0; i < tm_stats_count(st); i++) {
    tm_stat_format(tm_stats_get(st, i), line, sizeof line);
    std::puts(line);
  }
  // CHECK:      start
  // CHECK-NEXT: {{.*}}inline-comdat.cpp:[[#@LINE-23]]: size=30 B, count=2, average=15 B
  // CHECK-NOT:  inline-comdat.cpp
  tm_stats_free(st);
  tm_snapshot_free(snap);
  std::free(inlined);
  std::free(called);
  return 0;
}
#endif
