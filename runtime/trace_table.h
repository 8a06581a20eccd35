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
 * A block freed by another thread is found through the slot index in its
 * tag (block_tag.h), never by searching; the slot names its heap, and that
 * thread clears the slot under the heap's lock and queues it for the owner
 * to reuse.
 *
 * Every heap's slots are carved, a chunk at a time, from one region of
 * address space reserved at start-up, so that a 32-bit index names any
 * slot and a tag read from a block that has none (an untraced block's
 * bytes) can be checked against the region's bounds before it is followed.  Each heap keeps the traced
 * bytes its thread gained or lost since it last reported them to
 * tm_global.current: counters shared by every thread would cost more than
 * the whole tracing budget.
 */
#ifndef TM_TRACE_TABLE_H
#define TM_TRACE_TABLE_H

#include "internal.h"
#include "spinlock.h"

typedef struct tm_slot {
  uintptr_t ptr; /* the user pointer; 0 for a free slot */
  union {
    uint64_t size;          /* while live */
    struct tm_slot *next;   /* while free: the next free slot, or NULL */
  };
  uint32_t trace; /* a site id, or a stack id (stack_depot.h) */
  uint32_t heap;  /* the index of the heap whose chunk holds the slot */
} tm_slot;

#define TM_MAX_HEAPS (1u << 16)
#define TM_CHUNK_SLOTS_LOG2 16
#define TM_CHUNK_SLOTS (1u << TM_CHUNK_SLOTS_LOG2)
#define TM_MAX_CHUNKS 1024 /* 64 M live blocks per heap */

/* The region every slot is carved from (reserved by tm_trace_reserve the
 * first time tracing starts: up to 2^32 slots, fewer where the address
 * space is limited), and its size in slots (0 until then). */
extern tm_slot *tm_slot_region;
extern uint64_t tm_slot_region_size;

static inline uint32_t tm_slot_index(const tm_slot *t) {
  return (uint32_t)(t - tm_slot_region);
}

/* The slot with that index, or NULL when the index lies outside the
 * region.  Inside, every slot is readable (never carved: zeroes). */
static inline tm_slot *tm_slot_of_index(uint32_t index) {
  /* (Without a region its size is 0: no index is inside.) */
  return tm_likely(index < tm_slot_region_size) ? &tm_slot_region[index]
                                                : NULL;
}

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
  atomic_int busy; /* the owner is inside an operation */
  uint32_t used;      /* slots handed out since the last clear */
  tm_slot *free_head; /* the first free slot, or NULL */
  _Atomic int64_t pending; /* traced bytes not yet in tm_global.current */
  _Atomic int64_t blocks;  /* traced blocks gained minus lost by the owner */
  /* Report once pending exceeds this: the peak's distance from the
   * current total at the last report, at most TM_FLUSH_BATCH.  Anyone may
   * lower it to 0 (tm_trace_forget_headroom). */
  _Atomic int64_t flush_above;
  uint64_t dropped;        /* blocks not traced: the table could not grow */
  uint32_t index;
  /* This thread's report crossed the peak dump's threshold: it captures
   * the table once it has left its heap (tm_heap_after_leave). */
  bool peak_reached;

  /* Shared, on a line of their own. */
  _Alignas(64) atomic_int exclusive; /* > 0: the owner must take `lock` */
  atomic_flag lock;      /* exclusive users, remote frees, the slow path */
  tm_slot *remote_head;  /* under lock: slots freed by others */
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
  /* Only the compiler must not reorder: membarrier() orders the CPU.  The
   * load acquires (a plain load on x86-64): it reads what the last
   * exclusive user's release wrote, so what that user did to the heap
   * happens before what the owner does now. */
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

/* What an accounting path owes once out of its heap: a snapshot cannot be
 * taken while the heap is held, by its own thread least of all. */
static inline void tm_heap_after_leave(tm_heap *h) {
  if (tm_unlikely(h->peak_reached)) {
    h->peak_reached = false;
    tm_peak_capture();
  }
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
  if (pending > atomic_load_explicit(&h->flush_above, memory_order_relaxed) ||
      pending <= -TM_FLUSH_BATCH)
    tm_heap_flush(h);
}

