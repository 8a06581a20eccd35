/* A helper written in a header: inlined, its allocation is still its own. */
#include <stdlib.h>

static inline char *make_buffer(size_t n) {
  return malloc(n);
}
