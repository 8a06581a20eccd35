// RUN: cd %S && %tmcc -O1 diff.c -o %t && %t %t.old.dump %t.new.dump > %t.api
// RUN: FileCheck %s --input-file=%t.api
// RUN: cd %S && (echo '== lineno'; %tmreport diff %t.old.dump %t.new.dump; \
// RUN:  echo '== -n 2'; %tmreport diff -n 2 %t.old.dump %t.new.dump; \
// RUN:  echo '== filename'; %tmreport diff --key filename %t.old.dump %t.new.dump; \
// RUN:  echo '== traceback'; %tmreport diff --key traceback %t.old.dump %t.new.dump; \
// RUN:  echo '== exclude'; %tmreport diff --exclude diff.c %t.old.dump %t.new.dump \
// RUN: ) > %t.tool
// RUN: diff %t.api %t.tool
// RUN: %tmreport diff %t.new.dump %t.new.dump > %t.same
// RUN: FileCheck %s --check-prefix=SAME --input-file=%t.same && count 4 < %t.same
// tmreport diff OLD NEW prints what Snapshot.compare_to(old) of the new
// snapshot gives, byte for byte as the C API: a key that grows, one that
// shrinks, one that appears and one that disappears (size 0, count 0).
// A dump compared with itself lists every key, each with +0 differences.
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

static void print_diff(const tm_snapshot *now, const tm_snapshot *old,
                       tm_key key, size_t limit) {
  tm_stats *stats = tm_snapshot_compare_to(now, old, key, false);
  char text[4096];
  for (size_t i = 0; i < tm_stats_count(stats) && (!limit || i < limit); i++) {
    const tm_stat *stat = tm_stats_get(stats, i);
    tm_stat_diff_format(stat, text, sizeof text);
    puts(text);
    if (key == TM_KEY_TRACEBACK) {
      tm_traceback_format(stat->traceback, 0, false, text, sizeof text);
      fputs(text, stdout);
    }
  }
  tm_stats_free(stats);
}

static void *a[20], *b[5], *c, *d[3];

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0); /* no stdout buffer in the snapshots */
  tm_start(1);
  for (int i = 0; i < 10; i++)
    a[i] = malloc(100); // line 42
  for (int i = 0; i < 5; i++)
    b[i] = malloc(1000); // line 44
  c = malloc(50); // line 45
  tm_snapshot *old = tm_take_snapshot();
  free(c);
  for (int i = 10; i < 20; i++)
    a[i] = malloc(100); // line 49
  free(b[0]);
  free(b[1]);
  for (int i = 0; i < 3; i++)
    d[i] = malloc(4096); // line 53
  tm_snapshot *now = tm_take_snapshot();
  tm_stop();
  if (tm_snapshot_dump(old, argv[1]) || tm_snapshot_dump(now, argv[2])) {
    printf("dump failed: %s\n", tm_last_error());
    return 1;
  }
  puts("== lineno");
  print_diff(now, old, TM_KEY_LINENO, 10);
  // CHECK-LABEL: == lineno
  // CHECK-NEXT: diff.c:53: size=12.0 KiB (+12.0 KiB), count=3 (+3), average=4096 B
  // CHECK-NEXT: diff.c:44: size=3000 B (-2000 B), count=3 (-2), average=1000 B
  // CHECK-NEXT: diff.c:49: size=1000 B (+1000 B), count=10 (+10), average=100 B
  // CHECK-NEXT: diff.c:45: size=0 B (-50 B), count=0 (-1)
  // CHECK-NEXT: diff.c:42: size=1000 B (+0 B), count=10 (+0), average=100 B
  // CHECK-NEXT: == -n 2
  puts("== -n 2");
  print_diff(now, old, TM_KEY_LINENO, 2);
  puts("== filename");
  print_diff(now, old, TM_KEY_FILENAME, 10);
  // CHECK-LABEL: == filename
  // CHECK-NEXT: diff.c:0: size=16.9 KiB (+11.0 KiB), count=26 (+10), average=665 B
  // CHECK-NEXT: == traceback
  puts("== traceback");
  print_diff(now, old, TM_KEY_TRACEBACK, 10);
  // CHECK-NEXT: diff.c:53: size=12.0 KiB (+12.0 KiB), count=3 (+3), average=4096 B
  // CHECK-NEXT:   File "diff.c", line 53
  // CHECK-NEXT:     d[i] = malloc(4096); // line 53
  puts("== exclude");
  // CHECK-LABEL: == exclude
  // CHECK-EMPTY:
  tm_snapshot_free(now);
  tm_snapshot_free(old);
  return 0;
}
// SAME-COUNT-4: diff.c:{{[0-9]+}}: size={{.*}} (+0 B), count={{[0-9]+}} (+0), average=
