/* Two dumps with known allocations, for the tests of tmreport html:
 * argv[1] is written first, argv[2] after the program has grown.  The
 * function odd_alloc() is in a file whose name the test chooses
 * (odd_alloc.c copied to a name with markup characters in it). */
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

#include "pool.h"

void *odd_alloc(size_t n);

static void *small[10], *pages[3], *pool[2], *odd[2];

static int dump(const tm_snapshot *snapshot, const char *path) {
  if (tm_snapshot_dump(snapshot, path) == 0)
    return 0;
  printf("dump failed: %s\n", tm_last_error());
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  setvbuf(stdout, NULL, _IONBF, 0); /* no stdout buffer in the snapshots */
  tm_start(4);
  for (int i = 0; i < 10; i++)
    small[i] = malloc(100); // growth.c line 28
  for (int i = 0; i < 2; i++)
    pool[i] = pool_grow(4096); // growth.c line 30
  odd[0] = odd_alloc(5000);
  tm_snapshot *before = tm_take_snapshot();
  for (int i = 0; i < 3; i++)
    pages[i] = malloc(4096); // growth.c line 34
  for (int i = 5; i < 10; i++)
    free(small[i]);
  odd[1] = odd_alloc(5000);
  tm_snapshot *after = tm_take_snapshot();
  tm_stop();
  return dump(before, argv[1]) | dump(after, argv[2]);
}
