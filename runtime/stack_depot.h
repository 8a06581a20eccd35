/*
 * The stack depot: every distinct captured stack stored once, by id, so a
 * million allocations from a hundred stacks cost a hundred stacks.
 *
 * A stack here is the allocation site (its id, or 0 for uninstrumented
 * code), the return addresses above it, and how deep the stack really was.
 * Lookups take no lock: buckets are lists of nodes that never change but
 * for their link, and a new node is pushed at a list's head whole.
 * Inserts take the depot's lock, which also lets the table grow with the
 * stacks, so that a program whose every allocation has a stack of its own
 * (a parser's recursion, 16 frames deep) still finds each in a list of
 * one or two.
 */
#ifndef TM_STACK_DEPOT_H
#define TM_STACK_DEPOT_H

#include "internal.h"

/* A trace's id in the live-block table is a site id, or a depot id with
 * this bit set. */
#define TM_TRACE_IS_STACK 0x80000000u

/* Frames a captured stack keeps at most: the deepest traceback limit that
 * is honoured (tm_start accepts more, as Python does, and keeps this
 * many). */
#define TM_MAX_TRACEBACK_FRAMES 256
/* Wrappers a traceback skips at most: the function of a site that
 * returns its block, and the forwarding calls above it (sites.c). */
#define TM_WRAPPER_DEPTH 4
#define TM_MAX_NFRAME_CAPTURED (TM_MAX_TRACEBACK_FRAMES + 1 + TM_WRAPPER_DEPTH)

typedef struct tm_stack {
  _Atomic(struct tm_stack *) next; /* in its bucket */
  uint64_t hash;
  uint32_t id;           /* with TM_TRACE_IS_STACK */
  uint32_t site;         /* frame 0, when instrumented; 0 otherwise */
  uint32_t depth;        /* frames the stack had, up to TM_UNWIND_MAX_DEPTH */
  uint32_t limit;        /* the traceback limit it was captured with */
  uint32_t npcs;
  /* Set once when the stack is first needed as frames (tm_trace_stack). */
  _Atomic(const tm_traceback *) traceback;
  uintptr_t pcs[];       /* return addresses, most recent first */
} tm_stack;

/* The lock inserts take; fork() holds it (tracing.c). */
void tm_depot_lock(void);
void tm_depot_unlock(void);

/* The id of the stack, stored on first sight; 0 without memory. */
uint32_t tm_stack_intern(uint32_t site, const uintptr_t *pcs, uint32_t npcs,
                         uint32_t depth, uint32_t limit);

/* The id of the stack of an allocation without a site whose return
 * addresses, innermost first, are pcs[0, n) (found by the caller), kept to
 * the traceback limit; 0 without memory. */
uint32_t tm_stack_of_pcs(const uintptr_t *pcs, size_t n);

/* Captures the calling thread's stack above `entry` (the frame of the
 * runtime's exported entry point) and returns its depot id; the site id
 * when that fails. */
TM_SLOW_PATH uint32_t tm_capture_stack(uint32_t site, const void *entry);

/* The id to record for a block allocated at `site` (0: uninstrumented
 * code): the site itself when one frame is all the traceback limit asks
 * for and the site is known, the captured stack otherwise. */
static inline uint32_t tm_trace_id(uint32_t site, const void *entry) {
  if (tm_likely(tm_site_id_is_plain(site) &&
                atomic_load_explicit(&tm_global.nframe,
                                     memory_order_relaxed) == 1))
    return site;
  return tm_capture_stack(site, entry);
}

/* Calls fn on every stored stack, under the depot's lock. */
void tm_depot_foreach(void (*fn)(const tm_stack *stack));

/* The stack with that id (TM_TRACE_IS_STACK set), or NULL. */
const tm_stack *tm_stack_get(uint32_t id);

/*
 * The stack as a traceback of at most `limit` frames, oldest first: the
 * site's frame, then the callers, symbolized (stack_frames.c).  Built on
 * first use and kept with the stack.  NULL without memory.
 */
const tm_traceback *tm_stack_traceback(const tm_stack *stack);

/* The traceback of a trace id of the live-block table: its stack's, or its
 * site's.  Never NULL; valid for the life of the process. */
const tm_traceback *tm_trace_traceback(uint32_t id);

/* Symbolizes the stacks of these trace ids in one batch, so that their
 * tracebacks are then built from the symbolizer's cache. */
void tm_symbolize_traces(const uint32_t *ids, size_t n);

#endif /* TM_STACK_DEPOT_H */
