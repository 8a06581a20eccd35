/* The live-block table; see trace_table.h for the protocol. */
#define _GNU_SOURCE
#include "trace_table.h"

#include "block_tag.h"

#include <linux/membarrier.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

tm_heap *tm_heap_table[TM_MAX_HEAPS];
tm_slot *tm_slot_region;
uint64_t tm_slot_region_size;

/* Chunks of the region handed to heaps so far. */
static atomic_uint region_chunks_used;

/* The registry: making, orphaning and adopting heaps. */
static struct {
  atomic_flag lock;
  atomic_uint count;      /* heaps made; index 0 is never used */
  tm_heap *orphans;       /* heaps whose thread has exited */
  pthread_key_t exit_key; /* its destructor orphans the thread's heap */
  /* Without membarrier(2) every heap starts exclusive, so that owners
   * always take the lock: slower, never wrong. */
  bool no_membarrier;
} registry = {.count = 1};

/* Threads beyond TM_MAX_HEAPS share this one; it is always exclusive, so
 * its users take its lock. */
static tm_heap overflow_heap;

void tm_heap_lock(tm_heap *h) { tm_spin_lock(&h->lock); }

static void registry_lock(void) { tm_spin_lock(&registry.lock); }
static void registry_unlock(void) { tm_spin_unlock(&registry.lock); }

static unsigned heap_count(void) {
  return atomic_load_explicit(&registry.count, memory_order_acquire);
}

/* ----- the exclusive side of the protocol -------------------------------- */

static void barrier_on_every_thread(void) {
  if (!registry.no_membarrier)
    syscall(__NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0);
}

static void wait_until_owner_leaves(tm_heap *h) {
  while (atomic_load_explicit(&h->busy, memory_order_acquire))
    __builtin_ia32_pause();
}

/* Holds h so that neither its owner nor another thread changes it. */
static void heap_acquire(tm_heap *h) {
  tm_heap_lock(h);
  atomic_fetch_add(&h->exclusive, 1);
  barrier_on_every_thread();
  wait_until_owner_leaves(h);
}

static void heap_release(tm_heap *h) {
  atomic_fetch_sub(&h->exclusive, 1);
  tm_heap_unlock(h);
}

/* ----- making and recycling heaps ---------------------------------------- */

static void orphan_heap(void *heap) {
  tm_heap *h = heap;
  tm_self.heap = NULL;
  registry_lock();
  h->next_orphan = registry.orphans;
  registry.orphans = h;
  registry_unlock();
}

/*
 * Reserves the slot region: address space only, readable and writable,
 * without backing (MAP_NORESERVE); pages cost memory once slots are
 * carved from them.  Where the address space is limited (ulimit -v), at
 * most an eighth of the limit, so that the program keeps the rest: the
 * limit counts reserved address space as if it were used.
 */
static void reserve_slot_region(void) {
  uint64_t slots = 1ull << 32;
  struct rlimit limit;
  if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    while (slots > TM_CHUNK_SLOTS && slots * sizeof(tm_slot) > limit.rlim_cur / 8)
      slots /= 2;
  for (; slots >= TM_CHUNK_SLOTS; slots /= 2) {
    void *m = mmap(NULL, slots * sizeof(tm_slot), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m != MAP_FAILED) {
      tm_slot_region = m;
      /* The region before its size: a size read as non-zero names it. */
      atomic_thread_fence(memory_order_release);
      tm_slot_region_size = slots;
      return;
    }
  }
}

void tm_trace_reserve(void) {
  static atomic_int state; /* 0: not yet, 1: reserving, 2: done */
  int expected = 0;
  if (atomic_load_explicit(&state, memory_order_acquire) == 2)
    return;
  if (atomic_compare_exchange_strong(&state, &expected, 1)) {
    reserve_slot_region();
    atomic_store_explicit(&state, 2, memory_order_release);
    return;
  }
  while (atomic_load_explicit(&state, memory_order_acquire) != 2)
    sched_yield(); /* another thread's tm_start is reserving it */
}

/* A chunk of the region for a heap, NULL when the region is used up. */
static tm_slot *take_region_chunk(void) {
  uint64_t chunk = atomic_fetch_add(&region_chunks_used, 1);
  if ((chunk + 1) * TM_CHUNK_SLOTS > tm_slot_region_size)
    return NULL;
  return tm_slot_region + chunk * TM_CHUNK_SLOTS;
}

