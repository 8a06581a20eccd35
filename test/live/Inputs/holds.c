/* Holds 1000 blocks of 64 bytes from one line, 3 of 5000 (traced by
 * address) from another, and frees 10 of 32 bytes from a third, then
 * exits: with TRACEMALLOC_LIVE_KEEP=1 its live file stays behind. */
#include <stdlib.h>

static void *many[1000], *large[3];

static void hold(void) {
  for (int i = 0; i < 1000; i++)
    many[i] = malloc(64); /* line 10 */
  for (int i = 0; i < 3; i++)
    large[i] = malloc(5000); /* line 12 */
}

int main(void) {
  hold();
  for (int i = 0; i < 10; i++)
    free(malloc(32)); /* line 18 */
  return 0;
}
