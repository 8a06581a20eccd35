// REQUIRES: heaptrack
// RUN: rm -f %t.*.zst %t.*.gz
// RUN: %clang -O1 -g %s -o %t.clang
// RUN: %tmcc -O1 %s -o %t.tmcc
// RUN: heaptrack -o %t.clang.trace %t.clang > %t.clang.log 2>&1
// RUN: heaptrack -o %t.tmcc.trace %t.tmcc > %t.tmcc.log 2>&1
// RUN: env TRACEMALLOC=1 heaptrack -o %t.traced.trace %t.tmcc > %t.traced.log 2>&1
// RUN: heaptrack_print %t.clang.trace.* > %t.clang.txt
// RUN: heaptrack_print %t.tmcc.trace.* > %t.tmcc.txt
// RUN: heaptrack_print %t.traced.trace.* > %t.traced.txt
// RUN: FileCheck %s < %t.tmcc.txt
// RUN: FileCheck %s < %t.traced.txt
// RUN: grep -h "^calls to allocation functions:" %t.clang.txt %t.tmcc.txt | FileCheck %s --check-prefix=TOTAL
// heaptrack, which preloads its own malloc family, sees every allocation of
// a tmcc program, traced or not: the program's calls reach heaptrack first,
// which forwards them to the runtime.  Not tracing, it counts the calls of
// the same program built with clang and one more: the runtime hides none,
// and its start-up adds one (backtrace() loads libgcc_s, and the dynamic
// linker allocates for it).
#include <stdio.h>
#include <stdlib.h>

static void *keep[100];

__attribute__((noinline)) static void fill(void) {
  for (int i = 0; i < 100; i++)
    keep[i] = malloc(100 + i);
}

int main(void) {
  fill();
  puts("done"); // stdout's buffer: one more allocation
  for (int i = 0; i < 100; i++)
    free(keep[i]);
  return 0;
}
// CHECK: 100 calls to allocation functions with {{.*}} peak consumption from
// CHECK-NEXT: fill
// TOTAL: calls to allocation functions: [[#N:]] (
// TOTAL-NEXT: calls to allocation functions: [[#N+1]] (
