#include <stddef.h>

void *checked_alloc(size_t n);
void *sized_alloc(size_t n);
void sized_free(void *p);
void *realloc_alloc(void *ud, void *block, size_t old, size_t size);
void keep_alloc(size_t n);

typedef void *(*allocator_fn)(void *ud, void *block, size_t old, size_t size);
struct state {
  allocator_fn frealloc;
  void *ud;
};
char *copy_string(const char *s);
void *state_alloc(struct state *g, size_t n);
