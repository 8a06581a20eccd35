// REQUIRES: lld
// RUN: rm -rf %t && mkdir -p %t
// RUN: %tmcc -flto -O2 -c %inputs/lto/maker.c -o %t/maker.o
// RUN: %tmcc -flto -O2 -c %s -o %t/main.o
// RUN: %tmcc -flto -fuse-ld=lld -O2 %t/maker.o %t/main.o -o %t/full
// RUN: %tmcc -flto=thin -O2 -c %inputs/lto/maker.c -o %t/maker.thin.o
// RUN: %tmcc -flto=thin -O2 -c %s -o %t/main.thin.o
// RUN: %tmcc -flto=thin -fuse-ld=lld -O2 %t/maker.thin.o %t/main.thin.o -o %t/thin
// RUN: env TRACEMALLOC=1 %t/full | FileCheck %s
// RUN: env TRACEMALLOC=1 %t/thin | FileCheck %s
// Full and thin link-time optimisation: the pass runs in each
// translation unit's compile (its output is bitcode), and the link, which
// optimises the whole program again and inlines across the units, keeps
// every site record once and every hint around its call: the statistics
// name each unit's own line, exactly.  The section holds two records, no
// more (each object's constructor registers only its own).
// RUN: llvm-objdump -h %t/full | FileCheck %s --check-prefix=SECTION
// RUN: llvm-objdump -h %t/thin | FileCheck %s --check-prefix=SECTION
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

void *make_block(size_t n);
static void *blocks[300];

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  for (int i = 0; i < 100; i++)
    blocks[i] = make_block(64);
  for (int i = 100; i < 300; i++)
    blocks[i] = malloc(32); // line 31
  tm_snapshot *snap = tm_take_snapshot();
  tm_stats *st = tm_snapshot_statistics(snap, TM_KEY_LINENO, false);
  char line[256];
  for (size_t i = 0; i < tm_stats_count(st); i++) {
    tm_stat_format(tm_stats_get(st, i), line, sizeof line);
    puts(line);
  }
  tm_stats_free(st);
  tm_snapshot_free(snap);
  return 0;
}
// CHECK:      {{.*}}lto.c:31: size=6400 B, count=200, average=32 B
// CHECK-NEXT: {{.*}}maker.c:6: size=6400 B, count=100, average=64 B
// CHECK-NOT:  {{.}}

// Two 40-byte records: 0x50.
// SECTION: __tm_sites 00000050
