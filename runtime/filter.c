/* Snapshot.filter_traces(): Filter and DomainFilter of Lib/tracemalloc.py. */
#include <errno.h>
#include <fnmatch.h>
#include <string.h>

#include "snapshot.h"

/* Python's fnmatch.fnmatch on POSIX: case-sensitive, '*' crosses '/', a
 * leading '.' is not special and a backslash is an ordinary character. */
static bool filename_matches(const char *filename, const char *pattern) {
  return fnmatch(pattern, filename, FNM_NOESCAPE) == 0;
}

/* Filter._match_frame_impl */
static bool frame_matches(const tm_filter *f, const tm_frame *frame) {
  return filename_matches(frame->filename, f->filename_pattern) &&
         (f->lineno == TM_ANY_LINENO || (long)frame->lineno == f->lineno);
}

/* Filter._match_traceback: with all_frames, any frame; otherwise the most
 * recent one (the raw trace's first). */
static bool traceback_matches(const tm_filter *f, const tm_traceback *tb) {
  if (f->all_frames) {
    for (size_t i = 0; i < tb->nframe; i++)
      if (frame_matches(f, &tb->frames[i]))
        return f->inclusive;
    return !f->inclusive;
  }
  bool match = tb->nframe && frame_matches(f, &tb->frames[tb->nframe - 1]);
  return match != !f->inclusive;
}

/* BaseFilter._match: true when the filter lets the trace through. */
static bool filter_passes(const tm_filter *f, const tm_trace *t) {
  bool same_domain = (long long)t->domain == f->domain;
  if (f->kind == TM_FILTER_DOMAIN)
    return same_domain != !f->inclusive;
  bool pass = traceback_matches(f, t->traceback);
  if (f->domain == TM_ANY_DOMAIN)
    return pass;
  return f->inclusive ? pass && same_domain : pass || !same_domain;
}

/* Snapshot._filter_trace: inclusive filters OR-ed, exclusive AND-ed. */
static bool keep_trace(const tm_filter *filters, size_t n, const tm_trace *t) {
  bool any_inclusive = false, included = false;
  for (size_t i = 0; i < n; i++) {
    const tm_filter *f = &filters[i];
    if (f->inclusive) {
      any_inclusive = true;
      included = included || filter_passes(f, t);
    } else if (!filter_passes(f, t)) {
      return false;
    }
  }
  return !any_inclusive || included;
}

static bool valid_filters(const tm_filter *filters, size_t n) {
  if (n && !filters)
    return false;
  for (size_t i = 0; i < n; i++)
    if ((filters[i].kind != TM_FILTER_TRACES &&
         filters[i].kind != TM_FILTER_DOMAIN) ||
        (filters[i].kind == TM_FILTER_TRACES && !filters[i].filename_pattern))
      return false;
  return true;
}

/* The allocation totals whose domain and traceback the filters keep, as
 * they keep a trace of theirs. */
static bool filter_allocated(tm_snapshot *out, const tm_snapshot *s,
                             const tm_filter *filters, size_t n) {
  if (!tm_snapshot_alloc_allocated(out, s->nallocated))
    return false;
  size_t kept = 0;
  for (size_t i = 0; i < s->nallocated; i++) {
    const tm_allocated *a = &s->allocated[i];
    tm_trace as_trace = {.domain = a->domain, .traceback = a->traceback};
    if (!keep_trace(filters, n, &as_trace))
      continue;
    out->allocated[kept] = *a;
    out->allocated[kept++].traceback =
        &out->tracebacks[(size_t)(a->traceback - s->tracebacks)];
  }
  out->nallocated = kept;
  return true;
}

TM_EXPORT tm_snapshot *tm_snapshot_filter_traces(const tm_snapshot *s,
                                                 const tm_filter *filters,
                                                 size_t n) {
  if (!s || !valid_filters(filters, n)) {
    errno = EINVAL;
    return NULL;
  }
  tm_enter();
  size_t kept = 0;
  for (size_t i = 0; i < s->ntraces; i++)
    kept += keep_trace(filters, n, &s->traces[i]);
  tm_snapshot *out = tm_snapshot_alloc(kept, s->ntracebacks, s->nframes);
  if (out) {
    out->traceback_limit = s->traceback_limit;
    out->process = s->process;
    if (!tm_process_copy_directories(&out->process, &s->process)) {
      tm_snapshot_free(out);
      out = NULL;
    }
  }
  if (out) {
    memcpy(out->frames, s->frames, s->nframes * sizeof *s->frames);
    for (size_t i = 0; i < s->ntracebacks; i++) {
      out->tracebacks[i] = s->tracebacks[i];
      out->tracebacks[i].frames = out->frames + (s->tracebacks[i].frames - s->frames);
    }
    size_t j = 0;
    for (size_t i = 0; i < s->ntraces; i++)
      if (keep_trace(filters, n, &s->traces[i])) {
        out->traces[j] = s->traces[i];
        out->traces[j++].traceback =
            &out->tracebacks[tm_traceback_index(s, &s->traces[i])];
      }
    if (!filter_allocated(out, s, filters, n)) {
      tm_snapshot_free(out);
      out = NULL;
    }
  }
  tm_leave();
  if (!out)
    errno = ENOMEM;
  return out;
}
