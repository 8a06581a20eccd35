/* tm_take_snapshot(): copy the live-block table out, heap by heap. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "domains.h"
#include "snapshot.h"
#include "trace_table.h"

/* Collects traces and gives each site one traceback index. */
typedef struct collected_trace {
  uint64_t size;
  uint32_t traceback;
  uint32_t domain;
} collected_trace;

typedef struct collector {
  collected_trace *traces;
  size_t ntraces, capacity;
  /* open addressing: site id + 1 -> traceback index; 0 marks empty */
  uint32_t *site_keys;
  uint32_t *site_tracebacks;
  size_t nsites, site_capacity; /* power of two */
  uint32_t *sites_in_order;     /* site id of each traceback index */
  bool failed;
} collector;

static bool grow_site_map(collector *c) {
  size_t capacity = c->site_capacity ? c->site_capacity * 2 : 256;
  uint32_t *keys = tm_real.calloc(capacity, sizeof *keys);
  uint32_t *values = tm_real.malloc(capacity * sizeof *values);
  uint32_t *order = tm_real.realloc(c->sites_in_order,
                                    capacity / 2 * sizeof *order);
  if (!keys || !values || !order) {
    tm_real.free(keys);
    tm_real.free(values);
    if (order)
      c->sites_in_order = order;
    return false;
  }
  c->sites_in_order = order;
  for (size_t i = 0; i < c->site_capacity; i++) {
    if (!c->site_keys[i])
      continue;
    size_t j = c->site_keys[i] * 2654435761u & (capacity - 1);
    while (keys[j])
      j = (j + 1) & (capacity - 1);
    keys[j] = c->site_keys[i];
    values[j] = c->site_tracebacks[i];
  }
  tm_real.free(c->site_keys);
  tm_real.free(c->site_tracebacks);
  c->site_keys = keys;
  c->site_tracebacks = values;
  c->site_capacity = capacity;
  return true;
}

static bool traceback_of_site(collector *c, uint32_t site, uint32_t *index) {
  if ((c->nsites + 1) * 2 > c->site_capacity && !grow_site_map(c))
    return false;
  uint32_t key = site + 1;
  size_t mask = c->site_capacity - 1;
  size_t j = key * 2654435761u & mask;
  while (c->site_keys[j] && c->site_keys[j] != key)
    j = (j + 1) & mask;
  if (!c->site_keys[j]) {
    c->site_keys[j] = key;
    c->site_tracebacks[j] = (uint32_t)c->nsites;
    c->sites_in_order[c->nsites++] = site;
  }
  *index = c->site_tracebacks[j];
  return true;
}

static void collect(collector *c, unsigned domain, uint64_t size,
                    uint32_t site) {
  if (c->failed)
    return;
  if (c->ntraces == c->capacity) {
    size_t capacity = c->capacity ? c->capacity * 2 : 1024;
    collected_trace *traces =
        tm_real.realloc(c->traces, capacity * sizeof *traces);
    if (!traces) {
      c->failed = true;
      return;
    }
    c->traces = traces;
    c->capacity = capacity;
  }
  collected_trace *out = &c->traces[c->ntraces];
  if (!traceback_of_site(c, site, &out->traceback)) {
    c->failed = true;
    return;
  }
  out->size = size;
  out->domain = domain;
  c->ntraces++;
}

static void collect_heap_block(void *ctx, const tm_slot *t) {
  collect(ctx, 0, t->size, t->site);
}

static void collect_tracked_block(void *ctx, unsigned domain, uint64_t size,
                                  uint32_t site) {
  collect(ctx, domain, size, site);
}

tm_snapshot *tm_snapshot_alloc(size_t ntraces, size_t ntracebacks,
                               size_t nframes) {
  tm_snapshot *s = tm_real.calloc(1, sizeof *s);
  if (!s)
    return NULL;
  /* calloc(0) may return NULL: ask for one element at least. */
  s->traces = tm_real.calloc(ntraces ? ntraces : 1, sizeof *s->traces);
  s->tracebacks =
      tm_real.calloc(ntracebacks ? ntracebacks : 1, sizeof *s->tracebacks);
  s->frames = tm_real.calloc(nframes ? nframes : 1, sizeof *s->frames);
  if (!s->traces || !s->tracebacks || !s->frames) {
    tm_snapshot_free(s);
    return NULL;
  }
  s->ntraces = ntraces;
  s->ntracebacks = ntracebacks;
  s->nframes = nframes;
  return s;
}

/* One single-frame traceback per site: frame 0 is the site's file:line. */
static tm_snapshot *build_snapshot(const collector *c) {
  tm_snapshot *s = tm_snapshot_alloc(c->ntraces, c->nsites, c->nsites);
  if (!s)
    return NULL;
  for (size_t i = 0; i < c->nsites; i++) {
    const tm_site_info *site = tm_site_lookup(c->sites_in_order[i]);
    s->frames[i] = (tm_frame){.filename = site->file,
                              .lineno = site->line,
                              .function = site->function};
    s->tracebacks[i] = (tm_traceback){
        .nframe = 1, .total_nframe = 1, .frames = &s->frames[i]};
  }
  for (size_t i = 0; i < c->ntraces; i++)
    s->traces[i] = (tm_trace){.domain = c->traces[i].domain,
                              .size = c->traces[i].size,
                              .traceback = &s->tracebacks[c->traces[i].traceback]};
  return s;
}

TM_EXPORT tm_snapshot *tm_take_snapshot(void) {
  if (!tm_is_tracing()) {
    errno = EINVAL;
    return NULL;
  }
  tm_enter();
  collector c = {0};
  tm_trace_foreach(collect_heap_block, &c);
  tm_domains_foreach(collect_tracked_block, &c);
  tm_snapshot *s = c.failed ? NULL : build_snapshot(&c);
  if (s)
    s->traceback_limit = tm_get_traceback_limit();
  tm_real.free(c.traces);
  tm_real.free(c.site_keys);
  tm_real.free(c.site_tracebacks);
  tm_real.free(c.sites_in_order);
  tm_leave();
  if (!s)
    errno = ENOMEM;
  return s;
}

TM_EXPORT void tm_snapshot_free(tm_snapshot *s) {
  if (!s)
    return;
  tm_real.free(s->traces);
  tm_real.free(s->tracebacks);
  tm_real.free(s->frames);
  tm_real.free(s);
}

TM_EXPORT size_t tm_snapshot_trace_count(const tm_snapshot *s) {
  return s ? s->ntraces : 0;
}

TM_EXPORT const tm_trace *tm_snapshot_trace(const tm_snapshot *s, size_t i) {
  return s && i < s->ntraces ? &s->traces[i] : NULL;
}

TM_EXPORT int tm_snapshot_traceback_limit(const tm_snapshot *s) {
  return s ? s->traceback_limit : 0;
}
