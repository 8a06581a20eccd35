/*
 * The table of live traces: how many blocks of each (trace id, size) are
 * alive, for the blocks whose tag (block_tag.h) carries their trace.
 *
 * A block's trace travels with the block, in its tag, so the table lists
 * no block: it counts them.  Each thread counts in a heap of its own, an
 * open-addressing table from (packed trace, size) to a count, that only
 * that thread writes; a block freed by another thread is counted out in
 * the freeing thread's heap (its count there goes below zero), and the
 * heaps are summed when the table is read.  That is Python's
 * Snapshot.traces, a multiset of (size, traceback), kept the way the
 * kernel's allocation profiler keeps per-CPU counters.
 *
 * A thread's own operations touch only its own heap, without a single
 * atomic read-modify-write or fence: the owner marks itself `busy` with a
 * plain store, and anyone else who needs the heap (a snapshot, a clear,
 * fork) raises the heap's `exclusive` count, forces a memory barrier on
 * every thread of the process with membarrier(2), and waits for the owner
 * to leave.  An owner that sees `exclusive` takes the heap's lock instead
 * of its fast path.  That is the asymmetric form of Dekker's algorithm:
 * the rare side pays for the barrier the frequent side leaves out.
 * Readers hold every heap at once, so that a block counted in by one
 * thread and out by another is seen in both or in neither.
 *
 * Each heap also keeps the traced bytes its thread gained or lost since it
 * last reported them to tm_global.current: counters shared by every thread
 * would cost more than the whole tracing budget.
 */
#ifndef TM_TRACE_TABLE_H
#define TM_TRACE_TABLE_H

#include "block_tag.h"
#include "spinlock.h"

/* One (packed trace, size) of a heap: its key is the tag's payload with
 * TM_COUNT_USED set; 0 marks an empty entry. */
typedef struct tm_count {
  uint64_t key;
  int64_t blocks;  /* counted in minus counted out by this heap's thread */
  uint64_t allocs; /* allocations counted in since the last clear */
} tm_count;

#define TM_COUNT_USED (1ull << 32)

#define TM_MAX_HEAPS (1u << 16)

/*
 * A heap reports its pending byte count to tm_global.current once it has
 * moved this far, and whenever it would raise the peak: so the peak is
 * exact with one thread and within (threads - 1) * batch with more.  "Would
 * raise the peak" is decided without reading the shared counters: each
 * report leaves the heap the headroom it then had below the peak.
 */
#define TM_FLUSH_BATCH (64 * 1024)

typedef struct tm_heap {
  /* The owner's: written by the owner thread only, or under exclusivity. */
  atomic_int busy;  /* the owner is inside an operation */
  uint32_t mask;    /* entries - 1; the entries are a power of two */
  tm_count *counts; /* never NULL: a one-entry empty table at first */
  uint32_t used;    /* entries that hold a key */
  _Atomic int64_t pending; /* traced bytes not yet in tm_global.current */
  /* Report once pending exceeds the peak's distance from the current
   * total at the last report (at most TM_FLUSH_BATCH), or falls to
   * -TM_FLUSH_BATCH: this is that distance plus TM_FLUSH_BATCH, which
   * makes both tests one (tm_heap_account).  Anyone may lower it to
   * TM_FLUSH_BATCH, a distance of 0 (tm_trace_forget_headroom). */
  _Atomic int64_t flush_limit;
  uint64_t dropped; /* blocks not traced: the heap could not grow */
  uint32_t index;
  /* Work this thread's report found to do once it has left its heap
   * (tm_heap_after_leave): TM_OWES_* bits. */
  unsigned char owes;

  /* Shared, on a line of their own. */
  _Alignas(64) atomic_int exclusive; /* > 0: the owner must take `lock` */
  atomic_flag lock;      /* exclusive users, the slow path */
  struct tm_heap *next_orphan; /* under the registry lock */
} tm_heap;

TM_SLOW_PATH void tm_heap_lock(tm_heap *h);
static inline void tm_heap_unlock(tm_heap *h) { tm_spin_unlock(&h->lock); }

/*
 * The owner's side of the protocol.  Returns whether the owner is on its
 * fast path; otherwise it holds the heap's lock.
 */
