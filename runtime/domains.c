/*
 * tm_track() and tm_untrack(): blocks of other allocators (pools, arenas,
 * GPU memory), each in a numbered domain.  They live in one table keyed by
 * (domain, address).  So do the malloc family's blocks that carry no tag
 * (block_tag.h), in domain 0: those of 4 KiB or more, and every block
 * under a sanitizer (sanitizer_hooks.c).  Off the allocation hot path:
 * one lock.
 */
#include "domains.h"

#include <errno.h>
#include <string.h>

#include "live.h"
#include "spinlock.h"
#include "stack_depot.h"
#include "trace_table.h"

typedef struct tracked_block {
  uintptr_t ptr; /* 0: empty slot (address 0 cannot be tracked) */
  uint64_t size;
  uint32_t domain;
  uint32_t trace; /* a site id, or a stack id (stack_depot.h) */
} tracked_block;

static struct {
  atomic_flag lock;
  tracked_block *slots;
  size_t capacity; /* power of two */
  size_t count;
  uint64_t bytes; /* the sizes of all its blocks, at most TM_TABLE_MAX_BYTES */
} table;

/* The allocations since the last clear, and the blocks alive now, by
 * (domain, trace id): an open-addressing table beside the blocks', under
 * the same lock, in the live file (tm_live_domain) while there is one. */
typedef struct allocated_count {
  uint32_t domain;
  uint32_t trace_plus1; /* 0: an empty slot */
  uint64_t allocs, bytes;
  int64_t live_blocks, live_bytes;
} allocated_count;
_Static_assert(sizeof(allocated_count) == sizeof(tm_live_domain),
               "the live file's blocks traced by address are these");

static struct {
  allocated_count *slots;
  size_t capacity; /* power of two */
  size_t count;
} allocated;

void tm_domains_lock(void) { tm_spin_lock(&table.lock); }
void tm_domains_unlock(void) { tm_spin_unlock(&table.lock); }

static size_t home_of(unsigned domain, uintptr_t ptr, size_t capacity) {
  uint64_t h = ((uint64_t)ptr ^ (uint64_t)domain << 48) * 0x9e3779b97f4a7c15ull;
  return (size_t)(h >> 32) & (capacity - 1);
}

/* The slot holding (domain, ptr), or the empty slot where it would go. */
static tracked_block *find(unsigned domain, uintptr_t ptr) {
  size_t mask = table.capacity - 1;
  size_t i = home_of(domain, ptr, table.capacity);
  while (table.slots[i].ptr &&
         (table.slots[i].ptr != ptr || table.slots[i].domain != domain))
    i = (i + 1) & mask;
  return &table.slots[i];
}

static bool grow(void) {
  size_t capacity = table.capacity ? table.capacity * 2 : 256;
  tracked_block *old = table.slots;
  size_t old_capacity = table.capacity;
  tracked_block *slots = tm_map(capacity * sizeof *slots);
  if (!slots)
    return false;
  table.slots = slots;
  table.capacity = capacity;
  for (size_t i = 0; i < old_capacity; i++)
    if (old[i].ptr)
      *find(old[i].domain, old[i].ptr) = old[i];
  tm_unmap(old, old_capacity * sizeof *old);
  return true;
}

static allocated_count *find_allocated(allocated_count *slots,
                                       size_t capacity, unsigned domain,
                                       uint32_t trace) {
  size_t mask = capacity - 1;
  size_t i = home_of(domain, (uintptr_t)trace + 1, capacity);
  while (slots[i].trace_plus1 &&
         (slots[i].trace_plus1 != trace + 1 || slots[i].domain != domain))
    i = (i + 1) & mask;
  return &slots[i];
}

/* Under the lock: the counts of (domain, trace), made if new; NULL
 * without memory for the table (the block is traced all the same, its
 * counts lost). */
static allocated_count *counts_of(unsigned domain, uint32_t trace) {
  if ((allocated.count + 1) * 2 > allocated.capacity) {
    size_t capacity = allocated.capacity ? allocated.capacity * 2 : 64;
    allocated_count *slots = tm_live_map(capacity * sizeof *slots);
    if (!slots)
      return NULL;
    for (size_t i = 0; i < allocated.capacity; i++)
      if (allocated.slots[i].trace_plus1)
        *find_allocated(slots, capacity, allocated.slots[i].domain,
                        allocated.slots[i].trace_plus1 - 1) =
            allocated.slots[i];
    tm_live_publish_domains(slots, capacity);
    if (allocated.slots)
      tm_live_unmap(allocated.slots,
                    allocated.capacity * sizeof *allocated.slots);
    allocated.slots = slots;
    allocated.capacity = capacity;
  }
  allocated_count *a =
      find_allocated(allocated.slots, allocated.capacity, domain, trace);
  if (!a->trace_plus1) {
    *a = (allocated_count){.domain = domain, .trace_plus1 = trace + 1};
    allocated.count++;
  }
  return a;
}

/* Under the lock: a block of (domain, trace) of `size` bytes came alive
 * (+1) or died (-1), allocated (allocs 1) or put back (0). */
static void count_block(unsigned domain, uint32_t trace, uint64_t size,
                        int blocks, uint64_t allocs) {
  allocated_count *a = counts_of(domain, trace);
  if (!a)
    return;
  a->live_blocks += blocks;
  a->live_bytes += blocks * (int64_t)size;
  a->allocs += allocs;
  a->bytes += allocs * size;
}

