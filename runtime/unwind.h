/*
 * Frame-pointer unwinding for tracebacks deeper than the allocation site.
 *
 * tmcc compiles with frame pointers, so each frame starts with the
 * caller's frame pointer and the return address.  Code built without them
 * (the C library, libstdc++, among others) uses the frame pointer register
 * for data, so a frame record is followed only when its return address
 * lies in code known to keep frame pointers (code_ranges.c) and the
 * record it names lies above it, inside the thread's stack, aligned:
 * anything else ends the walk instead of faulting or skipping frames.  A
 * walk that ends that way, rather than at the outermost frame, lost its
 * callers to a function built without frame pointers in between (a
 * library calling the program back, libstdc++'s operator new):
 * tm_unwind_cfi() goes on through such frames with their call-frame
 * information, and where even that fails tm_unwind_rest() finds the
 * callers with the system's unwinder.
 */
#ifndef TM_UNWIND_H
#define TM_UNWIND_H

#include "internal.h"

/* Walks at most this many frames to count a traceback's total depth. */
#define TM_UNWIND_MAX_DEPTH 1024

/* The stack pointer the process started with (glibc's dynamic linker). */
extern void *__libc_stack_end;

/* ----- code that keeps frame pointers (code_ranges.c) -------------------- */

#define TM_MAX_CODE_RANGES 256

typedef struct tm_code_range {
  uintptr_t lo, hi;
} tm_code_range;

extern tm_code_range tm_code_ranges[TM_MAX_CODE_RANGES];
extern atomic_uint tm_code_range_count;

/* Trusts the executable segments of the loaded object that holds addr:
 * its every function keeps a frame pointer.  Called with the site
 * registry's lock held. */
void tm_code_ranges_add_object(const void *addr);

/* Whether the function that pc returns into keeps a frame pointer, so
 * that the frame record it saved names its caller's. */
static inline bool tm_unwind_trusts(uintptr_t pc) {
  unsigned n =
      atomic_load_explicit(&tm_code_range_count, memory_order_acquire);
  for (unsigned i = 0; i < n; i++)
    if (pc - tm_code_ranges[i].lo < tm_code_ranges[i].hi - tm_code_ranges[i].lo)
      return true;
  return false;
}

/* ----- the walk ----------------------------------------------------------- */

/* A thread's outermost frame lies this close to the top of its stack:
 * glibc's start_thread and the thread's own bookkeeping take some 4 KiB. */
#define TM_THREAD_TOP_MAX 65536

/* Where main returns to in the C library's start-up code, noted by the
 * runtime's __libc_start_main (start_main.c) before main runs; 0 when the
 * runtime was loaded after that (dlopen). */
extern uintptr_t tm_main_return;

/*
 * Whether the frame record at fp, whose return address ra is into code
 * without frame pointers and whose saved frame pointer is next, is the
 * stack's outermost: main's, returning into the C library's start-up
 * code, or a thread's function's, returning into the thread's start-up
 * code.  main's is known by its return address.  A thread's outermost
 * frame saves 0, which the thread's start-up code leaves in the register;
 * any other code without frame pointers may hold 0 too, so it is known by
 * where it lies as well, near the top of its thread's stack.  Without
 * main's return address, main's frame is known the same way, a few hundred
 * bytes below the process's first stack pointer (the start-up code's few
 * frames), which a callback from a library called by main can be too.
 */
static inline bool tm_unwind_is_outermost(uintptr_t fp, uintptr_t ra,
                                          uintptr_t next, uintptr_t hi) {
  uintptr_t main_end = (uintptr_t)__libc_stack_end;
  bool main_thread = main_end - fp < hi - fp; /* fp <= main_end < hi */
  if (main_thread)
    return tm_main_return ? ra == tm_main_return : main_end - fp < 1024;
  return !next && hi - fp < TM_THREAD_TOP_MAX;
}

/* Whether a frame record of 16 bytes at fp lies inside [lo, hi), aligned;
 * written so that no address near the top of the address space wraps. */
static inline bool tm_unwind_in_stack(uintptr_t fp, uintptr_t lo,
                                      uintptr_t hi) {
  return fp >= lo && fp < hi && hi - fp >= 16 && (fp & 7) == 0;
}

/* The calling thread's stack [lo, hi), found once per thread. */
void tm_unwind_stack_bounds(uintptr_t *lo, uintptr_t *hi);

/*
 * Stores the return addresses of the frame record at `start` and of the
 * frames above it into pcs, at most max of them, and returns how many;
 * *depth gets the number of frames counted, up to `count` (at least max:
 * TM_UNWIND_MAX_DEPTH for a traceback's depth, max when it is not
 * wanted, which stops the walk at the last frame kept), and
 * *broken whether the chain broke before the outermost frame; *resume
 * then the record whose return address is into code without frame
 * pointers, from which tm_unwind_cfi() goes on (0: the chain itself broke).
 * `start` is the frame of the runtime's entry point (from_entry), or the
 * frame of the instrumented function that called the allocation function:
 * the walk never passes through the frames in between, which the C
 * library may have built without frame pointers.  Code that calls the
 * runtime's entry point directly is never the start-up code, whatever
 * its frame looks like.
 */
static inline size_t tm_unwind(const void *start, bool from_entry,
                               uintptr_t *pcs, size_t max, size_t count,
                               size_t *depth, bool *broken, uintptr_t *resume) {
  uintptr_t lo = tm_self.stack_lo, hi = tm_self.stack_hi;
  if (tm_unlikely(!hi))
    tm_unwind_stack_bounds(&lo, &hi);
  uintptr_t fp = (uintptr_t)start;
  size_t n = 0, total = 0;
  *broken = true;
  *resume = 0;
  while (tm_unwind_in_stack(fp, lo, hi)) {
    uintptr_t next = ((const uintptr_t *)fp)[0];
    uintptr_t pc = ((const uintptr_t *)fp)[1];
    if (!pc) {
      *broken = false;
      break;
    }
    /* Past the frames kept, only counted: up to `count`. */
    if (n < max) {
      pcs[n++] = pc;
    } else if (total == count) {
      *broken = false;
      break;
    }
    total++;
    /* pc returns into code without frame pointers: what it saved is not
     * a frame record.  Either the start-up code that called main or a
     * thread's function, or the rest is the system unwinder's. */
    if (!tm_unwind_trusts(pc)) {
      *broken = (from_entry && fp == (uintptr_t)start) ||
                !tm_unwind_is_outermost(fp, pc, next, hi);
      *resume = *broken ? fp : 0;
      break;
    }
    if (next <= fp)
      break; /* not a frame record above this one: broken */
    fp = next;
  }
  *depth = total;
  return n;
}

/*
 * After a walk that broke at the frame record `resume`, having stored
 * pcs[0, n): follows the frames from there on, through call-frame
 * information where their code keeps no frame pointer and through frame
 * records where it does, storing their return addresses from pcs[*n] on,
 * at most max in all, and counting them in *depth, up to the outermost
 * frame (an undefined return address, or main's or a thread function's
 * record as tm_unwind finds it).  Returns false, with pcs[0, n) intact,
 * when some frame has no rule it can follow (unwind_cfi.c says which):
 * then the walk is tm_unwind_rest()'s.
 */
bool tm_unwind_cfi(uintptr_t resume, uintptr_t *pcs, size_t *n, size_t max,
                   size_t *depth);

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
