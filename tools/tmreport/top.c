/* tmreport top: Snapshot.statistics() of one dump. */
#include <errno.h>
#include <string.h>

#include "tmreport.h"

tm_stats *top_statistics(const tm_snapshot *snapshot, const char *path,
                         tm_key key, bool cumulative) {
  tm_stats *stats = tm_snapshot_statistics(snapshot, key, cumulative);
  if (!stats)
    report_error("%s: cannot compute statistics: %s", path, strerror(errno));
  return stats;
}

int run_top(const report_options *options) {
  const char *path = options->dumps[0];
  tm_snapshot *snapshot = load_filtered_snapshot(path, options);
  if (!snapshot)
    return TMREPORT_EXIT_ERROR;
  tm_stats *stats =
      top_statistics(snapshot, path, options->key, options->cumulative);
  int status = stats && print_statistics(stats, options, false)
                   ? TMREPORT_EXIT_OK
                   : TMREPORT_EXIT_ERROR;
  tm_stats_free(stats);
  tm_snapshot_free(snapshot);
  return status;
}
