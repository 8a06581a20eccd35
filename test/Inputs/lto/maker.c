/* The other translation unit of runtime/lto.c: its allocation site must
 * keep its own file and line after link-time inlining. */
#include <stdlib.h>

void *make_block(size_t n) {
  return malloc(n); /* line 6 */
}
