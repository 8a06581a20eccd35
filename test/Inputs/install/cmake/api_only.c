/* Calls the API with no instrumentation: the block is traced by the
 * runtime's malloc alone. */
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

int main(void) {
#ifdef __TRACEMALLOC__
  puts("__TRACEMALLOC__ is defined without tracemalloc_instrument");
#endif
  tm_start(1);
  void *block = malloc(1000);
  size_t current, peak;
  tm_get_traced_memory(&current, &peak);
  printf("api_only: traced %zu B\n", current);
  free(block);
  tm_stop();
  return 0;
}