void tm_trace_init(void) {
  registry.no_membarrier =
      syscall(__NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0,
              0) != 0;
  pthread_key_create(&registry.exit_key, orphan_heap);
  overflow_heap.index = atomic_fetch_add(&registry.count, 1);
  atomic_init(&overflow_heap.exclusive, 1);
  tm_heap_table[overflow_heap.index] = &overflow_heap;
}

static tm_heap *make_heap(void) {
  unsigned index = atomic_load_explicit(&registry.count, memory_order_relaxed);
  if (index >= TM_MAX_HEAPS)
    return NULL;
  tm_heap *h = tm_arena_alloc(sizeof *h);
  if (!h)
    return NULL;
  h->index = index;
  atomic_init(&h->exclusive, registry.no_membarrier ? 1 : 0);
  tm_heap_table[index] = h;
  atomic_store_explicit(&registry.count, index + 1, memory_order_release);
  return h;
}

tm_heap *tm_heap_assign(void) {
  registry_lock();
  tm_heap *h = registry.orphans;
  if (h)
    registry.orphans = h->next_orphan;
  else
    h = make_heap();
  registry_unlock();
  if (!h)
    return tm_self.heap = &overflow_heap; /* more live threads than heaps */
  pthread_setspecific(registry.exit_key, h);
  return tm_self.heap = h;
}

/* ----- the owner's slow paths -------------------------------------------- */

static bool take_remote_frees(tm_heap *h) {
  if (!atomic_load_explicit(&h->has_remote, memory_order_relaxed))
    return false;
  h->free_head = h->remote_head;
  h->remote_head = NULL;
  atomic_store_explicit(&h->has_remote, false, memory_order_relaxed);
  return true;
}

void tm_heap_refill(tm_heap *h, bool fast) {
  /* On the fast path the owner is busy and must not wait for the lock
   * (an exclusive user holding it waits for the owner): it only tries. */
  if (atomic_load_explicit(&h->has_remote, memory_order_relaxed) &&
      (!fast || tm_spin_trylock(&h->lock))) {
    bool taken = take_remote_frees(h);
    if (fast)
      tm_heap_unlock(h);
    if (taken)
      return;
  }
  uint32_t chunk = h->used >> TM_CHUNK_SLOTS_LOG2;
  if (chunk >= TM_MAX_CHUNKS)
    return;
  /* Pages are touched, and so cost memory, only as slots are used. */
  if (!h->chunks[chunk] && !(h->chunks[chunk] = take_region_chunk()))
    return;
  /* A slot is carved once per clear: its heap is written here, and stays. */
  tm_slot *t = tm_slot_at(h, h->used++);
  t->heap = h->index;
  t->next = NULL;
  h->free_head = t;
}

void tm_heap_flush(tm_heap *h) {
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
  if (now > peak)
    peak = now;
  int64_t headroom = peak - now;
  atomic_store_explicit(&h->flush_above,
                        headroom < TM_FLUSH_BATCH ? headroom : TM_FLUSH_BATCH,
                        memory_order_relaxed);
  tm_timeline_record(now, peak);
  if (tm_unlikely(now >= atomic_load_explicit(&tm_global.peak_dump_at,
                                              memory_order_relaxed)) &&
      tm_peak_reached(now))
    h->peak_reached = true;
}

bool tm_trace_remove_remote(tm_heap *owner, void *p, tm_slot *t) {
  uint64_t size = 0;
  bool removed = false;
  tm_heap_lock(owner);
  /* The owner never touches a live slot it does not free itself; after a
   * clear the slot is empty or holds another block. */
  if (t->ptr == (uintptr_t)p) {
    size = t->size;
    t->ptr = 0;
    t->next = owner->remote_head;
    owner->remote_head = t;
    atomic_store_explicit(&owner->has_remote, true, memory_order_relaxed);
    removed = true;
  }
  tm_heap_unlock(owner);
  /* The bytes leave the freeing thread's count: the sum is what matters. */
  if (removed)
    tm_trace_account(-(int64_t)size, -1);
  return removed;
}

