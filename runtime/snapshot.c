/* tm_take_snapshot(): copy the live-block table out, heap by heap. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domains.h"
#include "snapshot.h"
#include "stack_depot.h"
#include "trace_table.h"

/* Collects traces and gives each trace id (a site or a stack) one
 * traceback index. */
typedef struct collected_trace {
  uint64_t size;
  uint32_t traceback;
  uint32_t domain;
} collected_trace;

/* The allocations of one trace id in one domain, of some of its sizes:
 * merged by (domain, traceback) when the snapshot is built. */
typedef struct collected_allocations {
  uint32_t domain;
  uint32_t traceback;
  uint64_t allocs, bytes;
} collected_allocations;

typedef struct collector {
  collected_trace *traces;
  size_t ntraces, capacity;
  collected_allocations *allocations;
  size_t nallocations, allocations_capacity;
  /* open addressing: trace id + 1 -> traceback index; 0 marks empty */
  uint32_t *id_keys;
  uint32_t *id_tracebacks;
  size_t nids, id_capacity; /* power of two */
  uint32_t *ids_in_order;     /* trace id of each traceback index */
  bool failed;
} collector;

static bool grow_id_map(collector *c) {
  size_t capacity = c->id_capacity ? c->id_capacity * 2 : 256;
  uint32_t *keys = tm_real.calloc(capacity, sizeof *keys);
  uint32_t *values = tm_real.malloc(capacity * sizeof *values);
  uint32_t *order = tm_real.realloc(c->ids_in_order,
                                    capacity / 2 * sizeof *order);
  if (!keys || !values || !order) {
    tm_real.free(keys);
    tm_real.free(values);
    if (order)
      c->ids_in_order = order;
    return false;
  }
  c->ids_in_order = order;
  for (size_t i = 0; i < c->id_capacity; i++) {
    if (!c->id_keys[i])
      continue;
    size_t j = c->id_keys[i] * 2654435761u & (capacity - 1);
    while (keys[j])
      j = (j + 1) & (capacity - 1);
    keys[j] = c->id_keys[i];
    values[j] = c->id_tracebacks[i];
  }
  tm_real.free(c->id_keys);
  tm_real.free(c->id_tracebacks);
  c->id_keys = keys;
  c->id_tracebacks = values;
  c->id_capacity = capacity;
  return true;
}

static bool traceback_index_of(collector *c, uint32_t id, uint32_t *index) {
  if ((c->nids + 1) * 2 > c->id_capacity && !grow_id_map(c))
    return false;
  uint32_t key = id + 1;
  size_t mask = c->id_capacity - 1;
  size_t j = key * 2654435761u & mask;
  while (c->id_keys[j] && c->id_keys[j] != key)
    j = (j + 1) & mask;
  if (!c->id_keys[j]) {
    c->id_keys[j] = key;
    c->id_tracebacks[j] = (uint32_t)c->nids;
    c->ids_in_order[c->nids++] = id;
  }
  *index = c->id_tracebacks[j];
  return true;
}

/* Collects `blocks` traces of that size and trace id. */
static void collect(collector *c, unsigned domain, uint64_t size, uint32_t id,
                    uint64_t blocks) {
  if (c->failed)
    return;
  uint32_t traceback;
  if (!traceback_index_of(c, id, &traceback)) {
    c->failed = true;
    return;
  }
  if (blocks > c->capacity - c->ntraces) {
    size_t capacity = c->capacity ? c->capacity : 1024;
    while (blocks > capacity - c->ntraces)
      if (__builtin_mul_overflow(capacity, 2, &capacity)) {
        c->failed = true;
        return;
      }
    collected_trace *traces =
        capacity > SIZE_MAX / sizeof *traces
            ? NULL
            : tm_real.realloc(c->traces, capacity * sizeof *traces);
    if (!traces) {
      c->failed = true;
      return;
    }
    c->traces = traces;
    c->capacity = capacity;
  }
  for (uint64_t i = 0; i < blocks; i++)
    c->traces[c->ntraces++] = (collected_trace){
        .size = size, .traceback = traceback, .domain = domain};
}

static void collect_allocations(collector *c, unsigned domain, uint32_t id,
                                uint64_t allocs, uint64_t bytes) {
  uint32_t traceback;
  if (c->failed || !allocs)
    return;
  if (!traceback_index_of(c, id, &traceback)) {
    c->failed = true;
    return;
  }
  if (c->nallocations == c->allocations_capacity) {
    size_t capacity = c->allocations_capacity ? 2 * c->allocations_capacity : 256;
    collected_allocations *a =
        tm_real.realloc(c->allocations, capacity * sizeof *a);
    if (!a) {
      c->failed = true;
      return;
    }
    c->allocations = a;
    c->allocations_capacity = capacity;
  }
  c->allocations[c->nallocations++] = (collected_allocations){
      .domain = domain, .traceback = traceback, .allocs = allocs, .bytes = bytes};
}

