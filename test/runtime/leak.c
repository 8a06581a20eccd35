// RUN: %tmcc -O2 %s -o %t.O2 && %t.O2 | FileCheck %s
// RUN: %tmcc -O0 %s -o %t.O0 && %t.O0 | FileCheck %s
// RUN: env TRACEMALLOC=1 TRACEMALLOC_TOP=10 %t.O2 2>&1 >/dev/null | FileCheck %s --check-prefix=TOP
// The foundation's acceptance example: per-line statistics of a program
// built with tmcc, exact at -O0 and -O2, and the same lines from
// TRACEMALLOC_TOP at exit without touching the source.
#include <tracemalloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
void *keep[1000];
int main(void) {
    tm_start(1);
    for (int i = 0; i < 1000; i++) keep[i] = malloc(64);     /* line 14 */
    char *s = strdup("hello");                                /* line 15 */
    tm_snapshot *snap = tm_take_snapshot();
    tm_stats *st = tm_snapshot_statistics(snap, TM_KEY_LINENO, false);
    char line[512];
    for (size_t i = 0; i < tm_stats_count(st) && i < 5; i++) {
        tm_stat_format(tm_stats_get(st, i), line, sizeof line);
        puts(line);
    }
    tm_stats_free(st); tm_snapshot_free(snap);
    return s == NULL;
}
// CHECK:      leak.c:14: size=62.5 KiB, count=1000, average=64 B
// CHECK-NEXT: leak.c:15: size=6 B, count=1, average=6 B
// CHECK-NOT:  leak.c

// TOP:     leak.c:14: size=62.5 KiB, count=1000, average=64 B
// TOP-DAG: leak.c:15: size=6 B, count=1, average=6 B
