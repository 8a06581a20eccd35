// RUN: rm -f %t.peak
// RUN: %tmcc -O1 %s -o %t
// RUN: env TRACEMALLOC=1 TRACEMALLOC_PEAK_DUMP=%t.peak %t %t.peak | FileCheck %s
// TRACEMALLOC_PEAK_DUMP keeps a dump of the heap near its highest point:
// the heap grows to 1 MB and shrinks back at once, without giving the dump
// thread a moment, and the file still holds the blocks alive near the peak
// (within the 10 % growth step), not what is alive when it is written or
// at exit: the allocation that crossed the threshold copied the table.
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>
#include <unistd.h>

enum { BLOCKS = 100 };
static void *blocks[BLOCKS];

/* The count of live blocks from `line` in the dump at path, or -1. */
static long blocks_in_dump(const char *path, unsigned line) {
  tm_snapshot *snap = tm_snapshot_load(path);
  if (!snap)
    return -1;
  tm_stats *st = tm_snapshot_statistics(snap, TM_KEY_LINENO, false);
  long count = 0;
  for (size_t i = 0; i < tm_stats_count(st); i++)
    if (tm_stats_get(st, i)->traceback->frames[0].lineno == line)
      count = (long)tm_stats_get(st, i)->count;
  tm_stats_free(st);
  tm_snapshot_free(snap);
  return count;
}

/* Waits up to 5 s for the dump at path to hold at least `want` blocks of
 * `line`; returns the last count seen. */
static long wait_for_dump(const char *path, unsigned line, long want) {
  long seen = -1;
  for (int i = 0; i < 500 && seen < want; i++) {
    usleep(10000);
    seen = access(path, F_OK) == 0 ? blocks_in_dump(path, line) : -1;
  }
  return seen;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  for (int i = 0; i < BLOCKS; i++)
    blocks[i] = malloc(10000); // line 46
  for (int i = 0; i < BLOCKS; i++)
    free(blocks[i]);
  void *small = malloc(10); // line 49
  long seen = wait_for_dump(argv[1], 46, BLOCKS * 10 / 11);
  usleep(100000); /* a dump now would show the small heap: none comes */
  long after = blocks_in_dump(argv[1], 46);
  printf("near the peak: %s; still after shrinking: %s\n",
         seen >= BLOCKS * 10 / 11 ? "yes" : "no",
         after >= BLOCKS * 10 / 11 ? "yes" : "no");
  free(small);
  return 0;
}
// CHECK: near the peak: yes; still after shrinking: yes
