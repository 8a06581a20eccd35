// REQUIRES: lld
// RUN: rm -rf %t && mkdir -p %t
// RUN: %tmcc -flto -O2 -c %inputs/lto/maker.c -o %t/maker.o
// RUN: %tmcc -flto -O2 -I%inputs/runtime -c %s -o %t/main.o
// RUN: %tmcc -flto -fuse-ld=lld -O2 %t/maker.o %t/main.o -o %t/full
// RUN: %tmcc -flto=thin -O2 -c %inputs/lto/maker.c -o %t/maker.thin.o
// RUN: %tmcc -flto=thin -O2 -I%inputs/runtime -c %s -o %t/main.thin.o
// RUN: %tmcc -flto=thin -fuse-ld=lld -O2 %t/maker.thin.o %t/main.thin.o -o %t/thin
// RUN: env TRACEMALLOC=1 %t/full | FileCheck %s
// RUN: env TRACEMALLOC=1 %t/thin | FileCheck %s
// Full and thin link-time optimisation: the pass runs in each
// translation unit's compile (its output is bitcode), and the link, which
// optimises the whole program again and inlines across the units, keeps
// every site record once and every hint around its call: the statistics
// name the right lines, exactly; make_block returns its block, so its
// caller's line (through the inlining across units too).  The section
// holds two records, no more (each object's constructor registers only
// its own).
// RUN: llvm-objdump -h %t/full | FileCheck %s --check-prefix=SECTION
// RUN: llvm-objdump -h %t/thin | FileCheck %s --check-prefix=SECTION
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

#include "print_stats.h"

void *make_block(size_t n);
static void *blocks[300];

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  for (int i = 0; i < 100; i++)
    blocks[i] = make_block(64); // line 33
  for (int i = 100; i < 300; i++)
    blocks[i] = malloc(32); // line 35
  print_stats();
  return 0;
}
// CHECK:      {{.*}}lto.c:35: size=6400 B, count=200, average=32 B
// CHECK-NEXT: {{.*}}lto.c:33: size=6400 B, count=100, average=64 B
// CHECK-NOT:  {{.}}

// Two 40-byte records: 0x50.
// SECTION: __tm_sites 00000050
