/* tmreport top: Snapshot.statistics() of one dump. */
#include <errno.h>
#include <string.h>

#include "tmreport.h"

int run_top(const report_options *options) {
  const char *path = options->dumps[0];
  tm_snapshot *snapshot = load_filtered_snapshot(path, options);
  if (!snapshot)
    return TMREPORT_EXIT_ERROR;
  tm_stats *stats =
      tm_snapshot_statistics(snapshot, options->key, options->cumulative);
  int status = TMREPORT_EXIT_OK;
  if (!stats)
    status = report_error("%s: cannot compute statistics: %s", path,
                          strerror(errno));
  else if (!print_statistics(stats, options, tm_stat_format))
    status = TMREPORT_EXIT_ERROR;
  tm_stats_free(stats);
  tm_snapshot_free(snapshot);
  return status;
}
