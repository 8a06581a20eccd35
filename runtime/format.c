/* Python's text for statistics: _format_size(), Statistic.__str__ and
 * StatisticDiff.__str__. */
#include <errno.h>
#include <math.h>
#include <stdio.h>

#include "../include/tracemalloc.h"
#include "internal.h"

/* _format_size(size, sign) of Lib/tracemalloc.py. */
TM_EXPORT int tm_format_size(double size, bool sign, char *buf, size_t len) {
  static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  const size_t last = sizeof units / sizeof units[0] - 1;
  for (size_t u = 0;; u++) {
    if (fabs(size) < 100 && u != 0)
      return snprintf(buf, len, sign ? "%+.1f %s" : "%.1f %s", size, units[u]);
    if (fabs(size) < 10 * 1024 || u == last)
      return snprintf(buf, len, sign ? "%+.0f %s" : "%.0f %s", size, units[u]);
    size /= 1024;
  }
}

/* str(Frame): "filename:lineno".  Python's str(Traceback) is str(self[0]),
 * the oldest frame. */
static int format_traceback_key(char *buf, size_t len, const tm_traceback *tb) {
  if (!tb->nframe)
    return snprintf(buf, len, "<empty traceback>");
  return snprintf(buf, len, "%s:%u", tb->frames[0].filename,
                  tb->frames[0].lineno);
}

/* The text of a statistic; with `diff`, StatisticDiff's. */
static int format_stat(const tm_stat *stat, bool diff, char *buf, size_t len) {
  if (!stat || (!buf && len)) {
    errno = EINVAL;
    return -1;
  }
  char key[4096], size[32], size_diff[32] = "", count_diff[32] = "",
      average[32] = "";
  format_traceback_key(key, sizeof key, stat->traceback);
  tm_format_size((double)stat->size, false, size, sizeof size);
  if (diff) {
    char signed_size[32];
    tm_format_size((double)stat->size_diff, true, signed_size,
                   sizeof signed_size);
    snprintf(size_diff, sizeof size_diff, " (%s)", signed_size);
    snprintf(count_diff, sizeof count_diff, " (%+lld)", stat->count_diff);
  }
  if (stat->count)
    tm_format_size((double)stat->size / (double)stat->count, false, average,
                   sizeof average);
  return snprintf(buf, len, "%s: size=%s%s, count=%zu%s%s%s", key, size,
                  size_diff, stat->count, count_diff,
                  stat->count ? ", average=" : "", average);
}

TM_EXPORT int tm_stat_format(const tm_stat *stat, char *buf, size_t len) {
  return format_stat(stat, false, buf, len);
}

TM_EXPORT int tm_stat_diff_format(const tm_stat *stat, char *buf, size_t len) {
  return format_stat(stat, true, buf, len);
}
