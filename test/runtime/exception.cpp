// RUN: %tmcxx -O2 -I%inputs/runtime %s -o %t && %t | FileCheck %s
// RUN: %tmcxx -O0 -I%inputs/runtime %s -o %t.O0 && %t.O0 | FileCheck %s
// When operator new throws out of a function that has no handler, the site
// hint is put back as the exception leaves it: a later allocation by
// uninstrumented code is charged by its return address, and a later
// instrumented one to its own line, never to the line that threw.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <tracemalloc.h>

#include "print_stats.h"

// An indirect call: the pass leaves it alone, so it sets no hint.
static void *(*volatile uninstrumented_malloc)(size_t) = std::malloc;
static volatile size_t impossible = SIZE_MAX / 2;

// No try here: the exception leaves through the pass's cleanup.
__attribute__((noinline)) static char *huge() {
  return new char[impossible];                    // line 21: throws
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
  char *after = new char[7];                      // line 36
  print_stats();
  // CHECK-NEXT: {{.*}}exception.cpp:[[#@LINE-3]]: size=48 B, count=1, average=48 B
  // CHECK-NEXT: {{.*}}exception.cpp:[[#@LINE-3]]: size=7 B, count=1, average=7 B
  // CHECK-NOT:  exception.cpp:[[#@LINE-19]]
  std::free(unknown);
  delete[] after;
  size_t current;
  tm_get_traced_memory(&current, NULL);
  std::printf("current=%zu\n", current);
  // CHECK-NEXT: current=0
  return 0;
}
