// RUN: %tmcxx -O2 -ftm-no-auto-wrapper -I%inputs/runtime -c %s -o %t.main.o
// RUN: %tmcxx -O2 -ftm-no-auto-wrapper -I%inputs/runtime -DOTHER_TU -c %s -o %t.other.o
// RUN: %tmcxx %t.main.o %t.other.o -o %t.main-first && %t.main-first | FileCheck %s
// RUN: %tmcxx %t.other.o %t.main.o -o %t.other-first && %t.other-first | FileCheck %s
// An inline function that allocates, inlined into main in one translation
// unit and called out of line from another, links in either order, and
// both of its allocations are charged to its own line (a wrapper, kept by
// -ftm-no-auto-wrapper: the line of the site record is what is checked).
#include <cstdio>
#include <cstdlib>
#include <tracemalloc.h>

#include "print_stats.h"

inline char *make_buffer(size_t n) {
  return static_cast<char *>(std::malloc(n));     // line 16
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
  print_stats();
  // CHECK:      start
  // CHECK-NEXT: {{.*}}inline-comdat.cpp:[[#@LINE-17]]: size=30 B, count=2, average=15 B
  // CHECK-NOT:  inline-comdat.cpp
  std::free(inlined);
  std::free(called);
  return 0;
}
#endif
