/* Per-site totals of the live-block table and the address table: see
 * site_totals.h. */
#include "site_totals.h"

#include <string.h>

#include "domains.h"
#include "stack_depot.h"
#include "trace_table.h"

typedef struct collector {
  tm_site_totals *totals;
  size_t mask;     /* of `slots`: a power of two minus one */
  uint32_t *slots; /* index + 1 into totals->sites, 0: empty */
  size_t capacity; /* of totals->sites */
  bool failed;
} collector;

static uint32_t site_of_trace(uint32_t trace) {
  if (!(trace & TM_TRACE_IS_STACK))
    return trace;
  const tm_stack *stack = tm_stack_get(trace);
  return stack ? stack->site : 0;
}

static size_t home(uint32_t site, size_t mask) {
  return (size_t)((site * 0x9e3779b97f4a7c15ull) >> 32) & mask;
}

static bool grow(collector *c) {
  size_t capacity = c->capacity ? c->capacity * 2 : 64;
  size_t mask = capacity * 2 - 1;
  tm_site_total *sites = tm_real.realloc(c->totals->sites,
                                         capacity * sizeof *sites);
  uint32_t *slots = tm_real.calloc(mask + 1, sizeof *slots);
  if (sites)
    c->totals->sites = sites;
  if (!sites || !slots) {
    tm_real.free(slots);
    return false;
  }
  for (size_t i = 0; i < c->totals->n; i++) {
    size_t j = home(sites[i].site, mask);
    while (slots[j])
      j = (j + 1) & mask;
    slots[j] = (uint32_t)i + 1;
  }
  tm_real.free(c->slots);
  c->slots = slots;
  c->mask = mask;
  c->capacity = capacity;
  return true;
}

/* The total of a site, made when new; NULL without memory. */
static tm_site_total *total_of(collector *c, uint32_t trace) {
  uint32_t site = site_of_trace(trace);
  if (c->totals->n == c->capacity && !grow(c)) {
    c->failed = true;
    return NULL;
  }
  size_t i = home(site, c->mask);
  for (; c->slots[i]; i = (i + 1) & c->mask)
    if (c->totals->sites[c->slots[i] - 1].site == site)
      return &c->totals->sites[c->slots[i] - 1];
  c->slots[i] = (uint32_t)++c->totals->n;
  tm_site_total *t = &c->totals->sites[c->totals->n - 1];
  *t = (tm_site_total){.site = site};
  return t;
}

static void add_heap_counts(void *ctx, const tm_trace_counts *counts) {
  tm_site_total *t = total_of(ctx, counts->trace);
  if (!t)
    return;
  t->blocks += counts->blocks;
  t->bytes += counts->blocks * counts->size;
  t->allocs += counts->allocs;
  t->allocated += counts->allocated_bytes;
}

static void add_tracked_block(void *ctx, unsigned domain, uint64_t size,
                              uint32_t trace) {
  (void)domain;
  tm_site_total *t = total_of(ctx, trace);
  if (!t)
    return;
  t->blocks++;
  t->bytes += size;
}

static void add_tracked_allocations(void *ctx, unsigned domain,
                                    uint32_t trace, uint64_t allocs,
                                    uint64_t bytes) {
  (void)domain;
  tm_site_total *t = total_of(ctx, trace);
  if (!t)
    return;
  t->allocs += allocs;
  t->allocated += bytes;
}

bool tm_site_totals_collect(tm_site_totals *t) {
  memset(t, 0, sizeof *t);
  collector c = {.totals = t};
  tm_enter();
  bool ok = tm_trace_foreach(add_heap_counts, &c);
  if (ok) {
    tm_domains_foreach(add_tracked_block, &c);
    tm_domains_foreach_allocated(add_tracked_allocations, &c);
  }
  tm_real.free(c.slots);
  ok = ok && !c.failed;
  for (size_t i = 0; ok && i < t->n; i++) {
    t->blocks += t->sites[i].blocks;
    t->bytes += t->sites[i].bytes;
    t->allocs += t->sites[i].allocs;
    t->allocated += t->sites[i].allocated;
  }
  if (!ok)
    tm_site_totals_free(t);
  tm_leave();
  return ok;
}

void tm_site_totals_free(tm_site_totals *t) {
  tm_real.free(t->sites);
  memset(t, 0, sizeof *t);
}
