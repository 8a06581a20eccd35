/* tmreport top: Snapshot.statistics() of one dump. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "tmreport.h"

tm_stats *top_statistics(const tm_snapshot *snapshot, const char *path,
                         tm_key key, bool cumulative) {
  tm_stats *stats = tm_snapshot_statistics(snapshot, key, cumulative);
  if (!stats)
    report_error("%s: cannot compute statistics: %s", path, strerror(errno));
  return stats;
}

static const tm_frame *most_recent(const tm_traceback *tb) {
  return tb->nframe ? &tb->frames[tb->nframe - 1] : NULL;
}

static bool same_line(const tm_frame *a, const tm_frame *b) {
  return a->lineno == b->lineno && strcmp(a->filename, b->filename) == 0;
}

/* Whether the blocks allocated at `site` come from at least two lines of
 * its function's callers: then its function looks like a wrapper. */
static bool called_from_two_lines(const tm_snapshot *snapshot,
                                  const tm_frame *site) {
  const tm_frame *caller = NULL;
  for (size_t i = 0; i < tm_snapshot_trace_count(snapshot); i++) {
    const tm_traceback *tb = tm_snapshot_trace(snapshot, i)->traceback;
    if (tb->nframe < 2 || !same_line(most_recent(tb), site))
      continue;
    const tm_frame *this_caller = &tb->frames[tb->nframe - 2];
    if (!caller)
      caller = this_caller;
    else if (!same_line(caller, this_caller))
      return true;
  }
  return false;
}

/*
 * Most of the memory allocated at one line, the only one of its function,
 * for callers on several lines: a wrapper the pass did not find (one that
 * hands its block out through a pointer or a global, or whose callers
 * cannot be named).  Says so, with the option that charges the callers.
 * Needs tracebacks of two frames or more to see the callers.
 */
static void suggest_wrapper(const tm_snapshot *snapshot) {
  tm_stats *lines = tm_snapshot_statistics(snapshot, TM_KEY_LINENO, false);
  size_t n = lines ? tm_stats_count(lines) : 0;
  unsigned long long total = 0;
  for (size_t i = 0; i < n; i++)
    total += tm_stats_get(lines, i)->size;
  const tm_stat *top = n ? tm_stats_get(lines, 0) : NULL;
  const tm_frame *site = top ? most_recent(top->traceback) : NULL;
  bool alone = site && site->function[0] && top->size * 2 >= total;
  for (size_t i = 1; alone && i < n; i++) {
    const tm_frame *other = most_recent(tm_stats_get(lines, i)->traceback);
    alone = !other || strcmp(other->function, site->function) != 0;
  }
  if (alone && called_from_two_lines(snapshot, site))
    report_note("%.0f%% of the memory is allocated at %s:%u, the one "
                "allocating line of %s, called from several lines; if %s "
                "only wraps an allocator, build with tmcc -ftm-wrapper=%s "
                "to charge its callers",
                100.0 * (double)top->size / (double)total, site->filename,
                site->lineno, site->function, site->function,
                site->function);
  tm_stats_free(lines);
}

int run_top(const report_options *options) {
  const char *path = options->dumps[0];
  tm_snapshot *snapshot = load_filtered_snapshot(path, options);
  if (!snapshot)
    return TMREPORT_EXIT_ERROR;
  if (options->allocated) {
    int status = print_allocated(snapshot, options);
    tm_snapshot_free(snapshot);
    return status;
  }
  tm_stats *stats =
      top_statistics(snapshot, path, options->key, options->cumulative);
  int status = stats && print_statistics(stats, options, false)
                   ? TMREPORT_EXIT_OK
                   : TMREPORT_EXIT_ERROR;
  if (status == TMREPORT_EXIT_OK && !options->json)
    suggest_wrapper(snapshot);
  tm_stats_free(stats);
  tm_snapshot_free(snapshot);
  return status;
}
