// RUN: cd %S && %clang -O1 -g preload.c -o %t
// RUN: env LD_PRELOAD=%libdir/libtracemalloc.so TRACEMALLOC=1 TRACEMALLOC_TOP=3 %t 2>&1 | FileCheck %s
// RUN: env LD_PRELOAD=%libdir/libtracemalloc.so TRACEMALLOC=2 TRACEMALLOC_TOP=3 %t 2>&1 | FileCheck %s --check-prefix=TWO
// A program built with plain clang and never recompiled is traced through
// LD_PRELOAD: without site records, its blocks are attributed by return
// address, symbolized from its debug info -- the line that called malloc,
// and with a deeper limit, the callers too.
#include <stdio.h>
#include <stdlib.h>

static void *keep[100];

__attribute__((noinline)) static void fill(void) {
  for (int i = 0; i < 100; i++)
    keep[i] = malloc(100); // line 15
  __asm__ volatile(""); /* not a tail call: fill keeps its frame */
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  fill(); // line 21
  puts("done");
  return 0;
}
// CHECK: done
// CHECK-NEXT: preload.c:15: size=10000 B, count=100, average=100 B
// CHECK-NOT: {{.}}

// TRACEMALLOC_TOP groups by line: the most recent frame, whatever the limit.
// TWO: done
// TWO-NEXT: preload.c:15: size=10000 B, count=100, average=100 B
