/* Loading a dump and applying the command line's filters to it. */
#include <errno.h>
#include <string.h>

#include "tmreport.h"

tm_snapshot *load_snapshot(const char *path) {
  tm_snapshot *snapshot = tm_snapshot_load(path);
  /* The loader's message starts with the path already. */
  if (!snapshot)
    report_error("%s", tm_last_error());
  return snapshot;
}

tm_snapshot *filter_snapshot(const tm_snapshot *snapshot,
                             const report_options *options, const char *path) {
  /* Domains first, in a pass of their own: in one list an inclusive domain
   * filter and an --include pattern would keep the union of what each
   * matches (Python's rule), and --domain must restrict, not widen. */
  tm_snapshot *by_domain = tm_snapshot_filter_traces(
      snapshot, options->domains, options->ndomain);
  tm_snapshot *filtered =
      by_domain ? tm_snapshot_filter_traces(by_domain, options->filters,
                                            options->nfilter)
                : NULL;
  int err = errno;
  tm_snapshot_free(by_domain);
  if (!filtered)
    report_error("%s: cannot filter the traces: %s", path, strerror(err));
  return filtered;
}

tm_snapshot *load_filtered_snapshot(const char *path,
                                    const report_options *options) {
  tm_snapshot *snapshot = load_snapshot(path);
  if (!snapshot || (!options->ndomain && !options->nfilter))
    return snapshot;
  tm_snapshot *filtered = filter_snapshot(snapshot, options, path);
  tm_snapshot_free(snapshot);
  return filtered;
}
