/* Allocations in a second source file, for tests that group or filter by
 * file; no wrapper, since the block goes through a global (line 6 matters). */
#include <stdlib.h>
static void *last;
void *other_allocate(size_t size) {
  last = malloc(size); /* line 6 */
  return last;
}
