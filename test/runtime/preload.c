// RUN: %clang -O1 %s -o %t
// RUN: env LD_PRELOAD=%libdir/libtracemalloc.so TRACEMALLOC=1 TRACEMALLOC_TOP=3 %t 2>&1 | FileCheck %s
// A program built with plain clang and never recompiled is traced through
// LD_PRELOAD: its blocks count, attributed to <unknown> (no site records).
#include <stdio.h>
#include <stdlib.h>

static void *keep[100];

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  for (int i = 0; i < 100; i++)
    keep[i] = malloc(100);
  puts("done");
  return 0;
}
// CHECK: done
// CHECK-NEXT: <unknown>:0: size=10000 B, count=100, average=100 B
// CHECK-NOT: {{.}}
