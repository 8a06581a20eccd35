/* The stack depot; see stack_depot.h. */
#include "stack_depot.h"

#include <string.h>

#include "live.h"
#include "spinlock.h"
#include "unwind.h"

/* The bucket table starts small and grows fourfold whenever it holds more
 * stacks than buckets, up to a bound past which lists just grow longer. */
#define TM_DEPOT_FIRST_BUCKETS (1u << 12)
#define TM_DEPOT_MAX_BUCKETS (1u << 27)
#define TM_DEPOT_IDS_PER_CHUNK 65536u
#define TM_DEPOT_ID_CHUNKS 32768u /* 2^31 stacks */

typedef struct bucket_table {
  uint32_t mask;
  _Atomic(tm_stack *) heads[];
} bucket_table;

static struct {
  _Atomic(bucket_table *) table; /* mapped by the first insert */
  /* Held by inserts (and the growth they cause), never by lookups. */
  atomic_flag lock;
  uint32_t stacks; /* under the lock */
  tm_stack **_Atomic ids[TM_DEPOT_ID_CHUNKS];
  atomic_uint next_id;
} depot = {.lock = ATOMIC_FLAG_INIT, .next_id = 1};

void tm_depot_lock(void) { tm_spin_lock(&depot.lock); }
void tm_depot_unlock(void) { tm_spin_unlock(&depot.lock); }

static uint64_t hash_stack(uint32_t site, const uintptr_t *pcs, uint32_t n,
                           uint32_t depth, uint32_t limit) {
  uint64_t h = ((uint64_t)site << 32 | depth) * 0x9e3779b97f4a7c15ull + limit;
  for (uint32_t i = 0; i < n; i++)
    h = (h ^ pcs[i]) * 0xff51afd7ed558ccdull;
  return h ^ (h >> 29);
}

static bucket_table *map_table(uint32_t buckets) {
  bucket_table *t =
      tm_map(sizeof(bucket_table) + buckets * sizeof(_Atomic(tm_stack *)));
  if (t)
    t->mask = buckets - 1;
  return t;
}

/*
 * Moves every stack into a table four times larger, under the lock, while
 * lookups go on without it.  Each node's link changes once, from its old
 * list to its new one, and a new list only links nodes moved before: a
 * lookup that strays from an old list into a new one still ends, and may
 * miss, which only sends it to the insert path, which looks again under
 * the lock.  The old table stays mapped, since a lookup may still be
 * reading it: all the old tables together are a third of the new one.
 */
static void grow(bucket_table *old) {
  uint32_t buckets = (old->mask + 1) * 4;
  bucket_table *fresh = buckets <= TM_DEPOT_MAX_BUCKETS ? map_table(buckets)
                                                        : NULL;
  if (!fresh)
    return; /* lists grow longer, nothing is lost */
  for (uint32_t i = 0; i <= old->mask; i++) {
    tm_stack *s = atomic_load_explicit(&old->heads[i], memory_order_relaxed);
    while (s) {
      tm_stack *next = atomic_load_explicit(&s->next, memory_order_relaxed);
      _Atomic(tm_stack *) *head = &fresh->heads[s->hash & fresh->mask];
      atomic_store_explicit(
          &s->next, atomic_load_explicit(head, memory_order_relaxed),
          memory_order_release);
      atomic_store_explicit(head, s, memory_order_relaxed);
      s = next;
    }
  }
  atomic_store_explicit(&depot.table, fresh, memory_order_release);
}

static bool same_stack(const tm_stack *s, uint64_t hash, const tm_stack *key) {
  return s->hash == hash && s->site == key->site && s->npcs == key->npcs &&
         s->depth == key->depth && s->limit == key->limit &&
         memcmp(s->pcs, key->pcs, key->npcs * sizeof *key->pcs) == 0;
}

static const tm_stack *find(const bucket_table *t, uint64_t hash,
                            const tm_stack *key) {
  if (!t)
    return NULL;
  const tm_stack *s =
      atomic_load_explicit(&t->heads[hash & t->mask], memory_order_acquire);
  for (; s; s = atomic_load_explicit(&s->next, memory_order_acquire))
    if (same_stack(s, hash, key))
      return s;
  return NULL;
}

