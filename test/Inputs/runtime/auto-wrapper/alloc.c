/* Allocation wrappers of the kinds real projects have, in a translation
 * unit of their own: the callers' modules cannot see that they allocate. */
#include <stdlib.h>

#include "alloc.h"

/* jq's jv_mem_alloc: allocate or die. */
void *checked_alloc(size_t n) {
  void *p = malloc(n); // line 9
  if (!p)
    abort();
  return p;
}

/* A header in front of the block, as a string library keeps its length. */
void *sized_alloc(size_t n) {
  size_t *h = malloc(n + sizeof(size_t)); // line 17
  if (!h)
    return NULL;
  *h = n;
  return h + 1;
}

void sized_free(void *p) { free((size_t *)p - 1); }

/* Lua's l_alloc: the whole allocator behind one function pointer. */
void *realloc_alloc(void *ud, void *block, size_t old, size_t size) {
  (void)ud;
  (void)old;
  if (size == 0) {
    free(block);
    return NULL;
  }
  return realloc(block, size); // line 34
}

/* Allocates, but keeps the block: no wrapper. */
static void *kept;
void keep_alloc(size_t n) {
  kept = malloc(n); // line 40
}
