/* The table of live traces; see trace_table.h for the protocol. */
#define _GNU_SOURCE
#include "trace_table.h"

#include <linux/membarrier.h>
#include <pthread.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "live.h"

/* Every heap ever made, by index; never freed (they are recycled).  In
 * chunks made as threads come, so that a process reserves no room for
 * 65,536 of them; written under the registry's lock before the count that
 * publishes them. */
#define HEAPS_PER_CHUNK 1024u
static tm_heap **heap_chunks[TM_MAX_HEAPS / HEAPS_PER_CHUNK];

static tm_heap *heap_at(unsigned index) {
  return heap_chunks[index / HEAPS_PER_CHUNK][index % HEAPS_PER_CHUNK];
}

/* The registry: making, orphaning and adopting heaps. */
static struct {
  atomic_flag lock;
  atomic_uint count;      /* heaps made; index 0 is never used */
  tm_heap *orphans;       /* heaps whose thread has exited */
  pthread_key_t exit_key; /* its destructor orphans the thread's heap */
  /* Without membarrier(2) every heap starts exclusive, so that owners
   * always take the lock: slower, never wrong. */
  bool no_membarrier;
  uint64_t key_draws; /* tag keys drawn so far */
} registry = {.count = 1};

/* Threads beyond TM_MAX_HEAPS share this one; it is always exclusive, so
 * its users take its lock. */
static tm_heap overflow_heap;

/* What a heap's table is before its first count: one empty entry, which
 * no key matches, so the first count takes the slow path and grows it. */
static tm_count no_counts[1];

/* The allocations of the keys whose blocks all died, once a heap's table
 * grew past TM_COUNTS_KEEP_DEAD_BYTES and left them behind: by packed
 * trace id alone, all sizes summed, so that a trace costs one entry
 * however many sizes it allocated.  Written by an owner in its heap's
 * operation, read by whoever holds every heap; under its own lock. */
typedef struct retired_count {
  uint32_t key; /* packed trace id + 1; 0 marks an empty entry */
  uint64_t allocs, bytes;
} retired_count;
_Static_assert(sizeof(retired_count) == sizeof(tm_live_retired),
               "the live file's retired allocations are these");
static struct {
  atomic_flag lock;
  retired_count *slots; /* tm_live_map()'s; NULL until the first */
  size_t mask, used;
} retired;

void tm_heap_lock(tm_heap *h) { tm_spin_lock(&h->lock); }

static void registry_lock(void) { tm_spin_lock(&registry.lock); }
static void registry_unlock(void) { tm_spin_unlock(&registry.lock); }

static size_t retired_home(uint32_t key, size_t mask) {
  return (size_t)((key * 0x9e3779b97f4a7c15ull) >> 32) & mask;
}

static retired_count *retired_find(retired_count *slots, size_t mask,
                                   uint32_t key) {
  size_t i = retired_home(key, mask);
  while (slots[i].key && slots[i].key != key)
    i = (i + 1) & mask;
  return &slots[i];
}

/* Under retired.lock.  Doubles the table, or makes its first. */
static bool retired_grow(void) {
  size_t mask = retired.slots ? retired.mask * 2 + 1 : 255;
  retired_count *slots = tm_live_map((mask + 1) * sizeof *slots);
  if (!slots)
    return false;
  for (size_t i = 0; retired.slots && i <= retired.mask; i++)
    if (retired.slots[i].key)
      *retired_find(slots, mask, retired.slots[i].key) = retired.slots[i];
  tm_live_publish_retired(slots, mask + 1);
  if (retired.slots)
    tm_live_unmap(retired.slots, (retired.mask + 1) * sizeof *retired.slots);
  retired.slots = slots;
  retired.mask = mask;
  return true;
}

/* Keeps the allocations of a key a heap leaves behind.  Without memory
 * they are lost, and counted as blocks the heap dropped. */
static bool retire(const tm_count *c) {
  uint32_t key = tm_tag_payload_packed_trace((uint32_t)c->key) + 1;
  tm_spin_lock(&retired.lock);
  bool kept = (retired.used + 1) * 2 <= (retired.slots ? retired.mask + 1 : 0) ||
              retired_grow();
  if (kept) {
    retired_count *r = retired_find(retired.slots, retired.mask, key);
    if (!r->key) {
      r->key = key;
      retired.used++;
    }
    r->allocs += c->allocs;
    r->bytes += c->allocs * tm_tag_payload_size((uint32_t)c->key);
  }
  tm_spin_unlock(&retired.lock);
  return kept;
}

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

/* Holds every heap so that neither their owners nor anyone else changes
 * them: all at once, so that what they count is one moment's, and with
 * the registry's lock, so that no heap is made meanwhile (a new thread's
 * first block would be counted under a key a clear is replacing).  One
 * barrier serves them all.  Returns the number of heaps held, for
 * release_heaps. */
