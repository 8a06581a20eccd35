/* A "vendor" library built without the pass (plain clang, with line
 * tables), archived into a static library by the test that uses it.  Line
 * numbers matter to that test. */
#include <stdlib.h>
#include <string.h>

char *vendor_make_name(const char *prefix, int n) {
  char *name = malloc(strlen(prefix) + 16); /* line 8 */
  if (name)
    strcpy(name, prefix);
  (void)n;
  return name;
}
