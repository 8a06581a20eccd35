// RUN: %tmcc -O1 %s -o %t
// RUN: for i in $(seq 20); do rm -f %t.peak; env TRACEMALLOC=1 TRACEMALLOC_PEAK_DUMP=%t.peak %t; %t %t.peak; done | sort | uniq -c | FileCheck %s --match-full-lines
// A program that ends right after its peak still leaves its peak dump:
// exit writes the capture the dump thread has not taken yet, or waits
// for the dump the thread is writing.  Twenty runs, twenty files, each
// with the blocks alive near the peak (within the 10 % growth step).
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>
#include <unistd.h>

enum { BLOCKS = 100 };
static void *blocks[BLOCKS];

/* Whether the dump at path holds the blocks of line 37 near the peak. */
static int check(const char *path) {
  tm_snapshot *snap = access(path, F_OK) == 0 ? tm_snapshot_load(path) : NULL;
  if (!snap) {
    puts("no dump");
    return 0;
  }
  tm_stats *st = tm_snapshot_statistics(snap, TM_KEY_LINENO, false);
  size_t count = 0;
  for (size_t i = 0; i < tm_stats_count(st); i++)
    if (tm_stats_get(st, i)->traceback->frames[0].lineno == 37)
      count = tm_stats_get(st, i)->count;
  printf("near the peak: %s\n", count >= BLOCKS * 10 / 11 ? "yes" : "no");
  tm_stats_free(st);
  tm_snapshot_free(snap);
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1)
    return check(argv[1]);
  for (int i = 0; i < BLOCKS; i++)
    blocks[i] = malloc(10000); // line 37
  for (int i = 0; i < BLOCKS; i++)
    free(blocks[i]);
  return 0;
}
// CHECK: {{ *}}20 near the peak: yes
// CHECK-NOT: {{.}}
