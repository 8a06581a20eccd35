/*
 * tmreport top --allocated: what was allocated since tracing started (the
 * dump's allocations, format version 4), freed blocks too, as statistics
 * by line, file or traceback: the code that allocates most, not the code
 * whose blocks are alive.  The statistics are Python's, made here from
 * the totals: one per key, biggest first, each with the traceback of its
 * key (the most recent frame for lineno, its file at line 0 for
 * filename, the whole traceback for traceback).
 */
#include <stdlib.h>
#include <string.h>

#include "tmreport.h"

/* A statistic and the one-frame traceback its key needs. */
typedef struct allocated_stat {
  tm_stat stat;
  tm_frame frame;
  tm_traceback key;
} allocated_stat;

static const tm_frame *most_recent_frame(const tm_traceback *tb) {
  return tb->nframe ? &tb->frames[tb->nframe - 1] : NULL;
}

/* Whether a total belongs to the statistic: its key's frame (lineno,
 * filename) or traceback is the same.  Strings of a snapshot are interned:
 * equal names are equal pointers. */
static bool same_key(const allocated_stat *s, const tm_allocated *a,
                     tm_key key) {
  if (key == TM_KEY_TRACEBACK)
    return s->stat.traceback == a->traceback;
  const tm_frame *f = most_recent_frame(a->traceback);
  if (!f || !s->key.nframe)
    return !f && !s->key.nframe;
  return f->filename == s->frame.filename &&
         (key == TM_KEY_FILENAME || f->lineno == s->frame.lineno);
}

/* Python's order: the biggest first, then the most blocks. */
static int compare_stats(const void *a, const void *b) {
  const tm_stat *x = &((const allocated_stat *)a)->stat,
                *y = &((const allocated_stat *)b)->stat;
  if (x->size != y->size)
    return x->size > y->size ? -1 : 1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return 0;
}

int print_allocated(const tm_snapshot *snapshot, const report_options *options) {
  size_t n = tm_snapshot_allocated_count(snapshot), nstats = 0;
  allocated_stat *stats = calloc(n ? n : 1, sizeof *stats);
  if (!stats)
    return report_error("cannot group the allocations: out of memory");
  /* A search per total: the totals are one per traceback, and a dump's
   * tracebacks number in the thousands, not millions. */
  for (size_t i = 0; i < n; i++) {
    const tm_allocated *a = tm_snapshot_allocated(snapshot, i);
    size_t j = 0;
    while (j < nstats && !same_key(&stats[j], a, options->key))
      j++;
    if (j == nstats) {
      allocated_stat *s = &stats[nstats++];
      const tm_frame *f = most_recent_frame(a->traceback);
      if (f) {
        s->frame = *f;
        if (options->key == TM_KEY_FILENAME)
          s->frame.lineno = 0;
        s->key = (tm_traceback){.nframe = 1, .total_nframe = 1,
                                .frames = &s->frame};
      }
      s->stat.traceback =
          options->key == TM_KEY_TRACEBACK ? a->traceback : &s->key;
    }
    stats[j].stat.size += a->size;
    stats[j].stat.count += a->count;
  }
  if (!nstats)
    report_note("no allocations to show: the dump has none (format "
                "version 3 or older) or the filters kept none");
  qsort(stats, nstats, sizeof *stats, compare_stats);
  /* The tracebacks of a key point into the array: set them again now that
   * it is sorted. */
  tm_stat *sorted = malloc((nstats ? nstats : 1) * sizeof *sorted);
  bool ok = sorted != NULL;
  for (size_t i = 0; ok && i < nstats; i++) {
    sorted[i] = stats[i].stat;
    if (options->key != TM_KEY_TRACEBACK) {
      stats[i].key.frames = &stats[i].frame;
      sorted[i].traceback = &stats[i].key;
    }
  }
  if (!ok)
    report_error("cannot sort the allocations: out of memory");
  ok = ok && print_stat_array(sorted, nstats, options);
  free(sorted);
  free(stats);
  return ok ? TMREPORT_EXIT_OK : TMREPORT_EXIT_ERROR;
}
