/* An instrumented shared library that allocates, for the shared-library
 * tests: linked into a program, or dlopen()ed and dlclose()d.  Line numbers
 * matter to those tests. */
#include <stdlib.h>
#include <string.h>

void *plugin_allocate(size_t size) {
  return malloc(size); /* line 8 */
}

char *plugin_copy(const char *text) {
  return strdup(text); /* line 12 */
}
