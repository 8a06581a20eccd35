/*
 * Frame-pointer unwinding for tracebacks deeper than the allocation site.
 *
 * tmcc compiles with frame pointers, so each frame starts with the
 * caller's frame pointer and the return address.  Code built without them
 * (the C library, among others) uses the frame pointer register for data:
 * every candidate frame is checked to lie above the previous one and
 * inside the thread's stack before it is read, so a bogus chain ends the
 * walk instead of faulting.
 */
#ifndef TM_UNWIND_H
#define TM_UNWIND_H

#include "internal.h"

/* Walks at most this many frames to count a traceback's total depth. */
#define TM_UNWIND_MAX_DEPTH 1024

/* The calling thread's stack [lo, hi), found once per thread. */
void tm_unwind_stack_bounds(uintptr_t *lo, uintptr_t *hi);

/*
 * Stores the return addresses of the frame record at `start` and of the
 * frames above it into pcs, at most max of them, and returns how many;
 * *depth gets the number of frames counted, up to TM_UNWIND_MAX_DEPTH.
 * `start` is the frame of the runtime's entry point, or the frame of the
 * instrumented function that called the allocation function: the walk
 * never passes through the frames in between, which the C library may
 * have built without frame pointers.
 */
static inline size_t tm_unwind(const void *start, uintptr_t *pcs, size_t max,
                               size_t *depth) {
  uintptr_t lo = tm_self.stack_lo, hi = tm_self.stack_hi;
  if (tm_unlikely(!hi))
    tm_unwind_stack_bounds(&lo, &hi);
  const uintptr_t *fp = start;
  size_t n = 0, total = 0;
  while ((uintptr_t)fp >= lo && (uintptr_t)fp + 16 <= hi &&
         ((uintptr_t)fp & 7) == 0 && total < TM_UNWIND_MAX_DEPTH) {
    const uintptr_t *next = (const uintptr_t *)fp[0];
    uintptr_t pc = fp[1];
    if (!pc)
      break;
    if (n < max)
      pcs[n++] = pc;
    total++;
    if (next <= fp)
      break;
    fp = next;
  }
  *depth = total;
  return n;
}

#endif /* TM_UNWIND_H */