/* Gives s an id, so that a trace can name it in 32 bits. */
static bool assign_id(tm_stack *s) {
  uint32_t id = atomic_fetch_add(&depot.next_id, 1);
  uint32_t chunk = id / TM_DEPOT_IDS_PER_CHUNK;
  if (chunk >= TM_DEPOT_ID_CHUNKS)
    return false;
  tm_stack **ids = atomic_load_explicit(&depot.ids[chunk], memory_order_acquire);
  if (!ids) {
    ids = tm_arena_alloc(TM_DEPOT_IDS_PER_CHUNK * sizeof *ids);
    if (!ids)
      return false;
    atomic_store_explicit(&depot.ids[chunk], ids, memory_order_release);
  }
  s->id = id | TM_TRACE_IS_STACK;
  __atomic_store_n(&ids[id % TM_DEPOT_IDS_PER_CHUNK], s, __ATOMIC_RELEASE);
  return true;
}

/* The insert path, under the lock: the stack may have come in meanwhile. */
static uint32_t insert(uint64_t hash, const tm_stack *key) {
  bucket_table *t = atomic_load_explicit(&depot.table, memory_order_relaxed);
  if (!t) {
    t = map_table(TM_DEPOT_FIRST_BUCKETS);
    if (!t)
      return 0;
    atomic_store_explicit(&depot.table, t, memory_order_release);
  }
  const tm_stack *found = find(t, hash, key);
  if (found)
    return found->id;
  size_t bytes = sizeof(tm_stack) + key->npcs * sizeof *key->pcs;
  tm_stack *fresh = tm_arena_alloc(bytes);
  if (!fresh)
    return 0;
  memcpy(fresh, key, bytes);
  fresh->hash = hash;
  if (!assign_id(fresh))
    return 0; /* arena memory lost with the ids: nothing more is stored */
  _Atomic(tm_stack *) *head = &t->heads[hash & t->mask];
  atomic_init(&fresh->next, atomic_load_explicit(head, memory_order_relaxed));
  atomic_store_explicit(head, fresh, memory_order_release);
  tm_live_add_stack(fresh->id, fresh->site);
  if (++depot.stacks > t->mask + 1)
    grow(t);
  return fresh->id;
}

uint32_t tm_stack_intern(uint32_t site, const uintptr_t *pcs, uint32_t npcs,
                         uint32_t depth, uint32_t limit) {
  /* The key, on the stack of the caller: only copied out when new. */
  _Alignas(tm_stack) unsigned char
      storage[sizeof(tm_stack) + TM_MAX_NFRAME_CAPTURED * sizeof(uintptr_t)];
  tm_stack *key = (tm_stack *)storage;
  if (npcs > TM_MAX_NFRAME_CAPTURED)
    npcs = TM_MAX_NFRAME_CAPTURED;
  *key = (tm_stack){.site = site, .depth = depth, .limit = limit, .npcs = npcs};
  memcpy(key->pcs, pcs, npcs * sizeof *pcs);
  uint64_t hash = hash_stack(site, pcs, npcs, depth, limit);
  const tm_stack *found =
      find(atomic_load_explicit(&depot.table, memory_order_acquire), hash, key);
  if (found)
    return found->id;
  tm_depot_lock();
  uint32_t id = insert(hash, key);
  tm_depot_unlock();
  return id;
}

const tm_stack *tm_stack_get(uint32_t id) {
  if (!(id & TM_TRACE_IS_STACK))
    return NULL;
  id &= ~TM_TRACE_IS_STACK;
  uint32_t chunk = id / TM_DEPOT_IDS_PER_CHUNK;
  tm_stack **ids = chunk < TM_DEPOT_ID_CHUNKS
                       ? atomic_load_explicit(&depot.ids[chunk],
                                              memory_order_acquire)
                       : NULL;
  return ids ? __atomic_load_n(&ids[id % TM_DEPOT_IDS_PER_CHUNK],
                               __ATOMIC_ACQUIRE)
             : NULL;
}


/* A block of uninstrumented code with a traceback limit of 1: its return
 * address is all there is to record, read from the entry point's frame
 * record, and the thread remembers the last one it interned (a loop that
 * allocates calls from one place).  The depth is not counted: walking the
 * whole stack for it would cost more than everything else. */