/*
 * Adds a trace for p in the calling thread's heap and returns its slot, or
 * NULL when tracing stopped meanwhile or the table cannot grow.
 */
static inline __attribute__((always_inline)) tm_slot *
tm_trace_insert(void *p, size_t size, uint32_t trace) {
  tm_heap *h = tm_my_heap();
  tm_slot *t = NULL;
  bool fast = tm_heap_enter(h);
  /* tm_stop() clears the heaps after it turns tracing off: checking again
   * inside keeps a trace from outliving the stop. */
  if (tm_likely(atomic_load_explicit(&tm_tracing,
                                     memory_order_relaxed))) {
    if (tm_unlikely(!h->free_head))
      tm_heap_refill(h, fast);
    t = h->free_head;
    if (tm_likely(t != NULL)) {
      h->free_head = t->next;
      t->ptr = (uintptr_t)p;
      t->size = size;
      t->trace = trace;
      tm_heap_account(h, (int64_t)size, 1);
    } else {
      h->dropped++;
    }
  }
  tm_heap_leave(h, fast);
  tm_heap_after_leave(h);
  return t;
}

/* Counts bytes and blocks that the calling thread traced (> 0) or stopped
 * tracing (< 0) in its own heap's pending totals. */
static inline void tm_trace_account(int64_t bytes, int64_t blocks) {
  tm_heap *h = tm_my_heap();
  bool fast = tm_heap_enter(h);
  tm_heap_account(h, bytes, blocks);
  tm_heap_leave(h, fast);
  tm_heap_after_leave(h);
}

/* Removes p's trace from another thread's heap, and its bytes from the
 * calling thread's count (trace_table.c). */
bool tm_trace_remove_remote(tm_heap *owner, void *p, tm_slot *t);

/* Removes p's trace from slot t, if t still holds it.  Returns whether it
 * did (false after tm_clear_traces() forgot the block). */
static inline __attribute__((always_inline)) bool
tm_trace_remove(void *p, tm_slot *t) {
  /* A slot's heap never changes (a clear zeroes it, and then the slot is
   * free): read without the lock. */
  tm_heap *owner = tm_heap_table[t->heap];
  if (!owner)
    return false;
  tm_heap *h = tm_my_heap();
  if (tm_unlikely(h != owner))
    return tm_trace_remove_remote(owner, p, t);
  bool fast = tm_heap_enter(h);
  /* After a clear the slot may be empty or hold another block. */
  bool removed = t->ptr == (uintptr_t)p;
  if (tm_likely(removed)) {
    t->ptr = 0;
    tm_heap_account(h, -(int64_t)t->size, -1);
    t->next = h->free_head;
    h->free_head = t;
  }
  tm_heap_leave(h, fast);
  return removed;
}

/* The trace id of p's live trace in slot t; false when t no longer holds
 * p's trace. */
bool tm_trace_id_of(const void *p, tm_slot *t, uint32_t *trace);

/* Every heap reports its next gain: the peak was just set to the current
 * total (tm_reset_peak). */
void tm_trace_forget_headroom(void);

/* Forgets every trace and zeroes the counters. */
void tm_trace_clear_all(void);

/* Calls fn on every live trace, heap by heap, each heap held exclusively.
 * fn must not allocate through the traced path. */
void tm_trace_foreach(void (*fn)(void *ctx, const tm_slot *t), void *ctx);

/* Traced bytes alive now: the flushed total plus every heap's pending. */
int64_t tm_trace_current(void);
/* Bytes the table itself uses, the tags of live blocks included. */
size_t tm_trace_memory(void);
/* Blocks that could not be traced because the table could not grow. */
uint64_t tm_trace_dropped(void);

/* Sets up the protocol (membarrier registration, thread-exit hook). */
void tm_trace_init(void);
/* Reserves the slot region, once, before tracing starts for the first
 * time: a program that never traces reserves nothing. */
void tm_trace_reserve(void);

/* fork(): every heap is held exclusively across it; in the child, the
 * heaps of the threads that did not survive are orphaned for reuse. */
void tm_trace_before_fork(void);
void tm_trace_after_fork_parent(void);
void tm_trace_after_fork_child(void);

#endif /* TM_TRACE_TABLE_H */