static inline bool tm_heap_enter(tm_heap *h) {
  atomic_store_explicit(&h->busy, 1, memory_order_relaxed);
  /* Only the compiler must not reorder: membarrier() orders the CPU.  The
   * load acquires (a plain load on x86-64): it reads what the last
   * exclusive user's release wrote, so what that user did to the heap
   * (and the tag key it drew) happens before what the owner does now. */
  atomic_signal_fence(memory_order_seq_cst);
  if (tm_likely(!atomic_load_explicit(&h->exclusive, memory_order_acquire)))
    return true;
  atomic_store_explicit(&h->busy, 0, memory_order_release);
  tm_heap_lock(h);
  return false;
}

static inline void tm_heap_leave(tm_heap *h, bool fast) {
  if (tm_likely(fast))
    atomic_store_explicit(&h->busy, 0, memory_order_release);
  else
    tm_heap_unlock(h);
}

/* What a heap's report may leave its thread to do once it has left its
 * heap, which nothing that holds every heap can do while it holds one:
 * capture the table for the peak dump (the report crossed its
 * threshold), give a forked child its own live file. */
#define TM_OWES_PEAK_CAPTURE 1u
#define TM_OWES_LIVE_FILE 2u
TM_SLOW_PATH void tm_heap_pay(tm_heap *h);

static inline void tm_heap_after_leave(tm_heap *h) {
  if (tm_unlikely(h->owes))
    tm_heap_pay(h);
}

/* The heap the calling thread owns, made or adopted on first use. */
TM_SLOW_PATH tm_heap *tm_heap_assign(void);
static inline tm_heap *tm_my_heap(void) {
  tm_heap *h = tm_self.heap;
  return tm_likely(h != NULL) ? h : tm_heap_assign();
}

/* Where a key's search starts. */
static inline uint32_t tm_count_home(uint32_t payload, uint32_t mask) {
  return (uint32_t)((payload * 0x9e3779b97f4a7c15ull) >> 32) & mask;
}

/* Adds `blocks` and `allocs` to the counts of `payload`, past its home
 * entry: probing, inserting, growing (trace_table.c).  False when the heap
 * cannot grow. */
TM_SLOW_PATH bool tm_heap_count_slow(tm_heap *h, uint32_t payload,
                                     int64_t blocks, uint64_t allocs);

/* Owner only, between enter and leave. */
static inline bool tm_heap_count(tm_heap *h, uint32_t payload, int64_t blocks,
                                 uint64_t allocs) {
  tm_count *c = &h->counts[tm_count_home(payload, h->mask)];
  if (tm_likely(c->key == (payload | TM_COUNT_USED))) {
    c->blocks += blocks;
    c->allocs += allocs;
    return true;
  }
  return tm_heap_count_slow(h, payload, blocks, allocs);
}

/* Adds the heap's pending bytes to tm_global.current and raises the peak. */
TM_SLOW_PATH void tm_heap_flush(tm_heap *h);

/* Owner only, between enter and leave. */
static inline void tm_heap_account(tm_heap *h, int64_t bytes) {
  int64_t pending =
      atomic_load_explicit(&h->pending, memory_order_relaxed) + bytes;
  atomic_store_explicit(&h->pending, pending, memory_order_relaxed);
  /* -TM_FLUSH_BATCH < pending <= the distance, shifted to start at 0. */
  uint64_t shifted = (uint64_t)(pending + TM_FLUSH_BATCH - 1);
  if (tm_likely(shifted < (uint64_t)atomic_load_explicit(
                              &h->flush_limit, memory_order_relaxed)))
    return;
  tm_heap_flush(h);
}

/*
 * Traces p, a block of `size` bytes whose tag goes at `place`, under the
 * packed trace id: counts it in the calling thread's heap (as an
 * allocation too, unless `allocs` is 0: a trace put back) and writes its
 * tag.  False when tracing stopped meanwhile or the heap cannot grow; the
 * block then has no tag.
 */