/* Python's Snapshot.traces lists every block: as many traces as there
 * are blocks of that trace and size. */
static void collect_heap_counts(void *ctx, const tm_trace_counts *counts) {
  if (counts->blocks)
    collect(ctx, 0, counts->size, counts->trace, counts->blocks);
  collect_allocations(ctx, 0, counts->trace, counts->allocs,
                      counts->allocated_bytes);
}

static void collect_tracked_allocations(void *ctx, unsigned domain,
                                        uint32_t trace, uint64_t allocs,
                                        uint64_t bytes) {
  collect_allocations(ctx, domain, trace, allocs, bytes);
}

static void collect_tracked_block(void *ctx, unsigned domain, uint64_t size,
                                  uint32_t trace) {
  collect(ctx, domain, size, trace, 1);
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
  s->process.program = "";
  return s;
}

bool tm_snapshot_alloc_allocated(tm_snapshot *s, size_t n) {
  if (!n)
    return true;
  s->allocated = tm_real.calloc(n, sizeof *s->allocated);
  s->nallocated = s->allocated ? n : 0;
  return s->allocated != NULL;
}

static int by_domain_and_traceback(const void *a, const void *b) {
  const collected_allocations *x = a, *y = b;
  if (x->domain != y->domain)
    return x->domain < y->domain ? -1 : 1;
  return x->traceback < y->traceback ? -1 : x->traceback > y->traceback;
}

/* The collected allocations, one total per (domain, traceback). */
static bool build_allocated(tm_snapshot *s, collector *c) {
  qsort(c->allocations, c->nallocations, sizeof *c->allocations,
        by_domain_and_traceback);
  size_t n = 0;
  for (size_t i = 0; i < c->nallocations; i++)
    n += i == 0 || by_domain_and_traceback(&c->allocations[i - 1],
                                           &c->allocations[i]) != 0;
  if (!tm_snapshot_alloc_allocated(s, n))
    return false;
  size_t j = 0;
  for (size_t i = 0; i < c->nallocations; i++) {
    const collected_allocations *a = &c->allocations[i];
    if (i > 0 && by_domain_and_traceback(&c->allocations[i - 1], a) != 0)
      j++;
    tm_allocated *out = &s->allocated[j];
    out->domain = a->domain;
    out->traceback = &s->tracebacks[a->traceback];
    out->count += a->allocs;
    out->size += a->bytes;
  }
  return true;
}

/* The program's file as the kernel names it, interned; "" without /proc
 * or when the path does not fit. */
