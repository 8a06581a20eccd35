// RUN: gcc -O2 -g -fno-omit-frame-pointer %s -o %t
// RUN: rm -f %t.dump
// RUN: env LD_PRELOAD=%libdir/libtracemalloc.so TRACEMALLOC=16 TRACEMALLOC_DUMP=%t.dump %t
// RUN: %bindir/tmreport top --key traceback -n 0 %t.dump | grep 'size=' | sed 's/^.*: size=/size=/' | sort | FileCheck %s
// A program nobody built for tracemalloc (plain gcc, frame pointers kept)
// allocates through one helper from ten functions: with the runtime
// preloaded at 16 frames, the ten call chains stay ten tracebacks, each
// with its exact blocks, whatever the walk found in the helper's frame.
#include <stdlib.h>

void *keep[10][100];

__attribute__((noinline)) void *helper(size_t n) {
  void *p = malloc(n);
  __asm__ volatile("");
  return p;
}

#define CHAIN(i, size)                                                       \
  __attribute__((noinline)) void chain##i(void) {                            \
    for (int k = 0; k < 100; k++)                                            \
      keep[i][k] = helper(size);                                             \
    __asm__ volatile("");                                                    \
  }
CHAIN(0, 16)
CHAIN(1, 32)
CHAIN(2, 48)
CHAIN(3, 64)
CHAIN(4, 80)
CHAIN(5, 96)
CHAIN(6, 112)
CHAIN(7, 128)
CHAIN(8, 144)
CHAIN(9, 160)

int main(void) {
  chain0(); chain1(); chain2(); chain3(); chain4();
  chain5(); chain6(); chain7(); chain8(); chain9();
  return 0;
}

// CHECK:      size=10.9 KiB, count=100, average=112 B
// CHECK-NEXT: size=12.5 KiB, count=100, average=128 B
// CHECK-NEXT: size=14.1 KiB, count=100, average=144 B
// CHECK-NEXT: size=15.6 KiB, count=100, average=160 B
// CHECK-NEXT: size=1600 B, count=100, average=16 B
// CHECK-NEXT: size=3200 B, count=100, average=32 B
// CHECK-NEXT: size=4800 B, count=100, average=48 B
// CHECK-NEXT: size=6400 B, count=100, average=64 B
// CHECK-NEXT: size=8000 B, count=100, average=80 B
// CHECK-NEXT: size=9600 B, count=100, average=96 B
// CHECK-NOT:  size=
