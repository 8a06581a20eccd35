// RUN: %tmcc -O1 -I%inputs/runtime %s %inputs/runtime/other.c -o %t && %t | FileCheck %s
// Snapshot.filter_traces with Python's rules: fnmatch patterns on the
// most recent frame, a line, a domain, DomainFilter, inclusive filters
// OR-ed and exclusive ones AND-ed; blocks of another allocator traced with
// tm_track in their own domain at the line that tracks them.  (Expected
// text: CPython's tracemalloc fed the same traces.)
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

#include "print_stats.h"

void *other_allocate(size_t size);
static void *keep[16];
static char pool[4096];

static void show(const char *title, const tm_snapshot *snap,
                 const tm_filter *filters, size_t n) {
  tm_snapshot *filtered = tm_snapshot_filter_traces(snap, filters, n);
  printf("%s: %zu traces\n", title, tm_snapshot_trace_count(filtered));
  print_snapshot_stats(filtered);
  tm_snapshot_free(filtered);
}

int main(void) {
  puts("start"); // stdout's buffer is allocated now, before tracing
  tm_start(1);
  for (int i = 0; i < 4; i++)
    keep[i] = malloc(10); // line 30
  for (int i = 4; i < 7; i++)
    keep[i] = other_allocate(20);
  keep[7] = malloc(30); // line 33
  tm_track(7, (uintptr_t)pool, 1000); // line 34
  tm_track(7, (uintptr_t)pool + 2000, 500); // line 35
  tm_track(7, (uintptr_t)pool + 2000, 600); // line 36: replaces line 35's
  tm_track(7, (uintptr_t)pool + 3000, 5);   // line 37
  tm_untrack(7, (uintptr_t)pool + 3000);
  tm_untrack(7, (uintptr_t)pool + 3500); /* never tracked: a no-op */
  tm_snapshot *snap = tm_take_snapshot();

  show("all", snap, NULL, 0);
  // CHECK-LABEL: all: 10 traces
  // CHECK-NEXT: {{.*}}filters.c:[[#@LINE-10]]: size=1000 B, count=1, average=1000 B
  // CHECK-NEXT: {{.*}}filters.c:[[#@LINE-9]]: size=600 B, count=1, average=600 B
  // CHECK-NEXT: {{.*}}other.c:6: size=60 B, count=3, average=20 B
  // CHECK-NEXT: {{.*}}filters.c:[[#@LINE-17]]: size=40 B, count=4, average=10 B
  // CHECK-NEXT: {{.*}}filters.c:[[#@LINE-15]]: size=30 B, count=1, average=30 B

  tm_filter only_other = TM_FILTER(true, "*other.c");
  show("only other.c", snap, &only_other, 1);
  // CHECK-LABEL: only other.c: 3 traces
  // CHECK-NEXT: {{.*}}other.c:6: size=60 B

  tm_filter not_other = TM_FILTER(false, "*/other.c");
  show("not other.c", snap, &not_other, 1);
  // CHECK-LABEL: not other.c: 7 traces

  tm_filter line_30 = TM_FILTER(true, "*filters.c");
  line_30.lineno = 30;
  show("line 30", snap, &line_30, 1);
  // CHECK-LABEL: line 30: 4 traces
  // CHECK-NEXT: {{.*}}filters.c:[[#@LINE-33]]: size=40 B, count=4

  tm_filter either[] = {line_30, only_other};
  show("line 30 or other.c", snap, either, 2);
  // CHECK-LABEL: line 30 or other.c: 7 traces

  tm_filter this_but_not_33[] = {TM_FILTER(true, "*filters.c"),
                                 TM_FILTER(false, "*filters.c")};
  this_but_not_33[1].lineno = 33;
  show("filters.c but not line 33", snap, this_but_not_33, 2);
  // CHECK-LABEL: filters.c but not line 33: 6 traces

  tm_filter heap_only = TM_DOMAIN_FILTER(false, 7);
  show("not domain 7", snap, &heap_only, 1);
  // CHECK-LABEL: not domain 7: 8 traces

  tm_filter pool_only = TM_DOMAIN_FILTER(true, 7);
  show("domain 7", snap, &pool_only, 1);
  // CHECK-LABEL: domain 7: 2 traces
  // CHECK-NEXT: {{.*}}filters.c:[[#@LINE-48]]: size=1000 B
  // CHECK-NEXT: {{.*}}filters.c:[[#@LINE-47]]: size=600 B

  tm_filter domain_0_here = TM_FILTER(true, "*filters.c");
  domain_0_here.domain = 0;
  show("filters.c in domain 0", snap, &domain_0_here, 1);
  // CHECK-LABEL: filters.c in domain 0: 5 traces

  tm_filter bad = {TM_FILTER_TRACES, true, NULL, TM_ANY_LINENO, false, TM_ANY_DOMAIN};
  printf("bad %p\n", (void *)tm_snapshot_filter_traces(snap, &bad, 1));
  // CHECK: bad (nil)

  size_t current;
  tm_get_traced_memory(&current, NULL);
  printf("current %zu, untrack when stopped %d\n", current,
         (tm_stop(), tm_untrack(7, (uintptr_t)pool)));
  // CHECK: current 1730, untrack when stopped -2
  tm_snapshot_free(snap);
  return 0;
}