static inline __attribute__((always_inline)) bool
tm_trace_insert(void *p, unsigned char *place, size_t size,
                uint32_t packed_trace, uint64_t allocs) {
  tm_heap *h = tm_my_heap();
  uint32_t payload = tm_tag_payload(packed_trace, size);
  bool traced = false;
  bool fast = tm_heap_enter(h);
  /* tm_stop() clears the heaps after it turns tracing off: checking again
   * inside keeps a trace from outliving the stop.  The tag is written
   * inside too, under the key the clear leaves behind. */
  if (tm_likely(atomic_load_explicit(&tm_tracing, memory_order_relaxed))) {
    if (tm_likely(tm_heap_count(h, payload, 1, allocs))) {
      tm_tag_write(p, place, payload);
      tm_heap_account(h, (int64_t)size);
      traced = true;
    } else {
      h->dropped++;
    }
  }
  tm_heap_leave(h, fast);
  tm_heap_after_leave(h);
  return traced;
}

/*
 * Stops tracing p, whose tag is at `place`, if it carries one: erases the
 * tag and counts the block out in the calling thread's heap.  Returns
 * whether it did, and then the tag's payload (for a caller that may have
 * to put the trace back).
 */
static inline __attribute__((always_inline)) bool
tm_trace_remove(void *p, unsigned char *place, uint32_t *payload) {
  tm_heap *h = tm_my_heap();
  bool fast = tm_heap_enter(h);
  bool removed = tm_tag_read(p, place, payload);
  if (tm_likely(removed)) {
    tm_tag_erase(place);
    /* Counting out never fails: the block's own key is in its thread's
     * heap, and a key new to this heap fits unless memory is out. */
    if (tm_likely(tm_heap_count(h, *payload, -1, 0)))
      tm_heap_account(h, -(int64_t)tm_tag_payload_size(*payload));
    else
      h->dropped++;
  }
  tm_heap_leave(h, fast);
  tm_heap_after_leave(h);
  return removed;
}

/* Counts bytes that the calling thread traced (> 0) or stopped tracing
 * (< 0) outside the heaps (the address table) in its heap's pending
 * total. */
static inline void tm_trace_account(int64_t bytes) {
  tm_heap *h = tm_my_heap();
  bool fast = tm_heap_enter(h);
  tm_heap_account(h, bytes);
  tm_heap_leave(h, fast);
  tm_heap_after_leave(h);
}

/* Every heap reports its next gain: the peak was just set to the current
 * total (tm_reset_peak). */
void tm_trace_forget_headroom(void);

/* Calls fn with every heap held, so that no count changes meanwhile. */
void tm_trace_hold_all(void (*fn)(void));

/* Forgets every trace (draws a new tag key) and zeroes the counters. */
void tm_trace_clear_all(void);

/* What the heaps count of one trace id: its live blocks of one size, and
 * the allocations made since the last clear.  The allocations of a trace
 * whose blocks all died may be reported apart, without a size (0), their
 * bytes summed. */
typedef struct tm_trace_counts {
  uint32_t trace;
  uint32_t size;           /* 0: allocations only, of any size */
  uint64_t blocks;         /* alive now */
  uint64_t allocs;         /* allocated since the last clear */
  uint64_t allocated_bytes;
} tm_trace_counts;

/* Calls fn on the counts of every (trace id, size) with live blocks or
 * allocations, the heaps summed; fn is called with no heap held.  False
 * without memory for the sum. */
bool tm_trace_foreach(void (*fn)(void *ctx, const tm_trace_counts *counts),
                      void *ctx);

/* Traced bytes alive now: the flushed total plus every heap's pending. */
int64_t tm_trace_current(void);
/* Bytes the table itself uses, the tags of live blocks included. */
size_t tm_trace_memory(void);
/* Blocks that could not be traced because a heap could not grow. */
uint64_t tm_trace_dropped(void);

/* Sets up the protocol (membarrier registration, thread-exit hook) and
 * draws the first tag key. */
void tm_trace_init(void);

/* fork(): every heap is held exclusively across it; in the child, the
 * heaps of the threads that did not survive are orphaned for reuse, their
 * counts intact: their blocks live on in the child. */
void tm_trace_before_fork(void);
void tm_trace_after_fork_parent(void);
void tm_trace_after_fork_child(void);

#endif /* TM_TRACE_TABLE_H */