static uint32_t capture_return_address(const void *entry) {
  uintptr_t pc = ((const uintptr_t *)entry)[1];
  if (pc == tm_self.last_pc && tm_self.last_pc_stack)
    return tm_self.last_pc_stack;
  uint32_t id = tm_stack_intern(0, &pc, 1, 1, 1);
  tm_self.last_pc = pc;
  tm_self.last_pc_stack = id;
  return id;
}

/* The traceback limit in force, to the frames a stack keeps at most. */
static uint32_t frames_kept(uint32_t nframe) {
  return nframe < TM_MAX_TRACEBACK_FRAMES ? nframe : TM_MAX_TRACEBACK_FRAMES;
}

uint32_t tm_stack_of_pcs(const uintptr_t *pcs, size_t n) {
  uint32_t limit = frames_kept((uint32_t)atomic_load_explicit(
      &tm_global.nframe, memory_order_relaxed));
  return tm_stack_intern(0, pcs, (uint32_t)(n < limit ? n : limit),
                         (uint32_t)n, limit);
}

/*
 * The frame-pointer walk broke at a function built without frame pointers:
 * its call-frame information goes on from there, or where even that
 * fails, the system's unwinder, far slower.  Nothing of the walk can stand
 * in for either: the same return addresses up to the break are reached
 * from every caller of the function that broke it (all the std::string
 * constructors of a program meet in libstdc++'s operator new), so a
 * remembered answer would merge different call chains.
 */
static __attribute__((noinline)) size_t
unwind_rest(uintptr_t *pcs, size_t n, size_t max, size_t *depth,
            uintptr_t resume) {
  size_t walked = n;
  if (resume && tm_unwind_cfi(resume, pcs, &walked, max, depth))
    return walked;
  return tm_unwind_rest(pcs, n, max, depth);
}

uint32_t tm_capture_stack(uint32_t site, const void *entry) {
  uint32_t limit =
      (uint32_t)atomic_load_explicit(&tm_global.nframe, memory_order_relaxed);
  if (limit == 1 && !site)
    return capture_return_address(entry);
  limit = frames_kept(limit);
  /* A wrapper's block belongs to its callers: the frames it skips
   * (tm_stack_traceback) are walked on top of the limit.  Tracing by line,
   * its depth is not counted, as no other block's is (walking a deep
   * stack for it would cost more than everything else). */
  uint32_t walk = limit + (tm_site_id_is_returned(site) ? TM_WRAPPER_DEPTH : 0);
  uintptr_t pcs[TM_MAX_NFRAME_CAPTURED + 1];
  size_t depth, n;
  bool broken;
  uintptr_t resume;
  /* Frame 0 is the site's record.  pcs[0] is where the allocation
   * function returns to: in the site's function when it called malloc
   * itself, where it names the calls inlined around the site; the callers
   * follow from the frame of the function that set the hint. */
  size_t first = site ? 1 : 0;
  size_t count = limit == 1 ? walk - first : TM_UNWIND_MAX_DEPTH;
  if (site)
    pcs[0] = ((const uintptr_t *)entry)[1];
  n = first + tm_unwind(site ? __tm_site_frame : entry, !site, pcs + first,
                        walk - first, count, &depth, &broken, &resume);
  if (tm_unlikely(broken))
    n = first + unwind_rest(pcs + first, n - first, walk - first, &depth,
                            resume);
  /* A loop allocates from one stack again and again: the thread's last one
   * is checked before the depot is searched. */
  const tm_stack *last = tm_self.last_stack;
  if (last && last->site == site && last->depth == depth &&
      last->limit == limit && last->npcs == n &&
      memcmp(last->pcs, pcs, n * sizeof *pcs) == 0)
    return last->id;
  uint32_t id = tm_stack_intern(site, pcs, (uint32_t)n, (uint32_t)depth, limit);
  if (!id)
    return site;
  tm_self.last_stack = tm_stack_get(id);
  return id;
}

void tm_depot_foreach(void (*fn)(const tm_stack *stack)) {
  tm_depot_lock();
  uint32_t n = atomic_load(&depot.next_id);
  for (uint32_t id = 0; id < n; id++) {
    const tm_stack *s = tm_stack_get(id | TM_TRACE_IS_STACK);
    if (s)
      fn(s);
  }
  tm_depot_unlock();
}
