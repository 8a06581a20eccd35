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

#include "id_table.h"
#include "tmreport.h"

/* A statistic and the one-frame traceback its key needs. */
struct allocated_stat {
  tm_stat stat;
  tm_frame frame;
  tm_traceback key;
};

static const tm_frame *most_recent_frame(const tm_traceback *tb) {
  return tb->nframe ? &tb->frames[tb->nframe - 1] : NULL;
}

/* The key of a total's statistic: its most recent frame's file and line
 * (lineno), its file (filename), or its traceback.  Strings of a snapshot
 * are interned: equal names are equal pointers. */
static key3 key_of(const tm_allocated *a, tm_key key) {
  const tm_frame *f = most_recent_frame(a->traceback);
  if (key == TM_KEY_TRACEBACK || !f)
    return (key3){(uint64_t)(uintptr_t)a->traceback, 0, 1};
  return (key3){(uint64_t)(uintptr_t)f->filename,
                key == TM_KEY_LINENO ? f->lineno : 0, 0};
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

allocated_stats *allocated_statistics(const tm_snapshot *snapshot,
                                      tm_key key) {
  size_t n = tm_snapshot_allocated_count(snapshot);
  allocated_stats *out = calloc(1, sizeof *out);
  allocated_stat *stats = calloc(n ? n : 1, sizeof *stats);
  if (!out || !stats) {
    free(out);
    free(stats);
    report_error("cannot group the allocations: out of memory");
    return NULL;
  }
  out->items = stats;
  id_table keys = {0};
  for (size_t i = 0; i < n; i++) {
    const tm_allocated *a = tm_snapshot_allocated(snapshot, i);
    bool added;
    uint32_t id = intern_key(&keys, key_of(a, key), &added);
    if (!id) {
      free_table(&keys);
      allocated_free(out);
      report_error("cannot group the allocations: out of memory");
      return NULL;
    }
    allocated_stat *s = &stats[id - 1];
    if (added) {
      const tm_frame *f = most_recent_frame(a->traceback);
      if (f) {
        s->frame = *f;
        if (key == TM_KEY_FILENAME)
          s->frame.lineno = 0;
        s->key = (tm_traceback){.nframe = 1, .total_nframe = 1,
                                .frames = &s->frame};
      }
      s->stat.traceback = key == TM_KEY_TRACEBACK ? a->traceback : &s->key;
    }
    s->stat.size += a->size;
    s->stat.count += a->count;
    out->total += a->size;
  }
  out->n = keys.n;
  free_table(&keys);
  qsort(stats, out->n, sizeof *stats, compare_stats);
  /* A key's traceback is its item's own: point at it again now that the
   * items have moved. */
  for (size_t i = 0; key != TM_KEY_TRACEBACK && i < out->n; i++) {
    stats[i].key.frames = &stats[i].frame;
    stats[i].stat.traceback = &stats[i].key;
  }
  return out;
}

const tm_stat *allocated_get(const allocated_stats *stats, size_t i) {
  return &stats->items[i].stat;
}

void allocated_free(allocated_stats *stats) {
  if (stats)
    free(stats->items);
  free(stats);
}

int print_allocated(const tm_snapshot *snapshot, const report_options *options) {
  allocated_stats *stats = allocated_statistics(snapshot, options->key);
  if (!stats)
    return TMREPORT_EXIT_ERROR;
  if (!stats->n)
    report_note("no allocations to show: the dump has none (format "
                "version 3 or older) or the filters kept none");
  tm_stat *rows = malloc((stats->n ? stats->n : 1) * sizeof *rows);
  bool ok = rows != NULL;
  for (size_t i = 0; ok && i < stats->n; i++)
    rows[i] = *allocated_get(stats, i);
  if (!ok)
    report_error("cannot sort the allocations: out of memory");
  ok = ok && print_stat_array(rows, stats->n, options);
  free(rows);
  allocated_free(stats);
  return ok ? TMREPORT_EXIT_OK : TMREPORT_EXIT_ERROR;
}
