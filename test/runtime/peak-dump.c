// RUN: rm -f %t.peak
// RUN: %tmcc -O1 %s -o %t
// RUN: env TRACEMALLOC=1 TRACEMALLOC_PEAK_DUMP=%t.peak %t %t.peak | FileCheck %s
// TRACEMALLOC_PEAK_DUMP keeps a dump of the heap near its highest point:
// after the heap grew to 1 MB and shrank back, the file still holds the
// blocks alive near the peak (within the 10 % growth step), not what is
// alive at exit.
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

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  for (int i = 0; i < BLOCKS; i++)
    blocks[i] = malloc(10000); // line 34
  /* The dump thread writes the file soon after each 10 % step of the
   * peak; wait for one taken near the top. */
  long seen = -1;
  for (int i = 0; i < 500 && seen < BLOCKS * 10 / 11; i++) {
    usleep(10000);
    seen = access(argv[1], F_OK) == 0 ? blocks_in_dump(argv[1], 34) : -1;
  }
  for (int i = 0; i < BLOCKS; i++)
    free(blocks[i]);
  void *small = malloc(10); // line 44
  usleep(100000); /* a dump now would show the small heap: none comes */
  long after = blocks_in_dump(argv[1], 34);
  printf("near the peak: %s; still after shrinking: %s\n",
         seen >= BLOCKS * 10 / 11 ? "yes" : "no",
         after >= BLOCKS * 10 / 11 ? "yes" : "no");
  free(small);
  return 0;
}
// CHECK: near the peak: yes; still after shrinking: yes
