/* The live-block table; see trace_table.h. */
#include "trace_table.h"

#include <sched.h>
#include <sys/mman.h>

#include "block_header.h"

#define TM_HEAP_COUNT 64
#define TM_CHUNK_SLOTS_LOG2 16
#define TM_CHUNK_SLOTS (1u << TM_CHUNK_SLOTS_LOG2)
#define TM_MAX_CHUNKS 1024 /* 64 M live blocks per heap */

/*
 * A heap flushes its pending byte count into tm_global.current once it has
 * moved this far, and whenever it would raise the peak: so the peak is
 * exact with one thread and within (threads - 1) * batch with more.
 */
#define TM_FLUSH_BATCH (64 * 1024)

typedef struct tm_heap {
  atomic_flag lock;
  uint32_t used;      /* slots handed out since the last clear */
  uint32_t free_head; /* first free slot + 1, 0: none */
  uint32_t live;      /* traced blocks alive in this heap */
  _Atomic int64_t pending;
  uint64_t dropped;
  tm_trace *chunks[TM_MAX_CHUNKS];
} __attribute__((aligned(64))) tm_heap;

static tm_heap heaps[TM_HEAP_COUNT];
static atomic_uint next_heap;

_Static_assert(TM_HEAP_COUNT <= 256, "the header record has 8 bits of heap");

static void heap_lock(tm_heap *h) {
  unsigned spins = 0;
  while (atomic_flag_test_and_set_explicit(&h->lock, memory_order_acquire)) {
    if (++spins < 64)
      __builtin_ia32_pause();
    else
      sched_yield();
  }
}

static void heap_unlock(tm_heap *h) {
  atomic_flag_clear_explicit(&h->lock, memory_order_release);
}

static tm_heap *my_heap(void) {
  tm_heap *h = tm_self.heap;
  if (tm_unlikely(!h)) {
    unsigned i = atomic_fetch_add_explicit(&next_heap, 1, memory_order_relaxed);
    h = tm_self.heap = &heaps[i % TM_HEAP_COUNT];
  }
  return h;
}

static tm_trace *slot_at(tm_heap *h, uint32_t slot) {
  tm_trace *chunk = h->chunks[slot >> TM_CHUNK_SLOTS_LOG2];
  return chunk ? &chunk[slot & (TM_CHUNK_SLOTS - 1)] : NULL;
}

