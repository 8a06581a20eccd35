/* The thread's stack bounds, for the unwinder's checks (unwind.h). */
#define _GNU_SOURCE
#include "unwind.h"

#include <pthread.h>

void tm_unwind_stack_bounds(uintptr_t *lo, uintptr_t *hi) {
  pthread_attr_t attr;
  void *base = NULL;
  size_t size = 0;
  /* pthread_getattr_np reads /proc/self/maps for the main thread, which
   * allocates: not a traced allocation. */
  tm_enter();
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstack(&attr, &base, &size);
    pthread_attr_destroy(&attr);
  }
  tm_leave();
  tm_self.stack_lo = (uintptr_t)base;
  /* Unknown bounds: an empty stack, so nothing is read. */
  tm_self.stack_hi = base ? (uintptr_t)base + size : 1;
  *lo = tm_self.stack_lo;
  *hi = tm_self.stack_hi;
}
