/* Allocations in a second source file, for tests that group or filter by
 * file.  Line numbers matter to those tests. */
#include <stdlib.h>

void *other_allocate(size_t size) {
  return malloc(size); /* line 6 */
}
