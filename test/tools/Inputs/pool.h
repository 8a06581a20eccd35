/* An allocation in a file of its own, for tmreport's --include and
 * --exclude tests. */
#include <stdlib.h>

__attribute__((noinline)) static void *pool_grow(size_t n) {
  return malloc(n); // pool.h line 6
}
