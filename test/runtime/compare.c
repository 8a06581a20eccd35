// RUN: %tmcc -O1 -I%inputs/runtime %s -o %t && %t | FileCheck %s
// Snapshot.compare_to in C: a key that grows, one that shrinks, one that
// appears and one that disappears, with Python's StatisticDiff text and
// sort order; by file too, and cumulative.  (Expected text: CPython's
// tracemalloc fed the same traces.)
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

#include "print_stats.h"

static void *a[20], *b[5], *c, *d[3];

int main(void) {
  puts("start"); // stdout's buffer is allocated now, before tracing
  tm_start(1);
  for (int i = 0; i < 10; i++)
    a[i] = malloc(100); // line 18
  for (int i = 0; i < 5; i++)
    b[i] = malloc(1000); // line 20
  c = malloc(50); // line 21
  tm_snapshot *old = tm_take_snapshot();

  free(c);
  for (int i = 10; i < 20; i++)
    a[i] = malloc(100); // line 26
  free(b[0]);
  free(b[1]);
  for (int i = 0; i < 3; i++)
    d[i] = malloc(4096); // line 30
  tm_snapshot *now = tm_take_snapshot();

  puts("lineno");
  print_diff(tm_snapshot_compare_to(now, old, TM_KEY_LINENO, false));
  // CHECK-LABEL: lineno
  // CHECK-NEXT: {{.*}}compare.c:[[#@LINE-6]]: size=12.0 KiB (+12.0 KiB), count=3 (+3), average=4096 B
  // CHECK-NEXT: {{.*}}compare.c:[[#@LINE-17]]: size=3000 B (-2000 B), count=3 (-2), average=1000 B
  // CHECK-NEXT: {{.*}}compare.c:[[#@LINE-12]]: size=1000 B (+1000 B), count=10 (+10), average=100 B
  // CHECK-NEXT: {{.*}}compare.c:[[#@LINE-18]]: size=0 B (-50 B), count=0 (-1)
  // CHECK-NEXT: {{.*}}compare.c:[[#@LINE-22]]: size=1000 B (+0 B), count=10 (+0), average=100 B
  // CHECK-NEXT: stats
  puts("stats");
  tm_stats *st = tm_snapshot_compare_to(now, old, TM_KEY_LINENO, false);
  const tm_stat *top = tm_stats_get(st, 0);
  printf("%zu %zu %lld %lld\n", top->size, top->count, top->size_diff,
         top->count_diff);
  // CHECK-NEXT: 12288 3 12288 3
  tm_stats_free(st);

  puts("filename");
  print_diff(tm_snapshot_compare_to(now, old, TM_KEY_FILENAME, false));
  // CHECK-LABEL: filename
  // CHECK-NEXT: {{.*}}compare.c:0: size=16.9 KiB (+11.0 KiB), count=26 (+10), average=665 B

  puts("cumulative");
  print_diff(tm_snapshot_compare_to(now, old, TM_KEY_LINENO, true));
  // CHECK-LABEL: cumulative
  // CHECK-NEXT: {{.*}}compare.c:[[#@LINE-28]]: size=12.0 KiB (+12.0 KiB), count=3 (+3), average=4096 B

  printf("bad %p %p\n", (void *)tm_snapshot_compare_to(now, NULL, TM_KEY_LINENO, false),
         (void *)tm_snapshot_compare_to(now, old, TM_KEY_TRACEBACK, true));
  // CHECK: bad (nil) (nil)
  tm_snapshot_free(old);
  tm_snapshot_free(now);
  return 0;
}
