/*
 * The live-block table: one trace (user pointer, size, site) per traced
 * block that is alive.
 *
 * It is sharded into heaps, one per thread.  A thread's own allocations and
 * frees touch only its own heap, without a single atomic read-modify-write
 * or fence: the owner marks itself `busy` with a plain store, and anyone
 * else who needs the whole heap (a snapshot, a clear, fork) raises the
 * heap's `exclusive` count, forces a memory barrier on every thread of the
 * process with membarrier(2), and waits for the owner to leave.  An owner
 * that sees `exclusive` takes the heap's lock instead of its fast path.
 * That is the asymmetric form of Dekker's algorithm: the rare side pays for
 * the barrier the frequent side leaves out.
 *
 * A block freed by another thread is found through the (heap, slot) in its
 * header, never by searching; that thread clears the slot under the heap's
 * lock and queues it for the owner to reuse.  Each heap keeps the traced
 * bytes its thread gained or lost since it last reported them to
 * tm_global.current: counters shared by every thread would cost more than
 * the whole tracing budget.
 */
#ifndef TM_TRACE_TABLE_H
#define TM_TRACE_TABLE_H

#include "block_header.h"
#include "internal.h"
#include "spinlock.h"

typedef struct tm_slot {
  uintptr_t ptr; /* the user pointer; 0 for a free slot */
  uint64_t size;
  uint32_t trace;     /* a site id, or a stack id (stack_depot.h) */
  uint32_t next_free; /* while free: next free slot + 1, 0 ends the list */
} tm_slot;

#define TM_MAX_HEAPS (1u << TM_RECORD_HEAP_BITS)
#define TM_CHUNK_SLOTS_LOG2 16
#define TM_CHUNK_SLOTS (1u << TM_CHUNK_SLOTS_LOG2)
#define TM_MAX_CHUNKS 1024 /* 64 M live blocks per heap */

/*
 * A heap reports its pending byte count to tm_global.current once it has
 * moved this far, and whenever it would raise the peak: so the peak is
 * exact with one thread and within (threads - 1) * batch with more.
 */
#define TM_FLUSH_BATCH (64 * 1024)

typedef struct tm_heap {
  /* The owner's: written by the owner thread only, or under exclusivity. */
  atomic_int busy; /* the owner is inside an operation */
  uint32_t used;      /* slots handed out since the last clear */
  uint32_t free_head; /* first free slot + 1, 0: none */
  _Atomic int64_t pending; /* traced bytes not yet in tm_global.current */
  _Atomic int64_t blocks;  /* traced blocks gained minus lost by the owner */
  uint64_t dropped;        /* blocks not traced: the table could not grow */
  uint32_t index;

  /* Shared, on a line of their own. */
  _Alignas(64) atomic_int exclusive; /* > 0: the owner must take `lock` */
  atomic_flag lock;      /* exclusive users, remote frees, the slow path */
  uint32_t remote_head;  /* under lock: slots freed by others, + 1 */
  atomic_bool has_remote;
  struct tm_heap *next_orphan; /* under the registry lock */

  tm_slot *chunks[TM_MAX_CHUNKS];
} tm_heap;

/* Every heap ever made, by index; never freed (they are recycled). */
extern tm_heap *tm_heap_table[TM_MAX_HEAPS];

void tm_heap_lock(tm_heap *h);
static inline void tm_heap_unlock(tm_heap *h) { tm_spin_unlock(&h->lock); }

/*
 * The owner's side of the protocol.  Returns whether the owner is on its
 * fast path; otherwise it holds the heap's lock.
 */
