/* Wrappers of the wrappers, in another translation unit again: their calls
 * are forwarding ones (their result is returned), which is all this
 * module's pass can know of them. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* Two wrappers deep: copy_string -> checked_alloc -> malloc. */
char *copy_string(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = checked_alloc(n); // line 12
  memcpy(p, s, n);
  return p;
}

/* Lua's luaM_malloc_: the allocator reached through the state. */
void *state_alloc(struct state *g, size_t n) {
  void *block = g->frealloc(g->ud, NULL, 0, n); // line 19
  if (block == NULL)
    abort();
  return block;
}
