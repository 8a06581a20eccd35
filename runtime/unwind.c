/* The thread's stack bounds and main's return address, for the
 * unwinder's checks (unwind.h). */
#define _GNU_SOURCE
#include "unwind.h"

#include <execinfo.h>
#include <pthread.h>

uintptr_t tm_main_return; /* set by start_main.c */

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

/* How deep the system's unwinder looks: the deepest traceback kept, plus
 * the runtime's own frames below the program's. */
#define UNWIND_REST_MAX 320

size_t tm_unwind_rest(uintptr_t *pcs, size_t n, size_t max, size_t *depth) {
  void *frames[UNWIND_REST_MAX];
  if (!n)
    return n;
  tm_enter(); /* the unwinder may allocate: not the program's memory */
  int got = backtrace(frames, UNWIND_REST_MAX);
  tm_leave();
  /* The innermost frame holding the walk's first return address is where
   * the walk started (the same address twice is recursion, further up). */
  int from = 0;
  while (from < got && (uintptr_t)frames[from] != pcs[0])
    from++;
  if (from == got)
    return n;
  size_t found = (size_t)(got - from);
  if (found <= n)
    return n; /* no further than the walk: keep its count */
  size_t kept = found < max ? found : max;
  for (size_t i = 0; i < kept; i++)
    pcs[i] = (uintptr_t)frames[from + (int)i];
  *depth = found;
  return kept;
}

void tm_unwind_prepare(void) {
  void *frame;
  tm_enter();
  backtrace(&frame, 1);
  tm_leave();
}
