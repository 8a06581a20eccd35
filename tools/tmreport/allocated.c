/*
 * tmreport top --allocated: what was allocated since tracing started (the
 * dump's allocations, format version 4), freed blocks too, as statistics
 * by line, file or traceback: the code that allocates most, not the code
 * whose blocks are alive.  The statistics are Python's, made here from
 * the totals: one per key, biggest first, each with the traceback of its
 * key (the most recent frame for lineno, its file at line 0 for
 * filename, the whole traceback for traceback), and the blocks of the
 * key still alive, for tmreport html.
 */
#include <stdlib.h>
#include <string.h>

#include "pprof/id_table.h"
#include "tmreport.h"

/* A statistic and the one-frame traceback its key needs. */
struct allocated_stat {
  tm_stat stat;
  tm_frame frame;
  tm_traceback key;
  size_t live;    /* the key's blocks among the snapshot's traces */
  uint32_t order; /* the key's id: which came first, to break ties */
};

static const tm_frame *most_recent_frame(const tm_traceback *tb) {
  return tb->nframe ? &tb->frames[tb->nframe - 1] : NULL;
}

tm_key3 statistic_key(const tm_traceback *traceback, tm_key key) {
  const tm_frame *f = most_recent_frame(traceback);
  if (key == TM_KEY_TRACEBACK)
    return (tm_key3){(uint64_t)(uintptr_t)traceback, 0, 1};
  if (!f)
    return (tm_key3){0, 0, 2};
  return (tm_key3){(uint64_t)(uintptr_t)f->filename,
                   key == TM_KEY_LINENO ? f->lineno : 0, 0};
}

/* Python's order: the biggest first, then the most blocks; then the key
 * met first, so that the order is the same with every qsort. */
static int compare_stats(const void *a, const void *b) {
  const allocated_stat *x = a, *y = b;
  if (x->stat.size != y->stat.size)
    return x->stat.size > y->stat.size ? -1 : 1;
  if (x->stat.count != y->stat.count)
    return x->stat.count > y->stat.count ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* heaptrack's "most calls": the most allocations first, then the
 * biggest. */
static int compare_calls(const void *a, const void *b) {
  const allocated_stat *x = a, *y = b;
  if (x->stat.count != y->stat.count)
    return x->stat.count > y->stat.count ? -1 : 1;
  return compare_stats(a, b);
}

static void sort_stats(allocated_stats *stats,
                       int (*compare)(const void *, const void *)) {
  qsort(stats->items, stats->n, sizeof *stats->items, compare);
  /* A key's traceback is its item's own: point at it again now that the
   * items have moved. */
  for (size_t i = 0; stats->key != TM_KEY_TRACEBACK && i < stats->n; i++) {
    stats->items[i].key.frames = &stats->items[i].frame;
    stats->items[i].stat.traceback = &stats->items[i].key;
  }
}

/* Counts the live blocks of each key that has allocations, the ids of
 * `keys` from 1 to keys->n; the keys of traces without allocations,
 * added after them, count for nothing.  false without memory. */
static bool count_live(allocated_stats *stats, const tm_snapshot *snapshot,
                       tm_id_table *keys) {
  size_t nkey = keys->n;
  for (size_t i = 0; i < tm_snapshot_trace_count(snapshot); i++) {
    const tm_trace *t = tm_snapshot_trace(snapshot, i);
    bool added;
    uint32_t id =
        tm_id_intern(keys, statistic_key(t->traceback, stats->key), &added);
    if (!id)
      return false;
    if (id <= nkey)
      stats->items[id - 1].live++;
  }
  return true;
}

allocated_stats *allocated_statistics(const tm_snapshot *snapshot, tm_key key) {
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
  out->key = key;
  tm_id_table keys = {0};
  bool ok = true;
  for (size_t i = 0; i < n; i++) {
    const tm_allocated *a = tm_snapshot_allocated(snapshot, i);
    bool added;
    uint32_t id = tm_id_intern(&keys, statistic_key(a->traceback, key), &added);
    if (!(ok = id != 0))
      break;
    allocated_stat *s = &stats[id - 1];
    if (added) {
      const tm_frame *f = most_recent_frame(a->traceback);
      if (f) {
        s->frame = *f;
        if (key == TM_KEY_FILENAME)
          s->frame.lineno = 0;
        s->key =
            (tm_traceback){.nframe = 1, .total_nframe = 1, .frames = &s->frame};
      }
      s->stat.traceback = key == TM_KEY_TRACEBACK ? a->traceback : &s->key;
      s->order = id;
    }
    s->stat.size += a->size;
    s->stat.count += a->count;
    out->total += a->size;
  }
  out->n = keys.n;
  ok = ok && count_live(out, snapshot, &keys);
  tm_id_table_free(&keys);
  if (!ok) {
    allocated_free(out);
    report_error("cannot group the allocations: out of memory");
    return NULL;
  }
  sort_stats(out, compare_stats);
  return out;
}

void allocated_sort_by_calls(allocated_stats *stats) {
  sort_stats(stats, compare_calls);
}

const tm_stat *allocated_get(const allocated_stats *stats, size_t i) {
  return &stats->items[i].stat;
}

size_t allocated_live(const allocated_stats *stats, size_t i) {
  return stats->items[i].live;
}

void allocated_free(allocated_stats *stats) {
  if (stats)
    free(stats->items);
  free(stats);
}
int print_allocated(const tm_snapshot *snapshot,
                    const report_options *options) {
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
