// RUN: %tmcxx -O2 -I%inputs/runtime %s -o %t && %t | FileCheck %s
// C++ operator new, new[], nothrow and over-aligned new are traced at the
// line of the new-expression; delete and delete[] release the traces.
#include <cstdint>
#include <cstdio>
#include <new>
#include <tracemalloc.h>

#include "print_stats.h"

struct Node {
  Node *next;
  long value[2];
};
struct alignas(128) Wide {
  char bytes[200];
};

int main() {
  std::puts("start"); // stdout's buffer is allocated now, before tracing
  tm_start(1);
  Node *list = nullptr;
  for (int i = 0; i < 100; i++)
    list = new Node{list, {i, i}};                // line 24
  int *numbers = new int[250];                    // line 25
  Wide *wide = new Wide;                          // line 26
  char *maybe = new (std::nothrow) char[7];       // line 27
  delete[] new double[1000];                      // line 28: freed at once
  print_stats();
  // CHECK:      {{.*}}cxx.cpp:[[#@LINE-6]]: size=2400 B, count=100, average=24 B
  // CHECK-NEXT: {{.*}}cxx.cpp:[[#@LINE-6]]: size=1000 B, count=1, average=1000 B
  // CHECK-NEXT: {{.*}}cxx.cpp:[[#@LINE-6]]: size=256 B, count=1, average=256 B
  // CHECK-NEXT: {{.*}}cxx.cpp:[[#@LINE-6]]: size=7 B, count=1, average=7 B
  // CHECK-NOT:  cxx.cpp
  std::printf("aligned %d\n", (int)((uintptr_t)wide % 128 == 0));
  // CHECK: aligned 1
  while (list) {
    Node *next = list->next;
    delete list;
    list = next;
  }
  delete[] numbers;
  delete wide;
  delete[] maybe;
  size_t current, peak;
  tm_get_traced_memory(&current, &peak);
  std::printf("current=%zu peak=%zu\n", current, peak);
  // CHECK: current=0 peak=11663
  return 0;
}
