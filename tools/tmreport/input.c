/* Loading a dump and applying the command line's filters to it. */
#include <errno.h>
#include <string.h>

#include "tmreport.h"

/* `snapshot` through `filters` (freed either way), or NULL after reporting
 * the error. */
static tm_snapshot *filter(tm_snapshot *snapshot, const tm_filter *filters,
                           size_t n, const char *path) {
  tm_snapshot *filtered = tm_snapshot_filter_traces(snapshot, filters, n);
  if (!filtered)
    report_error("%s: cannot filter the traces: %s", path, strerror(errno));
  tm_snapshot_free(snapshot);
  return filtered;
}

tm_snapshot *load_filtered_snapshot(const char *path,
                                    const report_options *options) {
  tm_snapshot *snapshot = tm_snapshot_load(path);
  if (!snapshot) {
    /* The loader's message starts with the path already. */
    report_error("%s", tm_last_error());
    return NULL;
  }
  /* Domains first, in a pass of their own: in one list an inclusive domain
   * filter and an --include pattern would keep the union of what each
   * matches (Python's rule), and --domain must restrict, not widen. */
  if (options->ndomain)
    snapshot = filter(snapshot, options->domains, options->ndomain, path);
  if (snapshot && options->nfilter)
    snapshot = filter(snapshot, options->filters, options->nfilter, path);
  return snapshot;
}