bool tm_trace_id_of(const void *p, tm_slot *t, uint32_t *trace) {
  tm_heap *owner = tm_heap_table[t->heap];
  if (!owner)
    return false;
  /* The lock keeps other threads from freeing the slot meanwhile; the owner
   * does not touch a live slot that it is not freeing. */
  tm_heap_lock(owner);
  bool found = t->ptr == (uintptr_t)p;
  if (found)
    *trace = t->trace;
  tm_heap_unlock(owner);
  return found;
}

/* ----- whole-table operations -------------------------------------------- */

void tm_trace_clear_all(void) {
  unsigned n = heap_count();
  for (unsigned i = 1; i < n; i++) {
    tm_heap *h = tm_heap_table[i];
    heap_acquire(h);
    for (uint32_t c = 0; c < TM_MAX_CHUNKS && h->chunks[c]; c++)
      /* Zeroes the slots and gives their pages back. */
      madvise(h->chunks[c], TM_CHUNK_SLOTS * sizeof(tm_slot), MADV_DONTNEED);
    h->used = 0;
    h->free_head = NULL;
    h->remote_head = NULL;
    atomic_store(&h->has_remote, false);
    atomic_store(&h->pending, 0);
    atomic_store(&h->blocks, 0);
    atomic_store(&h->flush_above, 0);
    heap_release(h);
  }
  atomic_store(&tm_global.current, 0);
  atomic_store(&tm_global.peak, 0);
}

void tm_trace_foreach(void (*fn)(void *ctx, const tm_slot *t), void *ctx) {
  unsigned n = heap_count();
  for (unsigned i = 1; i < n; i++) {
    tm_heap *h = tm_heap_table[i];
    heap_acquire(h);
    for (uint32_t s = 0; s < h->used; s++) {
      const tm_slot *t = tm_slot_at(h, s);
      if (t->ptr)
        fn(ctx, t);
    }
    heap_release(h);
  }
}

void tm_trace_forget_headroom(void) {
  unsigned n = heap_count();
  for (unsigned i = 1; i < n; i++)
    atomic_store_explicit(&tm_heap_table[i]->flush_above, 0,
                          memory_order_relaxed);
}

int64_t tm_trace_current(void) {
  int64_t sum = atomic_load(&tm_global.current);
  unsigned n = heap_count();
  for (unsigned i = 1; i < n; i++)
    sum += atomic_load_explicit(&tm_heap_table[i]->pending,
                                memory_order_relaxed);
  return sum;
}

size_t tm_trace_memory(void) {
  int64_t blocks = 0;
  size_t bytes = 0;
  unsigned n = heap_count();
  for (unsigned i = 1; i < n; i++) {
    tm_heap *h = tm_heap_table[i];
    blocks += atomic_load_explicit(&h->blocks, memory_order_relaxed);
    bytes += sizeof *h + (size_t)h->used * sizeof(tm_slot);
  }
  return bytes + (blocks > 0 ? (size_t)blocks * TM_TAG_SIZE : 0);
}

uint64_t tm_trace_dropped(void) {
  uint64_t dropped = 0;
  unsigned n = heap_count();
  for (unsigned i = 1; i < n; i++)
    dropped += tm_heap_table[i]->dropped;
  return dropped;
}

/* ----- fork --------------------------------------------------------------- */

void tm_trace_before_fork(void) {
  registry_lock();
  unsigned n = heap_count();
  for (unsigned i = 1; i < n; i++) {
    tm_heap_lock(tm_heap_table[i]);
    atomic_fetch_add(&tm_heap_table[i]->exclusive, 1);
  }
  barrier_on_every_thread();
  for (unsigned i = 1; i < n; i++)
    wait_until_owner_leaves(tm_heap_table[i]);
}

static void release_all(void) {
  unsigned n = heap_count();
  for (unsigned i = 1; i < n; i++)
    heap_release(tm_heap_table[i]);
  registry_unlock();
}

void tm_trace_after_fork_parent(void) { release_all(); }

void tm_trace_after_fork_child(void) {
  /* Only the forking thread lives on: every other heap is an orphan. */
  registry.orphans = NULL;
  unsigned n = heap_count();
  for (unsigned i = 1; i < n; i++) {
    tm_heap *h = tm_heap_table[i];
    if (h == tm_self.heap || h == &overflow_heap)
      continue;
    h->next_orphan = registry.orphans;
    registry.orphans = h;
  }
  release_all();
}
