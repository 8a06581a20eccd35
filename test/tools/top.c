// RUN: cd %S && %tmcc -O1 -ftm-no-auto-wrapper top.c -o %t && %t %t.dump > %t.api
// RUN: FileCheck %s --input-file=%t.api
// RUN: cd %S && (echo '== lineno'; %tmreport top %t.dump; \
// RUN:  echo '== -n 1'; %tmreport top -n 1 %t.dump; \
// RUN:  echo '== filename'; %tmreport top %t.dump --key filename; \
// RUN:  echo '== cumulative'; %tmreport top --cumulative -n0 %t.dump; \
// RUN:  echo '== traceback'; %tmreport top --key=traceback -n 2 %t.dump; \
// RUN:  echo '== include'; %tmreport top --include '*pool.h' %t.dump; \
// RUN:  echo '== exclude'; %tmreport top --exclude '*pool.h' --exclude top.c %t.dump; \
// RUN:  echo '== domain 7'; %tmreport top --domain 7 %t.dump; \
// RUN:  echo '== domain 0, include'; %tmreport top --include '*top.c' --domain 0 %t.dump; \
// RUN:  echo '== domains 0 and 7, exclude'; %tmreport top --domain 0 --domain=7 --exclude '*pool.h' %t.dump \
// RUN: ) > %t.tool
// RUN: diff %t.api %t.tool
// tmreport top prints, byte for byte, what the C API prints for the same
// snapshot: statistics by line, by file, cumulative, by traceback with the
// tracebacks (Python's "display the traceback of the biggest memory block"),
// -n, and the filters: --include, --exclude, --domain (which restricts: it
// is applied before the patterns, not or-ed with them).  Run in the source
// directory, so that the tracebacks show the source lines.
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

#include "Inputs/pool.h"

/* A call in tail position leaves no frame at -O1: keep each one. */
#define KEEP_FRAME() __asm__ volatile("")

__attribute__((noinline)) static void *leaf(size_t n) {
  return malloc(n); // line 31
}

__attribute__((noinline)) static void *middle(size_t n) {
  void *p = leaf(n); // line 35
  KEEP_FRAME();
  return p;
}

__attribute__((noinline)) static void *outer(size_t n) {
  void *p = middle(n); // line 41
  KEEP_FRAME();
  return p;
}

static void print_stats(const tm_snapshot *snapshot, tm_key key,
                        bool cumulative, size_t limit) {
  tm_stats *stats = tm_snapshot_statistics(snapshot, key, cumulative);
  char text[4096];
  for (size_t i = 0; i < tm_stats_count(stats) && (!limit || i < limit); i++) {
    const tm_stat *stat = tm_stats_get(stats, i);
    tm_stat_format(stat, text, sizeof text);
    puts(text);
    if (key == TM_KEY_TRACEBACK) {
      tm_traceback_format(stat->traceback, 0, false, text, sizeof text);
      fputs(text, stdout);
    }
  }
  tm_stats_free(stats);
}

/* What tmreport does with --domain and patterns: domains first. */
static void print_filtered(const tm_snapshot *snapshot,
                           const tm_filter *domains, size_t ndomain,
                           const tm_filter *filters, size_t nfilter) {
  tm_snapshot *by_domain = tm_snapshot_filter_traces(snapshot, domains, ndomain);
  tm_snapshot *filtered = tm_snapshot_filter_traces(by_domain, filters, nfilter);
  print_stats(filtered, TM_KEY_LINENO, false, 10);
  tm_snapshot_free(filtered);
  tm_snapshot_free(by_domain);
}

