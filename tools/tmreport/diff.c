/* tmreport diff: Snapshot.compare_to() of two dumps, the new one against
 * the old one. */
#include <errno.h>
#include <string.h>

#include "tmreport.h"

tm_stats *diff_statistics(const tm_snapshot *old, const char *old_path,
                          const tm_snapshot *now, const char *new_path,
                          tm_key key, bool cumulative) {
  tm_stats *stats = tm_snapshot_compare_to(now, old, key, cumulative);
  if (!stats)
    report_error("cannot compare %s with %s: %s", new_path, old_path,
                 strerror(errno));
  return stats;
}

int run_diff(const report_options *options) {
  const char *old_path = options->dumps[0], *new_path = options->dumps[1];
  tm_snapshot *old = load_filtered_snapshot(old_path, options);
  if (!old)
    return TMREPORT_EXIT_ERROR;
  tm_snapshot *now = load_filtered_snapshot(new_path, options);
  if (!now) {
    tm_snapshot_free(old);
    return TMREPORT_EXIT_ERROR;
  }
  tm_stats *stats = diff_statistics(old, old_path, now, new_path, options->key,
                                    options->cumulative);
  int status = stats && print_statistics(stats, options, true)
                   ? TMREPORT_EXIT_OK
                   : TMREPORT_EXIT_ERROR;
  tm_stats_free(stats);
  tm_snapshot_free(now);
  tm_snapshot_free(old);
  return status;
}
