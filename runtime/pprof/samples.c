/* Samples of snapshots, and their differences (samples.h). */
#include "samples.h"

#include <stdlib.h>
#include <string.h>

void tm_pprof_samples_free(tm_pprof_samples *s) {
  if (!s)
    return;
  tm_strings_free(&s->strings);
  tm_id_table_free(&s->frames);
  tm_id_table_free(&s->stacks);
  tm_id_table_free(&s->entries);
  free(s->values);
  free(s);
}

/* The id of the stack that is `caller` and then the frame (function,
 * filename, line) called; 0 without memory. */
static uint32_t push_frame(tm_pprof_samples *s, uint32_t caller,
                           const char *function, const char *filename,
                           unsigned line) {
  int64_t f = tm_strings_intern(&s->strings, function ? function : "");
  int64_t file = tm_strings_intern(&s->strings, filename ? filename : "");
  if (f < 0 || file < 0)
    return 0;
  bool added;
  uint32_t frame = tm_id_intern(
      &s->frames, (tm_key3){(uint64_t)f, (uint64_t)file, line}, &added);
  return frame ? tm_id_intern(&s->stacks, (tm_key3){caller, frame, 0}, &added)
               : 0;
}

/* The values of the entry (stack, size_key), zeros when new; NULL without
 * memory. */
static int64_t *entry_values(tm_pprof_samples *s, uint32_t stack,
                             uint64_t size_key) {
  bool added;
  uint32_t id =
      tm_id_intern(&s->entries, (tm_key3){stack, size_key, 0}, &added);
  if (!id)
    return NULL;
  if (id > s->values_cap) {
    size_t cap = 2 * s->values_cap + 64;
    int64_t(*grown)[NVALUES] = realloc(s->values, cap * sizeof *grown);
    if (!grown)
      return NULL;
    s->values = grown;
    s->values_cap = cap;
  }
  if (added)
    memset(s->values[id - 1], 0, sizeof s->values[id - 1]);
  return s->values[id - 1];
}

/* The stack of `tb`, its ids cached by address in `seen` (a snapshot
 * stores each distinct traceback once); false without memory. */
static bool traceback_stack(tm_pprof_samples *s, const tm_traceback *tb,
                            tm_id_table *seen, uint32_t **stacks, size_t *cap,
                            uint32_t *stack) {
  bool added;
  uint32_t id =
      tm_id_intern(seen, (tm_key3){(uint64_t)(uintptr_t)tb, 0, 0}, &added);
  if (!id)
    return false;
  if (!added) {
    *stack = (*stacks)[id - 1];
    return true;
  }
  if (id > *cap) {
    size_t grown_cap = 2 * *cap + 64;
    uint32_t *grown = realloc(*stacks, grown_cap * sizeof *grown);
    if (!grown)
      return false;
    *stacks = grown;
    *cap = grown_cap;
  }
  uint32_t at = 0;
  for (size_t f = 0; f < tb->nframe; f++) {
    const tm_frame *frame = &tb->frames[f];
    at = push_frame(s, at, frame->function, frame->filename, frame->lineno);
    if (!at)
      return false;
  }
  *stack = (*stacks)[id - 1] = at;
  return true;
}

tm_pprof_samples *tm_pprof_samples_of(const tm_snapshot *snapshot) {
  tm_pprof_samples *s = calloc(1, sizeof *s);
  if (!s || !tm_strings_init(&s->strings)) {
    free(s);
    return NULL;
  }
  tm_id_table seen = {0};
  uint32_t *stacks = NULL;
  size_t cap = 0;
  bool ok = true;
  size_t ntrace = tm_snapshot_trace_count(snapshot);
  for (size_t i = 0; ok && i < ntrace; i++) {
    const tm_trace *t = tm_snapshot_trace(snapshot, i);
    uint32_t stack;
    int64_t *v;
    ok = traceback_stack(s, t->traceback, &seen, &stacks, &cap, &stack) &&
         (v = entry_values(s, stack, (uint64_t)t->size + 1)) != NULL;
    if (ok) {
      v[VALUE_INUSE_OBJECTS]++;
      v[VALUE_INUSE_SPACE] += (int64_t)t->size;
    }
  }
  size_t nallocated = tm_snapshot_allocated_count(snapshot);
  for (size_t i = 0; ok && i < nallocated; i++) {
    const tm_allocated *a = tm_snapshot_allocated(snapshot, i);
    uint32_t stack;
    int64_t *v;
    ok = traceback_stack(s, a->traceback, &seen, &stacks, &cap, &stack) &&
         (v = entry_values(s, stack, 0)) != NULL;
    if (ok) {
      v[VALUE_ALLOC_OBJECTS] += (int64_t)a->count;
      v[VALUE_ALLOC_SPACE] += (int64_t)a->size;
    }
  }
  tm_id_table_free(&seen);
  free(stacks);
  if (!ok) {
    tm_pprof_samples_free(s);
    return NULL;
  }
  return s;
}

/* `now` minus `base`, entry by entry: an entry of base's alone comes in
 * with its values negated.  False without memory. */
static bool subtract(tm_pprof_samples *now, const tm_pprof_samples *base) {
  /* Base's stack ids as now's: a caller's id is below its callees'. */
  uint32_t *as_now = malloc((base->stacks.n + 1) * sizeof *as_now);
  bool ok = as_now != NULL;
  if (ok)
    as_now[0] = 0;
  for (size_t id = 1; ok && id <= base->stacks.n; id++) {
    tm_key3 link = base->stacks.keys[id - 1];
    tm_key3 frame = base->frames.keys[link.b - 1];
    as_now[id] = push_frame(now, as_now[link.a], base->strings.strings[frame.a],
                            base->strings.strings[frame.b], (unsigned)frame.c);
    ok = as_now[id] != 0;
  }
  for (size_t id = 1; ok && id <= base->entries.n; id++) {
    tm_key3 key = base->entries.keys[id - 1];
    int64_t *v = entry_values(now, as_now[key.a], key.b);
    ok = v != NULL;
    for (int k = 0; ok && k < NVALUES; k++)
      v[k] -= base->values[id - 1][k];
  }
  free(as_now);
  return ok;
}

tm_pprof_samples *tm_pprof_request_samples(const tm_pprof_request *request) {
  tm_pprof_samples *s = tm_pprof_samples_of(request->snapshot);
  if (s && request->base && !subtract(s, request->base)) {
    tm_pprof_samples_free(s);
    return NULL;
  }
  return s;
}
