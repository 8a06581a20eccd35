/*
 * The heap profile as text (profile.h, tm_pprof_text): the shape of Go's
 * /debug/pprof/heap?debug=1, one record per traceback,
 *
 *   heap profile: 1003: 79000 [1649967: 5568526251] @ heap/1
 *   1000: 64000 [1000: 64000] @
 *   #	main	serve.c:15
 *
 * in-use blocks and bytes, then [allocated blocks and bytes since tracing
 * started], then the frames most recent first; "heap/1" since every
 * allocation is counted, none sampled.  There are no addresses: the frames
 * are the snapshot's names and lines.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "samples.h"
#include "utf8.h"

/* The values of one traceback, all its sizes together. */
typedef struct record {
  uint32_t stack;
  size_t seen; /* its place in the snapshot's order */
  int64_t inuse_objects, inuse_space, alloc_objects, alloc_space;
} record;

/* The most bytes in use first, then the most allocated, then in the
 * order first seen (the snapshot's). */
static int compare_records(const void *a, const void *b) {
  const record *x = a, *y = b;
  if (x->inuse_space != y->inuse_space)
    return x->inuse_space > y->inuse_space ? -1 : 1;
  if (x->alloc_space != y->alloc_space)
    return x->alloc_space > y->alloc_space ? -1 : 1;
  return (x->seen > y->seen) - (x->seen < y->seen);
}

static void put_text(tm_pb_buf *out, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
static void put_text(tm_pb_buf *out, const char *format, ...) {
  char *text = NULL;
  va_list args;
  va_start(args, format);
  int n = vasprintf(&text, format, args);
  va_end(args);
  if (n < 0) {
    out->failed = true;
    return;
  }
  tm_pb_raw(out, text, (size_t)n);
  free(text);
}

/* A name as shown: UTF-8 and no control characters. */
static void put_name(tm_pb_buf *out, const char *name) {
  char *shown = tm_shown_name(name);
  if (!shown) {
    out->failed = true;
    return;
  }
  tm_pb_raw(out, shown, strlen(shown));
  free(shown);
}

/* The records of `s`, by traceback, in the order written: those with a
 * value that is not zero; NULL without memory. */
static record *gather_records(const tm_pprof_samples *s, size_t *n) {
  /* at[stack]: the index + 1 of its record, 0 for none yet. */
  size_t *at = calloc(s->stacks.n + 1, sizeof *at);
  record *records = malloc((s->entries.n ? s->entries.n : 1) * sizeof *records);
  *n = 0;
  if (!at || !records) {
    free(at);
    free(records);
    return NULL;
  }
  for (size_t id = 1; id <= s->entries.n; id++) {
    uint32_t stack = (uint32_t)s->entries.keys[id - 1].a;
    const int64_t *v = s->values[id - 1];
    if (!at[stack]) {
      records[*n] = (record){.stack = stack, .seen = *n};
      at[stack] = ++*n;
    }
    record *r = &records[at[stack] - 1];
    r->inuse_objects += v[VALUE_INUSE_OBJECTS];
    r->inuse_space += v[VALUE_INUSE_SPACE];
    r->alloc_objects += v[VALUE_ALLOC_OBJECTS];
    r->alloc_space += v[VALUE_ALLOC_SPACE];
  }
  free(at);
  size_t kept = 0;
  for (size_t i = 0; i < *n; i++)
    if (records[i].inuse_objects || records[i].inuse_space ||
        records[i].alloc_objects || records[i].alloc_space)
      records[kept++] = records[i];
  *n = kept;
  qsort(records, *n, sizeof *records, compare_records);
  return records;
}

static void put_frames(tm_pb_buf *out, const tm_pprof_samples *s,
                       uint32_t stack) {
  if (!stack)
    put_text(out, "#\t[unknown]\n");
  for (uint32_t at = stack; at; at = (uint32_t)s->stacks.keys[at - 1].a) {
    tm_key3 frame = s->frames.keys[s->stacks.keys[at - 1].b - 1];
    const char *function = s->strings.strings[frame.a];
    put_text(out, "#\t");
    put_name(out, function[0] ? function : "??");
    put_text(out, "\t");
    put_name(out, s->strings.strings[frame.b]);
    put_text(out, ":%u\n", (unsigned)frame.c);
  }
}

bool tm_pprof_text(const tm_pprof_request *request, tm_pb_buf *out) {
  tm_pprof_samples *s = tm_pprof_request_samples(request);
  size_t n = 0;
  record *records = s ? gather_records(s, &n) : NULL;
  if (!records) {
    tm_pprof_samples_free(s);
    return false;
  }
  record total = {0};
  for (size_t i = 0; i < n; i++) {
    total.inuse_objects += records[i].inuse_objects;
    total.inuse_space += records[i].inuse_space;
    total.alloc_objects += records[i].alloc_objects;
    total.alloc_space += records[i].alloc_space;
  }
  put_text(out, "heap profile: %lld: %lld [%lld: %lld] @ heap/1\n",
           (long long)total.inuse_objects, (long long)total.inuse_space,
           (long long)total.alloc_objects, (long long)total.alloc_space);
  for (size_t i = 0; i < n; i++) {
    const record *r = &records[i];
    put_text(out, "%lld: %lld [%lld: %lld] @\n", (long long)r->inuse_objects,
             (long long)r->inuse_space, (long long)r->alloc_objects,
             (long long)r->alloc_space);
    put_frames(out, s, r->stack);
    put_text(out, "\n");
  }
  if (request->duration_ns)
    put_text(out, "# delta over %.3f s\n", request->duration_ns / 1e9);
  free(records);
  tm_pprof_samples_free(s);
  return !out->failed;
}
