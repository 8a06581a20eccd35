/*
 * Frame-pointer unwinding for tracebacks deeper than the allocation site.
 *
 * tmcc compiles with frame pointers, so each frame starts with the
 * caller's frame pointer and the return address.  Code built without them
 * (the C library, among others) uses the frame pointer register for data:
 * every candidate frame is checked to lie above the previous one and
 * inside the thread's stack before it is read, so a bogus chain ends the
 * walk instead of faulting.  A walk that ends that way, rather than at the
 * outermost frame, lost its callers to a function built without frame
 * pointers in between (a library calling the program back):
 * tm_unwind_rest() finds them with the system's unwinder.
 */
#ifndef TM_UNWIND_H
#define TM_UNWIND_H

#include "internal.h"

/* Walks at most this many frames to count a traceback's total depth. */
#define TM_UNWIND_MAX_DEPTH 1024

/* The stack pointer the process started with (glibc's dynamic linker). */
extern void *__libc_stack_end;

/*
 * Whether a frame record whose saved frame pointer is not one ends the
 * stack rather than a broken chain.  A thread's outermost frame saves 0;
 * main's saves whatever the C library's start-up code left in the
 * register (glibc leaves 1), so main's frame is recognised by where it
 * lies: the start-up code's few frames above it take a few hundred bytes
 * below the process's first stack pointer.
 */
static inline bool tm_unwind_is_outermost(const uintptr_t *fp,
                                          const uintptr_t *next) {
  return !next || (uintptr_t)__libc_stack_end - (uintptr_t)fp < 1024;
}

/* The calling thread's stack [lo, hi), found once per thread. */
void tm_unwind_stack_bounds(uintptr_t *lo, uintptr_t *hi);

/*
 * Stores the return addresses of the frame record at `start` and of the
 * frames above it into pcs, at most max of them, and returns how many;
 * *depth gets the number of frames counted, up to TM_UNWIND_MAX_DEPTH, and
 * *broken whether the chain broke before the outermost frame.
 * `start` is the frame of the runtime's entry point, or the frame of the
 * instrumented function that called the allocation function: the walk
 * never passes through the frames in between, which the C library may
 * have built without frame pointers.
 */
static inline size_t tm_unwind(const void *start, uintptr_t *pcs, size_t max,
                               size_t *depth, bool *broken) {
  uintptr_t lo = tm_self.stack_lo, hi = tm_self.stack_hi;
  if (tm_unlikely(!hi))
    tm_unwind_stack_bounds(&lo, &hi);
  const uintptr_t *fp = start;
  size_t n = 0, total = 0;
  *broken = true;
  while ((uintptr_t)fp >= lo && (uintptr_t)fp + 16 <= hi &&
         ((uintptr_t)fp & 7) == 0) {
    const uintptr_t *next = (const uintptr_t *)fp[0];
    uintptr_t pc = fp[1];
    if (!pc || total == TM_UNWIND_MAX_DEPTH) {
      *broken = false;
      break;
    }
    if (n < max)
      pcs[n++] = pc;
    total++;
    if (next <= fp) {
      *broken = !tm_unwind_is_outermost(fp, next);
      break;
    }
    fp = next;
  }
  *depth = total;
  return n;
}

/*
 * After a broken walk that stored pcs[0, n): replaces them with the
 * stack the system's unwinder (DWARF call-frame information, through the
 * C library's backtrace()) sees from the same frame on, at most max
 * return addresses, and returns how many; *depth as for tm_unwind.  Keeps
 * the walk's result when the unwinder does not find pcs[0].
 */
size_t tm_unwind_rest(uintptr_t *pcs, size_t n, size_t max, size_t *depth);

/* Loads the system's unwinder now, at start-up: its first use loads a
 * library, which must not happen inside an allocation. */
void tm_unwind_prepare(void);

#endif /* TM_UNWIND_H */