static const char *program_path(void) {
  char path[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", path, sizeof path);
  if (n <= 0 || (size_t)n >= sizeof path)
    return "";
  path[n] = '\0';
  return tm_intern(path);
}

/* The snapshot's tracebacks: each trace id's (a site's, or a captured
 * stack's, symbolized in one batch), with their frames copied in. */
static tm_snapshot *build_snapshot(collector *c) {
  tm_symbolize_traces(c->ids_in_order, c->nids);
  size_t nframes = 0;
  for (size_t i = 0; i < c->nids; i++) {
    const tm_traceback *tb = tm_trace_traceback(c->ids_in_order[i]);
    nframes += tb->nframe + tb->nwrapper;
  }
  tm_snapshot *s = tm_snapshot_alloc(c->ntraces, c->nids, nframes);
  if (!s)
    return NULL;
  tm_frame *frames = s->frames;
  for (size_t i = 0; i < c->nids; i++) {
    const tm_traceback *tb = tm_trace_traceback(c->ids_in_order[i]);
    memcpy(frames, tb->frames, (tb->nframe + tb->nwrapper) * sizeof *frames);
    s->tracebacks[i] = (tm_traceback){.nframe = tb->nframe,
                                      .total_nframe = tb->total_nframe,
                                      .frames = frames,
                                      .nwrapper = tb->nwrapper};
    frames += tb->nframe + tb->nwrapper;
  }
  for (size_t i = 0; i < c->ntraces; i++)
    s->traces[i] = (tm_trace){.domain = c->traces[i].domain,
                              .size = c->traces[i].size,
                              .traceback = &s->tracebacks[c->traces[i].traceback]};
  if (!build_allocated(s, c)) {
    tm_snapshot_free(s);
    return NULL;
  }
  return s;
}

/* What a snapshot is made of before its tracebacks are built: the traces
 * by trace id, and the moment. */
struct tm_snapshot_traces {
  collector c;
  tm_process process;
  tm_timeline_point *timeline;
  size_t ntimeline;
  int traceback_limit;
};

void tm_snapshot_traces_free(tm_snapshot_traces *t) {
  if (!t)
    return;
  tm_real.free(t->c.traces);
  tm_real.free(t->c.allocations);
  tm_real.free(t->c.id_keys);
  tm_real.free(t->c.id_tracebacks);
  tm_real.free(t->c.ids_in_order);
  tm_real.free(t->timeline);
  tm_real.free((void *)t->process.directories);
  tm_real.free(t);
}

tm_snapshot_traces *tm_snapshot_collect(void) {
  tm_enter();
  tm_snapshot_traces *t = tm_real.calloc(1, sizeof *t);
  if (t) {
    if (!tm_trace_foreach(collect_heap_counts, &t->c))
      t->c.failed = true;
    tm_domains_foreach(collect_tracked_block, &t->c);
    tm_domains_foreach_allocated(collect_tracked_allocations, &t->c);
    /* The snapshot's moment is now that its traces are collected, not once
     * they are symbolized, which may take a good part of a second. */
    t->process = (tm_process){.time_ns = tm_clock_ns(CLOCK_REALTIME),
                              .pid = (uint64_t)getpid(),
                              .program = program_path()};
    t->process.directories = tm_site_directories(&t->process.ndirectories);
    t->timeline = tm_timeline_copy(&t->ntimeline, &t->process.start_ns);
    t->traceback_limit = tm_get_traceback_limit();
    if (t->c.failed) {
      tm_snapshot_traces_free(t);
      t = NULL;
    }
  }
  tm_leave();
  return t;
}

tm_snapshot *tm_snapshot_build(tm_snapshot_traces *t) {
  if (!t)
    return NULL;
  tm_enter();
  tm_snapshot *s = build_snapshot(&t->c);
  if (s) {
    s->traceback_limit = t->traceback_limit;
    s->timeline = t->timeline;
    s->ntimeline = t->ntimeline;
    s->process = t->process;
    t->process.directories = NULL; /* the snapshot's now */
    t->timeline = NULL; /* the snapshot's now */
  }
  tm_snapshot_traces_free(t);
  tm_leave();
  return s;
}

TM_EXPORT tm_snapshot *tm_take_snapshot(void) {
  if (!tm_is_tracing()) {
    errno = EINVAL;
    return NULL;
  }
  tm_snapshot *s = tm_snapshot_build(tm_snapshot_collect());
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
  tm_real.free(s->timeline);
  tm_real.free(s->allocated);
  tm_real.free((void *)s->process.directories);
  tm_real.free(s);
}

bool tm_process_copy_directories(tm_process *to, const tm_process *from) {
  size_t n = from->ndirectories;
  const char **copy = n ? tm_real.malloc(n * sizeof *copy) : NULL;
  if (copy)
    memcpy(copy, from->directories, n * sizeof *copy);
  to->directories = copy;
  to->ndirectories = copy ? n : 0;
  return copy || !n;
}

TM_EXPORT size_t tm_snapshot_timeline(const tm_snapshot *s,
                                      const tm_timeline_point **points) {
  if (points)
    *points = s ? s->timeline : NULL;
  return s ? s->ntimeline : 0;
}

TM_EXPORT const tm_process *tm_snapshot_process(const tm_snapshot *s) {
  return s ? &s->process : NULL;
}

TM_EXPORT size_t tm_snapshot_trace_count(const tm_snapshot *s) {
  return s ? s->ntraces : 0;
}

TM_EXPORT const tm_trace *tm_snapshot_trace(const tm_snapshot *s, size_t i) {
  return s && i < s->ntraces ? &s->traces[i] : NULL;
}

TM_EXPORT size_t tm_snapshot_allocated_count(const tm_snapshot *s) {
  return s ? s->nallocated : 0;
}

TM_EXPORT const tm_allocated *tm_snapshot_allocated(const tm_snapshot *s,
                                                    size_t i) {
  return s && i < s->nallocated ? &s->allocated[i] : NULL;
}

TM_EXPORT int tm_snapshot_traceback_limit(const tm_snapshot *s) {
  return s ? s->traceback_limit : 0;
}