static void *blocks[40];

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0); /* no stdout buffer in the snapshot */
  tm_start(3);
  for (int i = 0; i < 10; i++)
    blocks[i] = outer(100); // line 79
  for (int i = 10; i < 14; i++)
    blocks[i] = middle(1000); // line 81
  for (int i = 14; i < 17; i++)
    blocks[i] = pool_grow(4096);
  tm_track(7, 0x1000, 5000); // line 84
  for (int i = 17; i < 29; i++)
    blocks[i] = malloc(10 + i); // line 86
  tm_snapshot *snapshot = tm_take_snapshot();
  tm_stop();
  if (tm_snapshot_dump(snapshot, argv[1]) != 0) {
    printf("dump failed: %s\n", tm_last_error());
    return 1;
  }

  puts("== lineno");
  print_stats(snapshot, TM_KEY_LINENO, false, 10);
  // CHECK-LABEL: == lineno
  // CHECK-NEXT: {{.*}}pool.h:6: size=12.0 KiB, count=3, average=4096 B
  // CHECK-NEXT: {{.*}}top.c:31: size=5000 B, count=14, average=357 B
  // CHECK-NEXT: {{.*}}top.c:84: size=5000 B, count=1, average=5000 B
  // CHECK-NEXT: {{.*}}top.c:86: size=390 B, count=12, average=32 B
  // CHECK-NEXT: == -n 1
  puts("== -n 1");
  print_stats(snapshot, TM_KEY_LINENO, false, 1);
  puts("== filename");
  print_stats(snapshot, TM_KEY_FILENAME, false, 10);
  // CHECK-LABEL: == filename
  // CHECK-NEXT: {{.*}}pool.h:0: size=12.0 KiB, count=3, average=4096 B
  // CHECK-NEXT: {{.*}}top.c:0: size=10.1 KiB, count=27, average=385 B
  puts("== cumulative");
  print_stats(snapshot, TM_KEY_LINENO, true, 0);
  // CHECK-LABEL: == cumulative
  // CHECK: {{.*}}top.c:35: size=5000 B, count=14, average=357 B
  // CHECK: {{.*}}top.c:41: size=1000 B, count=10, average=100 B
  puts("== traceback");
  print_stats(snapshot, TM_KEY_TRACEBACK, false, 2);
  // CHECK-LABEL: == traceback
  // CHECK-NEXT: {{.*}}: size=12.0 KiB, count=3, average=4096 B
  // CHECK:        File "top.c", line 83
  // CHECK-NEXT:     blocks[i] = pool_grow(4096);
  // CHECK-NEXT:   File "./Inputs/pool.h", line 6
  // CHECK-NEXT:     return malloc(n); // pool.h line 6
  // CHECK-NEXT: {{.*}}: size=5000 B, count=1, average=5000 B
  // CHECK:        File "top.c", line 84
  // CHECK-NEXT:     tm_track(7, 0x1000, 5000); // line 84
  // CHECK-NEXT: == include
  tm_filter pool = TM_FILTER(true, "*pool.h");
  tm_filter no_pool[] = {TM_FILTER(false, "*pool.h"), TM_FILTER(false, "top.c")};
  tm_filter top_c = TM_FILTER(true, "*top.c");
  tm_filter heap[] = {TM_DOMAIN_FILTER(true, 0), TM_DOMAIN_FILTER(true, 7)};
  puts("== include");
  print_filtered(snapshot, NULL, 0, &pool, 1);
  // CHECK-NEXT: {{.*}}pool.h:6: size=12.0 KiB, count=3, average=4096 B
  // CHECK-NEXT: == exclude
  puts("== exclude");
  print_filtered(snapshot, NULL, 0, no_pool, 2);
  // CHECK-NEXT: == domain 7
  puts("== domain 7");
  print_filtered(snapshot, &heap[1], 1, NULL, 0);
  // CHECK-NEXT: {{.*}}top.c:84: size=5000 B, count=1, average=5000 B
  // CHECK-NEXT: == domain 0, include
  puts("== domain 0, include");
  print_filtered(snapshot, &heap[0], 1, &top_c, 1);
  // CHECK-NEXT: {{.*}}top.c:31: size=5000 B, count=14, average=357 B
  // CHECK-NEXT: {{.*}}top.c:86: size=390 B, count=12, average=32 B
  // CHECK-NEXT: == domains 0 and 7, exclude
  puts("== domains 0 and 7, exclude");
  print_filtered(snapshot, heap, 2, no_pool, 1);
  // CHECK-NEXT: {{.*}}top.c:31: size=5000 B, count=14, average=357 B
  // CHECK-NEXT: {{.*}}top.c:84: size=5000 B, count=1, average=5000 B
  // CHECK-NEXT: {{.*}}top.c:86: size=390 B, count=12, average=32 B
  // CHECK-EMPTY:
  tm_snapshot_free(snapshot);
  return 0;
}