static inline bool tm_heap_enter(tm_heap *h) {
  atomic_store_explicit(&h->busy, 1, memory_order_relaxed);
  /* Only the compiler must not reorder: membarrier() orders the CPU. */
  atomic_signal_fence(memory_order_seq_cst);
  if (tm_likely(!atomic_load_explicit(&h->exclusive, memory_order_relaxed)))
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

/* The heap the calling thread owns, made or adopted on first use. */
tm_heap *tm_heap_assign(void);
static inline tm_heap *tm_my_heap(void) {
  tm_heap *h = tm_self.heap;
  return tm_likely(h != NULL) ? h : tm_heap_assign();
}

static inline tm_slot *tm_slot_at(tm_heap *h, uint32_t slot) {
  tm_slot *chunk = h->chunks[slot >> TM_CHUNK_SLOTS_LOG2];
  return chunk ? &chunk[slot & (TM_CHUNK_SLOTS - 1)] : NULL;
}

/* Gives the owner's empty free list a slot: one freed by another thread,
 * or a fresh one (mapping a chunk if needed).  Leaves it empty when the
 * table cannot grow.  Called by the owner between enter and leave; `fast`
 * is what enter returned. */
void tm_heap_refill(tm_heap *h, bool fast);

/* Adds the heap's pending bytes to tm_global.current and raises the peak. */
void tm_heap_flush(tm_heap *h);

/* Owner only, between enter and leave. */
static inline void tm_heap_account(tm_heap *h, int64_t bytes, int64_t blocks) {
  int64_t pending =
      atomic_load_explicit(&h->pending, memory_order_relaxed) + bytes;
  atomic_store_explicit(&h->pending, pending, memory_order_relaxed);
  atomic_store_explicit(
      &h->blocks, atomic_load_explicit(&h->blocks, memory_order_relaxed) + blocks,
      memory_order_relaxed);
  if (pending >= TM_FLUSH_BATCH || pending <= -TM_FLUSH_BATCH ||
      (bytes > 0 &&
       atomic_load_explicit(&tm_global.current, memory_order_relaxed) +
               pending >
           atomic_load_explicit(&tm_global.peak, memory_order_relaxed)))
    tm_heap_flush(h);
}

/*
 * Adds a trace for p in the calling thread's heap and returns the header
 * record that finds it again.  When tracing stopped meanwhile or the table
 * cannot grow, the block is not traced and the record says so.
 */
static inline uint64_t tm_trace_insert(void *p, size_t size, uint32_t trace,
                                       unsigned offset_log2) {
  tm_heap *h = tm_my_heap();
  uint32_t slot = UINT32_MAX;
  bool fast = tm_heap_enter(h);
  /* tm_stop() clears the heaps after it turns tracing off: checking again
   * inside keeps a trace from outliving the stop. */
  if (tm_likely(atomic_load_explicit(&tm_global.tracing,
                                     memory_order_relaxed))) {
    if (tm_unlikely(h->free_head == 0))
      tm_heap_refill(h, fast);
    if (tm_likely(h->free_head != 0)) {
      slot = h->free_head - 1;
      tm_slot *t = tm_slot_at(h, slot);
      h->free_head = t->next_free;
      t->ptr = (uintptr_t)p;
      t->size = size;
      t->trace = trace;
      tm_heap_account(h, (int64_t)size, 1);
    } else {
      h->dropped++;
    }
  }
  tm_heap_leave(h, fast);
  return tm_record_make(h->index, slot == UINT32_MAX ? 0 : slot + 1,
                        offset_log2);
}

/* Counts bytes and blocks that the calling thread traced (> 0) or stopped
 * tracing (< 0) in its own heap's pending totals. */
static inline void tm_trace_account(int64_t bytes, int64_t blocks) {
  tm_heap *h = tm_my_heap();
  bool fast = tm_heap_enter(h);
  tm_heap_account(h, bytes, blocks);
  tm_heap_leave(h, fast);
}

/* Removes a trace from another thread's heap (trace_table.c). */
bool tm_trace_remove_remote(tm_heap *owner, void *p, uint32_t slot,
                            uint64_t *size);

/* Removes p's trace, if the record still points at it.  Returns whether it
 * did (false after tm_clear_traces() forgot the block). */
static inline bool tm_trace_remove(void *p, uint64_t record) {
  uint32_t slot_plus_one = tm_record_slot_plus_one(record);
  tm_heap *owner = tm_heap_table[tm_record_heap(record)];
  if (!slot_plus_one || !owner)
    return false;
  tm_heap *h = tm_my_heap();
  uint64_t size = 0;
  bool removed;
  if (h == owner) {
    bool fast = tm_heap_enter(h);
    tm_slot *t = tm_slot_at(h, slot_plus_one - 1);
    /* After a clear the slot may be empty or hold another block. */
    removed = t && t->ptr == (uintptr_t)p;
    if (tm_likely(removed)) {
      t->ptr = 0;
      t->next_free = h->free_head;
      h->free_head = slot_plus_one;
      tm_heap_account(h, -(int64_t)t->size, -1);
    }
    tm_heap_leave(h, fast);
    return removed;
  }
  removed = tm_trace_remove_remote(owner, p, slot_plus_one - 1, &size);
  /* The bytes leave the freeing thread's count: the sum is what matters. */
  if (removed)
    tm_trace_account(-(int64_t)size, -1);
  return removed;
}

/* The trace id of p's live trace, found through its header record; false
 * when the record no longer points at p. */
bool tm_trace_id_of(const void *p, uint64_t record, uint32_t *trace);

/* Forgets every trace and zeroes the counters. */
void tm_trace_clear_all(void);

/* Calls fn on every live trace, heap by heap, each heap held exclusively.
 * fn must not allocate through the traced path. */
void tm_trace_foreach(void (*fn)(void *ctx, const tm_slot *t), void *ctx);

/* Traced bytes alive now: the flushed total plus every heap's pending. */
int64_t tm_trace_current(void);
/* Bytes the table itself uses, headers of live blocks included. */
size_t tm_trace_memory(void);
/* Blocks that could not be traced because the table could not grow. */
uint64_t tm_trace_dropped(void);

/* Sets up the protocol (membarrier registration, thread-exit hook). */
void tm_trace_init(void);

/* fork(): every heap is held exclusively across it; in the child, the
 * heaps of the threads that did not survive are orphaned for reuse. */
void tm_trace_before_fork(void);
void tm_trace_after_fork_parent(void);
void tm_trace_after_fork_child(void);

#endif /* TM_TRACE_TABLE_H */