/* Linear probing without tombstones: pull later entries of the cluster
 * back over the hole. */
static void erase(tracked_block *hole) {
  size_t mask = table.capacity - 1;
  size_t i = (size_t)(hole - table.slots);
  for (size_t j = (i + 1) & mask; table.slots[j].ptr; j = (j + 1) & mask) {
    size_t home = home_of(table.slots[j].domain, table.slots[j].ptr,
                          table.capacity);
    /* Move j into the hole unless its home lies cyclically in (i, j]. */
    if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
      table.slots[i] = table.slots[j];
      i = j;
    }
  }
  table.slots[i] = (tracked_block){0};
  table.count--;
}

int tm_domains_insert(unsigned domain, uintptr_t ptr, size_t size,
                      uint32_t trace, uint64_t allocs) {
  int64_t delta = 0;
  int err = ENOMEM;
  tm_domains_lock();
  if ((table.count + 1) * 2 <= table.capacity || grow()) {
    tracked_block *b = find(domain, ptr);
    uint64_t replaced = b->ptr ? b->size : 0; /* tracked again: replaced */
    if (size > TM_TABLE_MAX_BYTES - (table.bytes - replaced)) {
      err = EINVAL;
    } else {
      delta = (int64_t)size - (int64_t)replaced;
      if (b->ptr)
        count_block(b->domain, b->trace, b->size, -1, 0);
      else
        table.count++;
      table.bytes = table.bytes - replaced + size;
      *b = (tracked_block){
          .ptr = ptr, .size = size, .domain = domain, .trace = trace};
      count_block(domain, trace, size, 1, allocs);
      err = 0;
    }
  }
  tm_domains_unlock();
  if (!err)
    tm_trace_account(delta);
  return err;
}

bool tm_domains_remove(unsigned domain, uintptr_t ptr, uint64_t *size,
                       uint32_t *trace) {
  bool found = false;
  tm_domains_lock();
  if (table.count) {
    tracked_block *b = find(domain, ptr);
    if ((found = b->ptr != 0)) {
      *size = b->size;
      *trace = b->trace;
      table.bytes -= b->size;
      count_block(b->domain, b->trace, b->size, -1, 0);
      erase(b);
    }
  }
  tm_domains_unlock();
  if (found)
    tm_trace_account(-(int64_t)*size);
  return found;
}

int tm_domains_track(unsigned domain, uintptr_t ptr, size_t size,
                     const void *entry) {
  if (!tm_is_tracing())
    return -2;
  if (!ptr)
    return 0; /* nothing can live at address 0: nothing to trace */
  uint32_t trace = tm_trace_id(tm_hint_site_id(), entry);
  int err = tm_domains_insert(domain, ptr, size, trace, 1);
  if (err)
    errno = err;
  return err ? -1 : 0;
}

TM_EXPORT int tm_track(unsigned domain, uintptr_t ptr, size_t size) {
  return TM_KEEP_FRAME(
      tm_domains_track(domain, ptr, size, __builtin_frame_address(0)));
}

TM_EXPORT int tm_untrack(unsigned domain, uintptr_t ptr) {
  if (!tm_is_tracing())
    return -2;
  uint64_t size;
  uint32_t trace;
  tm_domains_remove(domain, ptr, &size, &trace);
  return 0;
}

bool tm_domains_trace_of(unsigned domain, uintptr_t ptr, uint32_t *trace) {
  bool found = false;
  tm_domains_lock();
  if (table.count) {
    tracked_block *b = find(domain, ptr);
    if ((found = b->ptr != 0))
      *trace = b->trace;
  }
  tm_domains_unlock();
  return found;
}

void tm_domains_foreach(void (*fn)(void *ctx, unsigned domain, uint64_t size,
                                   uint32_t trace),
                        void *ctx) {
  tm_domains_lock();
  for (size_t i = 0; i < table.capacity; i++)
    if (table.slots[i].ptr)
      fn(ctx, table.slots[i].domain, table.slots[i].size, table.slots[i].trace);
  tm_domains_unlock();
}

void tm_domains_foreach_allocated(void (*fn)(void *ctx, unsigned domain,
                                             uint32_t trace, uint64_t allocs,
                                             uint64_t bytes),
                                  void *ctx) {
  tm_domains_lock();
  for (size_t i = 0; i < allocated.capacity; i++) {
    const allocated_count *a = &allocated.slots[i];
    if (a->trace_plus1 && a->allocs) /* not only blocks put back */
      fn(ctx, a->domain, a->trace_plus1 - 1, a->allocs, a->bytes);
  }
  tm_domains_unlock();
}

void tm_domains_clear(void) {
  tm_domains_lock();
  if (table.slots)
    memset(table.slots, 0, table.capacity * sizeof *table.slots);
  /* Given back, so that the next one is made in the live file, which may
   * be new. */
  tm_live_publish_domains(NULL, 0);
  if (allocated.slots)
    tm_live_unmap(allocated.slots, allocated.capacity * sizeof *allocated.slots);
  allocated.slots = NULL;
  allocated.capacity = 0;
  allocated.count = 0;
  table.count = 0;
  table.bytes = 0;
  tm_domains_unlock();
}
