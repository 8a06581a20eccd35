/* One live block at exit, for tests that need a dump made by
 * TRACEMALLOC_DUMP. */
#include <stdlib.h>

void *kept;

int main(void) {
  kept = malloc(4096); // keep.c line 8
  return 0;
}
