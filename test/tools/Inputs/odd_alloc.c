/* An allocation for growth.c, in a file that the tests of tmreport html
 * copy to a name with markup characters in it. */
#include <stdlib.h>

void *odd_alloc(size_t n) {
  return malloc(n); // line 6
}