static unsigned hold_heaps(void) {
  registry_lock();
  unsigned n = heap_count();
  for (unsigned i = 1; i < n; i++) {
    tm_heap_lock(heap_at(i));
    atomic_fetch_add(&heap_at(i)->exclusive, 1);
  }
  barrier_on_every_thread();
  for (unsigned i = 1; i < n; i++)
    wait_until_owner_leaves(heap_at(i));
  return n;
}

static void release_heaps(unsigned n) {
  for (unsigned i = 1; i < n; i++) {
    atomic_fetch_sub(&heap_at(i)->exclusive, 1);
    tm_heap_unlock(heap_at(i));
  }
  registry_unlock();
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

/* A new tag key: tags written under the old one no longer verify.  The
 * keys are a keyed sequence (splitmix64 of the secret's stream), so none
 * repeats and none can be guessed without the secret. */
static void draw_tag_key(void) {
  uint64_t z = tm_global.tag_secret +
               ++registry.key_draws * 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  atomic_store_explicit(&tm_global.tag_key, z ^ (z >> 31),
                        memory_order_relaxed);
}

static bool init_heap(tm_heap *h, unsigned index, int exclusive) {
  tm_heap ***chunk = &heap_chunks[index / HEAPS_PER_CHUNK];
  if (!*chunk && !(*chunk = tm_arena_alloc(HEAPS_PER_CHUNK * sizeof **chunk)))
    return false;
  h->index = index;
  h->counts = no_counts;
  h->mask = 0;
  atomic_init(&h->exclusive, exclusive);
  atomic_init(&h->flush_limit, TM_FLUSH_BATCH);
  (*chunk)[index % HEAPS_PER_CHUNK] = h;
  return true;
}

void tm_trace_init(void) {
  registry.no_membarrier =
      syscall(__NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0,
              0) != 0;
  pthread_key_create(&registry.exit_key, orphan_heap);
  (void)init_heap(&overflow_heap, atomic_fetch_add(&registry.count, 1), 1);
  draw_tag_key();
}

static tm_heap *make_heap(void) {
  unsigned index = atomic_load_explicit(&registry.count, memory_order_relaxed);
  if (index >= TM_MAX_HEAPS)
    return NULL;
  tm_heap *h = tm_arena_alloc(sizeof *h);
  if (!h || !init_heap(h, index, registry.no_membarrier ? 1 : 0))
    return NULL;
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

/* ----- the owner's slow path --------------------------------------------- */

/* A power of two, as every table size: 3 KiB. */
#define TM_COUNTS_MIN 128u

static size_t table_bytes(uint32_t mask) {
  return ((size_t)mask + 1) * sizeof(tm_count);
}

static void free_table(tm_count *counts, uint32_t mask) {
  if (counts != no_counts)
    tm_live_unmap(counts, table_bytes(mask));
}

/* The entry of that key in the table, or the empty entry where it goes. */
static tm_count *find_entry(tm_count *counts, uint32_t mask, uint32_t payload) {
  uint64_t key = payload | TM_COUNT_USED;
  uint32_t i = tm_count_home(payload, mask);
  while (counts[i].key && counts[i].key != key)
    i = (i + 1) & mask;
  return &counts[i];
}

/*
 * Up to this size a heap's table keeps the keys whose count came back to
 * zero: a program frees and allocates again the same (trace, size) pairs,
 * and a key dropped at each growth is inserted again, at the price of a
 * search and soon another growth (on a churn of 4096 sizes, a tenth of
 * all mallocs).  Beyond it they are left behind, so that a heap holds the
 * pairs alive in it, not every pair it ever saw.
 */
#define TM_COUNTS_KEEP_DEAD_BYTES (1u << 20)

/* The smallest table that the keys fill at most a quarter of. */
static uint32_t mask_for(uint32_t keys) {
  uint32_t mask = TM_COUNTS_MIN - 1;
  while ((mask + 1) / 4 < keys + 1)
    mask = mask * 2 + 1;
  return mask;
}

/* Moves the heap's counts into a table with room to spare. */
static bool grow_table(tm_heap *h) {
  uint32_t live = 0;
  for (uint32_t i = 0; i <= h->mask; i++)
    live += h->counts[i].key && h->counts[i].blocks;
  uint32_t mask = mask_for(h->used);
  bool keep_dead = table_bytes(mask) <= TM_COUNTS_KEEP_DEAD_BYTES;
  if (!keep_dead)
    mask = mask_for(live);
  tm_count *counts = tm_live_map(table_bytes(mask));
  if (!counts)
    return false;
  for (uint32_t i = 0; i <= h->mask; i++) {
    tm_count *c = &h->counts[i];
    if (c->key && (c->blocks || keep_dead))
      *find_entry(counts, mask, (uint32_t)c->key) = *c;
    else if (c->key && c->allocs && !retire(c))
      h->dropped += c->allocs;
  }
  /* Readers of the live file move to the new table before the old one
   * can be reused. */
  tm_live_publish_shard(h->index, counts, (uint64_t)mask + 1);
  free_table(h->counts, h->mask);
  h->counts = counts;
  h->mask = mask;
  h->used = keep_dead ? h->used : live;
  return true;
}

bool tm_heap_count_slow(tm_heap *h, uint32_t payload, int64_t blocks,
                        uint64_t allocs) {
  for (;;) {
    tm_count *c = find_entry(h->counts, h->mask, payload);
    if (c->key) {
      c->blocks += blocks;
      c->allocs += allocs;
      return true;
    }
    /* Searches stay short: the table is at most half full. */
    if ((h->used + 1) * 2 <= h->mask + 1) {
      *c = (tm_count){.key = payload | TM_COUNT_USED,
                      .blocks = blocks,
                      .allocs = allocs};
      h->used++;
      return true;
    }
    if (!grow_table(h))
      return false;
  }
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
  tm_live_note_peak(peak);
  int64_t headroom = peak - now;
  atomic_store_explicit(&h->flush_limit,
                        (headroom < TM_FLUSH_BATCH ? headroom : TM_FLUSH_BATCH) +
                            TM_FLUSH_BATCH,
                        memory_order_relaxed);
  tm_timeline_record(now, peak);
  if (tm_unlikely(now >= atomic_load_explicit(&tm_global.peak_dump_at,
                                              memory_order_relaxed)) &&
      tm_peak_reached(now))
    h->owes |= TM_OWES_PEAK_CAPTURE;
  if (tm_unlikely(tm_live_wanted()))
    h->owes |= TM_OWES_LIVE_FILE;
}

void tm_heap_pay(tm_heap *h) {
  unsigned owes = h->owes;
  h->owes = 0;
  if (owes & TM_OWES_PEAK_CAPTURE)
    tm_peak_capture();
  if (owes & TM_OWES_LIVE_FILE)
    tm_live_make_own();
}

void tm_trace_hold_all(void (*fn)(void)) {
  unsigned n = hold_heaps();
  fn();
  release_heaps(n);
}

/* ----- whole-table operations -------------------------------------------- */

void tm_trace_clear_all(void) {
  unsigned n = hold_heaps();
  /* Under every heap: no owner is between reading the key and writing a
   * tag with it, so every tag written before now fails from now on. */
  draw_tag_key();
  for (unsigned i = 1; i < n; i++) {
    tm_heap *h = heap_at(i);
    tm_live_publish_shard(h->index, NULL, 0);
    free_table(h->counts, h->mask);
    h->counts = no_counts;
    h->mask = 0;
    h->used = 0;
    atomic_store(&h->pending, 0);
    atomic_store(&h->flush_limit, TM_FLUSH_BATCH);
  }
  /* Given back, so that the next one is made in the live file, which
   * may be new. */
  tm_live_publish_retired(NULL, 0);
  if (retired.slots)
    tm_live_unmap(retired.slots, (retired.mask + 1) * sizeof *retired.slots);
  retired.slots = NULL;
  retired.mask = 0;
  retired.used = 0;
  atomic_store(&tm_global.current, 0);
  atomic_store(&tm_global.peak, 0);
  release_heaps(n);
}

/* Adds every heap's counts into one table, from tm_real's memory; NULL
 * without it.  Called with the heaps held. */
static tm_count *sum_heaps(unsigned n, uint32_t *sum_mask) {
  uint64_t keys = 0;
  for (unsigned i = 1; i < n; i++)
    keys += heap_at(i)->used;
  uint32_t mask = 15;
  while ((mask + 1) / 2 < keys + 1 && mask < UINT32_MAX / 2)
    mask = mask * 2 + 1;
  tm_count *sum = tm_real.calloc((size_t)mask + 1, sizeof *sum);
  if (!sum)
    return NULL;
  for (unsigned i = 1; i < n; i++) {
    const tm_heap *h = heap_at(i);
    for (uint32_t j = 0; j <= h->mask; j++) {
      const tm_count *c = &h->counts[j];
      if (c->key && (c->blocks || c->allocs)) {
        tm_count *s = find_entry(sum, mask, (uint32_t)c->key);
        s->key = c->key;
        s->blocks += c->blocks;
        s->allocs += c->allocs;
      }
    }
  }
  *sum_mask = mask;
  return sum;
}

/* A copy of the retired allocations, from tm_real's memory (NULL when
 * there are none, or without memory: *failed), with the heaps held. */
static retired_count *copy_retired(size_t *n, bool *failed) {
  retired_count *copy = NULL;
  *n = 0;
  tm_spin_lock(&retired.lock);
  if (retired.used &&
      !(copy = tm_real.malloc(retired.used * sizeof *copy)))
    *failed = true;
  for (size_t i = 0; copy && i <= retired.mask; i++)
    if (retired.slots[i].key)
      copy[(*n)++] = retired.slots[i];
  tm_spin_unlock(&retired.lock);
  return copy;
}

bool tm_trace_foreach(void (*fn)(void *ctx, const tm_trace_counts *counts),
                      void *ctx) {
  uint32_t mask;
  size_t nretired;
  bool failed = false;
  unsigned n = hold_heaps();
  tm_count *sum = sum_heaps(n, &mask);
  retired_count *gone = sum ? copy_retired(&nretired, &failed) : NULL;
  release_heaps(n);
  if (!sum || failed) {
    tm_real.free(sum);
    return false;
  }
  for (uint32_t i = 0; i <= mask; i++) {
    const tm_count *c = &sum[i];
    /* Below zero only for a block untraced by chance (block_tag.h). */
    uint64_t blocks = c->blocks > 0 ? (uint64_t)c->blocks : 0;
    if (!c->key || (!blocks && !c->allocs))
      continue;
    uint32_t size = tm_tag_payload_size((uint32_t)c->key);
    fn(ctx, &(tm_trace_counts){.trace = tm_tag_payload_trace((uint32_t)c->key),
                               .size = size,
                               .blocks = blocks,
                               .allocs = c->allocs,
                               .allocated_bytes = c->allocs * size});
  }
  for (size_t i = 0; i < nretired; i++)
    fn(ctx, &(tm_trace_counts){
                .trace = tm_tag_unpack_trace(gone[i].key - 1),
                .allocs = gone[i].allocs,
                .allocated_bytes = gone[i].bytes});
  tm_real.free(sum);
  tm_real.free(gone);
  return true;
}

void tm_trace_forget_headroom(void) {
  unsigned n = heap_count();
  for (unsigned i = 1; i < n; i++)
    atomic_store_explicit(&heap_at(i)->flush_limit, TM_FLUSH_BATCH,
                          memory_order_relaxed);
}

int64_t tm_trace_current(void) {
  int64_t sum = atomic_load(&tm_global.current);
  unsigned n = heap_count();
  for (unsigned i = 1; i < n; i++)
    sum += atomic_load_explicit(&heap_at(i)->pending,
                                memory_order_relaxed);
  return sum;
}

/* The heaps themselves and the tags of the live blocks; their tables are
 * tm_map()'s, counted by tm_mapped_bytes(). */
size_t tm_trace_memory(void) {
  int64_t blocks = 0;
  unsigned n = hold_heaps();
  for (unsigned i = 1; i < n; i++) {
    const tm_heap *h = heap_at(i);
    for (uint32_t j = 0; j <= h->mask; j++)
      if (h->counts[j].key)
        blocks += h->counts[j].blocks;
  }
  release_heaps(n);
  return (n - 1) * sizeof(tm_heap) +
         (blocks > 0 ? (size_t)blocks * TM_TAG_SIZE : 0);
}

uint64_t tm_trace_dropped(void) {
  uint64_t dropped = 0;
  unsigned n = heap_count();
  for (unsigned i = 1; i < n; i++)
    dropped += heap_at(i)->dropped;
  return dropped;
}

/* ----- fork --------------------------------------------------------------- */

/* No heap is made while they are held: heap_count() after is the number
 * held. */
void tm_trace_before_fork(void) { hold_heaps(); }

void tm_trace_after_fork_parent(void) { release_heaps(heap_count()); }

void tm_trace_after_fork_child(void) {
  /* Only the forking thread lives on: every other heap is an orphan.  Its
   * owner may have been caught between marking itself busy and seeing the
   * heap held (tm_heap_enter), after the prepare handler waited for it: a
   * mark no thread of the child will ever clear, which the next snapshot
   * would wait on forever.  The forking thread is in none of its heap's
   * operations. */
  registry.orphans = NULL;
  unsigned n = heap_count();
  for (unsigned i = 1; i < n; i++) {
    tm_heap *h = heap_at(i);
    atomic_store_explicit(&h->busy, 0, memory_order_relaxed);
    if (h == tm_self.heap || h == &overflow_heap)
      continue;
    h->next_orphan = registry.orphans;
    registry.orphans = h;
  }
  release_heaps(n);
}
