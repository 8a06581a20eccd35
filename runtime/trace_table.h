/*
 * The live-block table: one trace (user pointer, size, site) per traced
 * block that is alive.
 *
 * It is sharded into heaps.  A thread fills the heap it was given on its
 * first traced allocation, so threads rarely meet on a lock; a block freed
 * by another thread is found through the (heap, slot) in its header, never
 * by searching.  Each heap also keeps the traced bytes it gained or lost
 * since it last reported to tm_global.current: counters shared by every
 * thread would cost more than the whole tracing budget.
 */
#ifndef TM_TRACE_TABLE_H
#define TM_TRACE_TABLE_H

#include "internal.h"

typedef struct tm_trace {
  uintptr_t ptr; /* the user pointer; 0 for a free slot */
  uint64_t size;
  uint32_t site;      /* tm_site id, 0: uninstrumented code */
  uint32_t next_free; /* while free: next free slot + 1, 0 ends the list */
} tm_trace;

/*
 * Adds a trace for p in the calling thread's heap and returns the header
 * record that finds it again.  When tracing stopped meanwhile or the table
 * cannot grow, the block is not traced and the record says so.
 */
uint64_t tm_trace_insert(void *p, size_t size, uint32_t site,
                         unsigned offset_log2);

/* Removes p's trace, if the record still points at it.  Returns whether it
 * did (false after tm_clear_traces() forgot the block). */
bool tm_trace_remove(void *p, uint64_t record);

/* Forgets every trace and zeroes the counters. */
void tm_trace_clear_all(void);

/* Calls fn on every live trace, heap by heap, each heap under its lock.
 * fn must not allocate through the traced path. */
void tm_trace_foreach(void (*fn)(void *ctx, const tm_trace *t), void *ctx);

/* Traced bytes alive now: the flushed total plus every heap's pending. */
int64_t tm_trace_current(void);
/* Bytes the table itself uses, headers of live blocks included. */
size_t tm_trace_memory(void);
/* Blocks that could not be traced because the table could not grow. */
uint64_t tm_trace_dropped(void);

/* fork(): hold every heap lock across it, so the child inherits no lock
 * that a thread which does not exist there was holding. */
void tm_trace_lock_all(void);
void tm_trace_unlock_all(void);

#endif /* TM_TRACE_TABLE_H */
