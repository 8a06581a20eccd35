/*
 * The HTTP endpoint's pages (docs/guide.md, "Fleets"):
 *
 *   /metrics                   Prometheus' text exposition format
 *   /debug/pprof/              an index of the pages
 *   /debug/pprof/heap          a pprof profile, inuse_space first
 *   /debug/pprof/allocs        the same profile, alloc_space first
 *                              (?seconds=N: what changed over N seconds;
 *                              ?debug=1: as text)
 *   /debug/pprof/snapshot.tmd  the native dump, as tm_snapshot_dump writes it
 *
 * Made on the server's thread, which is inside the runtime (tm_enter):
 * nothing here is traced.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http.h"
#include "pprof/gzip.h"
#include "pprof/profile.h"
#include "site_totals.h"
#include "snapshot.h"
#include "trace_table.h"

/* ----- a body that grows -------------------------------------------------- */

typedef struct text {
  char *bytes;
  size_t length, capacity;
  bool failed;
} text;

static void append(text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void append(text *t, const char *fmt, ...) {
  for (int attempt = 0; attempt < 2 && !t->failed; attempt++) {
    va_list args;
    va_start(args, fmt);
    size_t room = t->capacity - t->length;
    int n = vsnprintf(t->bytes ? t->bytes + t->length : NULL, room, fmt, args);
    va_end(args);
    if (n < 0) {
      t->failed = true;
    } else if ((size_t)n < room) {
      t->length += (size_t)n;
      return;
    } else {
      size_t capacity = t->capacity * 2 + (size_t)n + 256;
      char *bigger = tm_real.realloc(t->bytes, capacity);
      if (!bigger)
        t->failed = true;
      else
        t->bytes = bigger, t->capacity = capacity;
    }
  }
}

/* A label's value, escaped as the exposition format asks. */
static void append_label(text *t, const char *value) {
  for (const char *p = value; *p; p++) {
    if (*p == '\\' || *p == '"')
      append(t, "\\%c", *p);
    else if (*p == '\n')
      append(t, "\\n");
    else
      append(t, "%c", *p);
  }
}

static void text_page(tm_http_page *page, int status, const char *type,
                      text *t) {
  if (t->failed) {
    tm_real.free(t->bytes);
    *page = (tm_http_page){.status = 500, .type = "text/plain"};
    return;
  }
  *page = (tm_http_page){.status = status,
                         .type = type,
                         .body = (unsigned char *)t->bytes,
                         .length = t->length};
}

static void message_page(tm_http_page *page, int status, const char *fmt,
                         ...) __attribute__((format(printf, 3, 4)));
static void message_page(tm_http_page *page, int status, const char *fmt,
                         ...) {
  char line[512];
  va_list args;
  va_start(args, fmt);
  vsnprintf(line, sizeof line, fmt, args);
  va_end(args);
  text t = {0};
  append(&t, "%s\n", line);
  text_page(page, status, "text/plain; charset=utf-8", &t);
}

/* ----- /metrics ----------------------------------------------------------- */

static void metric(text *t, const char *name, const char *type,
                   const char *help, unsigned long long value) {
  append(t, "# HELP %s %s\n# TYPE %s %s\n%s %llu\n", name, help, name, type,
         name, value);
}

static int by_bytes(const void *a, const void *b) {
  const tm_site_total *x = a, *y = b;
  if (x->bytes != y->bytes)
    return x->bytes > y->bytes ? -1 : 1;
  if (x->blocks != y->blocks)
    return x->blocks > y->blocks ? -1 : 1;
  return (x->site > y->site) - (x->site < y->site);
}

/* One series per listed site: the first `n` of `totals`, biggest first. */
static void site_series(text *t, const char *name, const char *help,
                        const tm_site_totals *totals, size_t n,
                        bool bytes) {
  append(t, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
  for (size_t i = 0; i < n; i++) {
    const tm_site_total *s = &totals->sites[i];
    const tm_site_info *info = tm_site_lookup(s->site);
    append(t, "%s{file=\"", name);
    append_label(t, info ? info->file : "<unknown>");
    append(t, "\",line=\"%u\",function=\"", info ? info->line : 0);
    append_label(t, info ? info->function : "");
    append(t, "\"} %llu\n",
           (unsigned long long)(bytes ? s->bytes : s->blocks));
  }
}

static void metrics_page(tm_http_page *page) {
  tm_site_totals totals = {0};
  bool tracing = tm_is_tracing();
  if (tracing && !tm_site_totals_collect(&totals)) {
    message_page(page, 500, "no memory to count the blocks");
    return;
  }
  size_t current = 0, peak = 0;
  tm_get_traced_memory(&current, &peak);
  text t = {0};
  metric(&t, "tracemalloc_tracing", "gauge",
         "Whether the process traces its allocations (1) or not (0).",
         tracing);
  metric(&t, "tracemalloc_traceback_limit", "gauge",
         "The frames kept per traceback.",
         tracing ? (unsigned long long)tm_get_traceback_limit() : 0);
  metric(&t, "tracemalloc_traced_bytes", "gauge",
         "Bytes of the traced blocks alive now.", current);
  metric(&t, "tracemalloc_peak_bytes", "gauge",
         "The most traced bytes alive at once since tracing started or the "
         "peak was reset.",
         peak);
  metric(&t, "tracemalloc_traced_blocks", "gauge",
         "Traced blocks alive now.", totals.blocks);
  metric(&t, "tracemalloc_runtime_memory_bytes", "gauge",
         "Memory the tracer itself uses (tm_get_tracemalloc_memory).",
         tm_get_tracemalloc_memory());
  metric(&t, "tracemalloc_dropped_blocks_total", "counter",
         "Blocks left untraced because the tracer's tables could not grow.",
         tm_trace_dropped());
  metric(&t, "tracemalloc_allocations_total", "counter",
         "Traced allocations since tracing started or its traces were "
         "cleared.",
         totals.allocs);
  metric(&t, "tracemalloc_allocated_bytes_total", "counter",
         "Bytes the traced allocations asked for, since tracing started or "
         "its traces were cleared.",
         totals.allocated);
  metric(&t, "tracemalloc_frees_total", "counter",
         "Traced blocks freed since tracing started or its traces were "
         "cleared.",
         totals.allocs > totals.blocks ? totals.allocs - totals.blocks : 0);
  /* The sites with blocks alive, biggest first: one that holds none drops
   * out of the series (Prometheus marks it stale), which keeps their
   * number to what is alive, and at most TRACEMALLOC_METRICS_SITES. */
  if (totals.n)
    qsort(totals.sites, totals.n, sizeof *totals.sites, by_bytes);
  size_t listed = 0;
  while (listed < totals.n && listed < (size_t)tm_http_metrics_sites &&
         totals.sites[listed].blocks)
    listed++;
  site_series(&t, "tracemalloc_site_live_bytes",
              "Bytes alive per allocation site, for the sites holding the "
              "most (TRACEMALLOC_METRICS_SITES).",
              &totals, listed, true);
  site_series(&t, "tracemalloc_site_live_blocks",
              "Blocks alive per allocation site, for the same sites.",
              &totals, listed, false);
  tm_site_totals_free(&totals);
  text_page(page, 200, "text/plain; version=0.0.4; charset=utf-8", &t);
}

/* ----- /debug/pprof/heap and /debug/pprof/allocs -------------------------- */

/* Whether `query` ("a=1&b", NULL for none) has parameter `name`; its
 * value (up to the next '&') in *value, *length. */
static bool query_param(const char *query, const char *name,
                        const char **value, size_t *length) {
  size_t n = strlen(name);
  for (const char *p = query; p && *p;) {
    const char *end = p + strcspn(p, "&");
    if (strncmp(p, name, n) == 0 && (p + n == end || p[n] == '=')) {
      *value = p + n == end ? end : p + n + 1;
      *length = (size_t)(end - *value);
      return true;
    }
    p = *end ? end + 1 : NULL;
  }
  return false;
}

/* The longest delta profile (?seconds=N): a client holds one of the
 * server's 32 places for that long, and the base's samples meanwhile. */
enum { DELTA_SECONDS_MAX = 3600 };

/* What a pprof page is asked for. */
typedef struct profile_kind {
  bool allocs; /* alloc_space first, not inuse_space */
  bool text;   /* debug=N>0: Go's text form, not the profile.proto */
} profile_kind;

/* A delta profile while its seconds pass: the samples it subtracts. */
typedef struct delta {
  tm_pprof_samples *base;
  uint64_t start_ns; /* the base's tracing start: it must not change */
  uint64_t taken_ns; /* when the base was taken, CLOCK_MONOTONIC */
  profile_kind kind;
} delta;

/* A snapshot, or the page that says why there is none (NULL). */
static tm_snapshot *profile_snapshot(tm_http_page *page) {
  if (!tm_is_tracing()) {
    message_page(page, 503, "not tracing: no profile (start it with "
                 "TRACEMALLOC=N or tmctl PID start)");
    return NULL;
  }
  tm_snapshot *snapshot = tm_take_snapshot();
  if (!snapshot)
    message_page(page, 500, "cannot take the snapshot: %s", strerror(errno));
  return snapshot;
}

/* `snapshot` (less `base`, over `duration_ns`, when there is one) as a
 * pprof profile, gzipped, or as text. */
static void profile_page(tm_http_page *page, const tm_snapshot *snapshot,
                         const tm_pprof_samples *base, uint64_t duration_ns,
                         profile_kind kind) {
  tm_pprof_request request = {
      .snapshot = snapshot,
      .base = base,
      .duration_ns = duration_ns,
      .time_ns = tm_snapshot_process(snapshot)->time_ns,
      .alloc_default = kind.allocs};
  tm_pb_buf message = {0}, body = {0};
  if (kind.text)
    body.failed = !tm_pprof_text(&request, &body);
  else if (tm_pprof_encode(&request, &message))
    tm_gzip_store(&body, message.data, message.len);
  else
    body.failed = true;
  tm_pb_free(&message);
  if (body.failed) {
    tm_pb_free(&body);
    message_page(page, 500, "no memory to make the profile");
    return;
  }
  /* The buffer's memory is the real allocator's, as the server's pages'
   * (this thread is inside the runtime). */
  *page = (tm_http_page){
      .status = 200,
      .type = kind.text ? "text/plain; charset=utf-8"
                        : "application/octet-stream",
      .body = body.data,
      .length = body.len};
}

static void finish_delta(void *pending, tm_http_page *page) {
  delta *d = pending;
  tm_snapshot *snapshot = page ? profile_snapshot(page) : NULL;
  if (snapshot && tm_snapshot_process(snapshot)->start_ns != d->start_ns)
    message_page(page, 503, "tracing was restarted or its traces cleared "
                 "during the seconds: no delta");
  else if (snapshot)
    profile_page(page, snapshot, d->base,
                 tm_clock_ns(CLOCK_MONOTONIC) - d->taken_ns, d->kind);
  tm_snapshot_free(snapshot);
  tm_pprof_samples_free(d->base);
  tm_real.free(d);
}

/* The value of parameter `name` as a number from `min` to `max`:
 * *number, 0 without the parameter; false with a 400 that says `what`
 * when it is something else. */
static bool number_param(const char *query, const char *name, long min,
                         long max, const char *what, long *number,
                         tm_http_page *page) {
  const char *value;
  size_t length;
  *number = 0;
  if (!query_param(query, name, &value, &length))
    return true;
  char digits[8] = "";
  char *end = digits;
  if (length < sizeof digits) {
    memcpy(digits, value, length);
    digits[length] = '\0';
  }
  if (digits[0] >= '0' && digits[0] <= '9')
    *number = strtol(digits, &end, 10);
  if (end != digits && !*end && *number >= min && *number <= max)
    return true;
  message_page(page, 400, "%s=%.*s: %s", name,
               (int)(length > 20 ? 20 : length), value, what);
  return false;
}

/* Go's parameters: debug=N>0 asks for the text form; seconds=N makes a
 * delta profile, of what changed over the next N seconds; gc asks Go to
 * collect first, which C has nothing of; the rest are ignored, as Go
 * does. */
static void pprof_page(tm_http_page *page, const char *query, bool allocs) {
  long debug, seconds;
  char seconds_range[64];
  snprintf(seconds_range, sizeof seconds_range,
           "a delta profile takes 1 to %d seconds", DELTA_SECONDS_MAX);
  if (!number_param(query, "debug", 0, 9,
                    "0 for the profile.proto, 1 for text", &debug, page) ||
      !number_param(query, "seconds", 1, DELTA_SECONDS_MAX, seconds_range,
                    &seconds, page))
    return;
  profile_kind kind = {.allocs = allocs, .text = debug > 0};
  tm_snapshot *snapshot = profile_snapshot(page);
  if (!snapshot)
    return;
  if (!seconds) {
    profile_page(page, snapshot, NULL, 0, kind);
    tm_snapshot_free(snapshot);
    return;
  }
  delta *d = tm_real.malloc(sizeof *d);
  if (d) {
    *d = (delta){.base = tm_pprof_samples_of(snapshot),
                 .start_ns = tm_snapshot_process(snapshot)->start_ns,
                 .taken_ns = tm_clock_ns(CLOCK_MONOTONIC),
                 .kind = kind};
  }
  tm_snapshot_free(snapshot);
  if (!d || !d->base) {
    tm_real.free(d);
    message_page(page, 500, "no memory to keep the profile to subtract");
    return;
  }
  *page = (tm_http_page){.wait_ms = (uint64_t)seconds * 1000,
                         .finish = finish_delta,
                         .pending = d};
}

/* ----- the rest ----------------------------------------------------------- */

static void index_page(tm_http_page *page) {
  text t = {0};
  append(&t,
         "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
         "<title>tracemalloc: process %ld</title></head><body>\n"
         "<h1>tracemalloc: process %ld</h1>\n<ul>\n"
         "<li><a href=\"/metrics\">/metrics</a>: Prometheus metrics: traced "
         "bytes, peak, blocks, allocations, and the sites holding the "
         "most</li>\n"
         "<li><a href=\"/debug/pprof/heap\">/debug/pprof/heap</a>: a pprof "
         "profile of the blocks alive and of what was allocated since "
         "tracing started (<code>go tool pprof URL</code>), inuse_space "
         "first</li>\n"
         "<li><a href=\"/debug/pprof/allocs\">/debug/pprof/allocs</a>: the "
         "same, alloc_space first</li>\n"
         "<li><a href=\"/debug/pprof/snapshot.tmd\">/debug/pprof/snapshot.tmd"
         "</a>: a snapshot dump, for <code>tmreport</code></li>\n"
         "</ul>\n</body></html>\n",
         (long)getpid(), (long)getpid());
  text_page(page, 200, "text/html; charset=utf-8", &t);
}

static void snapshot_page(tm_http_page *page) {
  if (!tm_is_tracing()) {
    message_page(page, 503, "not tracing: nothing to dump (start it with "
                 "TRACEMALLOC=N or tmctl PID start)");
    return;
  }
  tm_snapshot *snapshot = tm_take_snapshot();
  size_t size = 0;
  unsigned char *bytes = snapshot ? tm_dump_serialize(snapshot, &size) : NULL;
  int err = errno;
  tm_snapshot_free(snapshot);
  if (!bytes) {
    message_page(page, 500, "cannot take the snapshot: %s", strerror(err));
    return;
  }
  *page = (tm_http_page){.status = 200,
                         .type = "application/octet-stream",
                         .body = bytes,
                         .length = size};
}

void tm_http_page_for(const char *path, const char *query,
                      tm_http_page *page) {
  if (strcmp(path, "/metrics") == 0)
    metrics_page(page);
  else if (strcmp(path, "/") == 0 || strcmp(path, "/debug/pprof/") == 0 ||
           strcmp(path, "/debug/pprof") == 0)
    index_page(page);
  else if (strcmp(path, "/debug/pprof/heap") == 0)
    pprof_page(page, query, false);
  else if (strcmp(path, "/debug/pprof/allocs") == 0)
    pprof_page(page, query, true);
  else if (strcmp(path, "/debug/pprof/snapshot.tmd") == 0)
    snapshot_page(page);
  else
    message_page(page, 404, "no page at this path: see / for the pages");
}