/* A free slot, or UINT32_MAX when the table cannot grow. */
static uint32_t slot_acquire(tm_heap *h) {
  if (h->free_head) {
    uint32_t slot = h->free_head - 1;
    h->free_head = slot_at(h, slot)->next_free;
    return slot;
  }
  uint32_t chunk = h->used >> TM_CHUNK_SLOTS_LOG2;
  if (chunk >= TM_MAX_CHUNKS)
    return UINT32_MAX;
  if (!h->chunks[chunk]) {
    /* Pages are touched, and so cost memory, only as slots are used. */
    void *m = mmap(NULL, TM_CHUNK_SLOTS * sizeof(tm_trace),
                   PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
      return UINT32_MAX;
    h->chunks[chunk] = m;
  }
  return h->used++;
}

static void flush_pending(tm_heap *h) {
  int64_t delta = atomic_load_explicit(&h->pending, memory_order_relaxed);
  atomic_store_explicit(&h->pending, 0, memory_order_relaxed);
  int64_t now = atomic_fetch_add_explicit(&tm_global.current, delta,
                                          memory_order_relaxed) + delta;
  int64_t peak = atomic_load_explicit(&tm_global.peak, memory_order_relaxed);
  while (now > peak &&
         !atomic_compare_exchange_weak_explicit(&tm_global.peak, &peak, now,
                                                memory_order_relaxed,
                                                memory_order_relaxed))
    ;
}

static void account(tm_heap *h, int64_t delta) {
  int64_t pending =
      atomic_load_explicit(&h->pending, memory_order_relaxed) + delta;
  atomic_store_explicit(&h->pending, pending, memory_order_relaxed);
  if (pending >= TM_FLUSH_BATCH || pending <= -TM_FLUSH_BATCH ||
      (delta > 0 &&
       atomic_load_explicit(&tm_global.current, memory_order_relaxed) + pending >
           atomic_load_explicit(&tm_global.peak, memory_order_relaxed)))
    flush_pending(h);
}

uint64_t tm_trace_insert(void *p, size_t size, uint32_t site,
                         unsigned offset_log2) {
  tm_heap *h = my_heap();
  uint32_t heap_index = (uint32_t)(h - heaps);
  uint32_t slot = UINT32_MAX;
  heap_lock(h);
  /* tm_stop() clears the heaps after it turns tracing off: checking again
   * under the lock keeps a trace from outliving the stop. */
  if (atomic_load_explicit(&tm_global.tracing, memory_order_relaxed)) {
    slot = slot_acquire(h);
    if (slot != UINT32_MAX) {
      tm_trace *t = slot_at(h, slot);
      t->ptr = (uintptr_t)p;
      t->size = size;
      t->site = site;
      h->live++;
      account(h, (int64_t)size);
    } else {
      h->dropped++;
    }
  }
  heap_unlock(h);
  return tm_record_make(heap_index, slot == UINT32_MAX ? 0 : slot + 1,
                        offset_log2);
}

bool tm_trace_remove(void *p, uint64_t record) {
  uint32_t slot_plus_one = tm_record_slot_plus_one(record);
  if (!slot_plus_one)
    return false;
  tm_heap *h = &heaps[tm_record_heap(record) % TM_HEAP_COUNT];
  bool removed = false;
  heap_lock(h);
  tm_trace *t = slot_at(h, slot_plus_one - 1);
  /* After a clear the slot may be empty or hold another block. */
  if (t && t->ptr == (uintptr_t)p) {
    account(h, -(int64_t)t->size);
    t->ptr = 0;
    t->next_free = h->free_head;
    h->free_head = slot_plus_one;
    h->live--;
    removed = true;
  }
  heap_unlock(h);
  return removed;
}

void tm_trace_clear_all(void) {
  for (int i = 0; i < TM_HEAP_COUNT; i++) {
    tm_heap *h = &heaps[i];
    heap_lock(h);
    for (uint32_t c = 0; c < TM_MAX_CHUNKS && h->chunks[c]; c++)
      /* Zeroes the slots and gives their pages back. */
      madvise(h->chunks[c], TM_CHUNK_SLOTS * sizeof(tm_trace), MADV_DONTNEED);
    h->used = 0;
    h->free_head = 0;
    h->live = 0;
    atomic_store_explicit(&h->pending, 0, memory_order_relaxed);
    heap_unlock(h);
  }
  atomic_store(&tm_global.current, 0);
  atomic_store(&tm_global.peak, 0);
}

void tm_trace_foreach(void (*fn)(void *ctx, const tm_trace *t), void *ctx) {
  for (int i = 0; i < TM_HEAP_COUNT; i++) {
    tm_heap *h = &heaps[i];
    heap_lock(h);
    for (uint32_t s = 0; s < h->used; s++) {
      const tm_trace *t = slot_at(h, s);
      if (t->ptr)
        fn(ctx, t);
    }
    heap_unlock(h);
  }
}

int64_t tm_trace_current(void) {
  int64_t sum = atomic_load(&tm_global.current);
  for (int i = 0; i < TM_HEAP_COUNT; i++)
    sum += atomic_load_explicit(&heaps[i].pending, memory_order_relaxed);
  return sum;
}

size_t tm_trace_memory(void) {
  size_t bytes = 0;
  for (int i = 0; i < TM_HEAP_COUNT; i++) {
    tm_heap *h = &heaps[i];
    heap_lock(h);
    bytes += (size_t)h->used * sizeof(tm_trace) +
             (size_t)h->live * TM_HEADER_SIZE;
    heap_unlock(h);
  }
  return bytes;
}

uint64_t tm_trace_dropped(void) {
  uint64_t dropped = 0;
  for (int i = 0; i < TM_HEAP_COUNT; i++) {
    heap_lock(&heaps[i]);
    dropped += heaps[i].dropped;
    heap_unlock(&heaps[i]);
  }
  return dropped;
}

void tm_trace_lock_all(void) {
  for (int i = 0; i < TM_HEAP_COUNT; i++)
    heap_lock(&heaps[i]);
}

void tm_trace_unlock_all(void) {
  for (int i = TM_HEAP_COUNT - 1; i >= 0; i--)
    heap_unlock(&heaps[i]);
}
