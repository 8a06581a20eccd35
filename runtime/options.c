/* The environment variables of options.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "../include/tracemalloc.h"
#include "internal.h"
#include "options.h"

static tm_options options;

/* An integer in [minimum, maximum], or the default (0) with a warning. */
static long parse(const char *variable, long minimum, long maximum) {
  const char *text = getenv(variable);
  if (!text || !*text)
    return 0;
  char *end;
  errno = 0;
  long value = strtol(text, &end, 10);
  if (errno || *end || value < minimum || value > maximum) {
    tm_report("warning: ignoring %s='%s': expected an integer from %ld to %ld",
              variable, text, minimum, maximum);
    return 0;
  }
  return value;
}

void tm_options_apply_at_start(void) {
#define TM_OPTION_PARSE(name, variable, minimum, maximum, doc)               \
  options.name = parse(variable, minimum, maximum);
  TM_OPTION_LIST(TM_OPTION_PARSE)
#undef TM_OPTION_PARSE
  if (options.nframe > 0)
    tm_start((int)options.nframe);
}

static void print_top(long n) {
  if (!tm_is_tracing()) {
    tm_report("warning: TRACEMALLOC_TOP=%ld: tracing is off at exit, nothing "
              "to print (set TRACEMALLOC=1 to trace from the start)", n);
    return;
  }
  tm_snapshot *snapshot = tm_take_snapshot();
  tm_stats *stats = tm_snapshot_statistics(snapshot, TM_KEY_LINENO, false);
  if (!stats) {
    tm_report("error: TRACEMALLOC_TOP: cannot compute statistics");
    tm_snapshot_free(snapshot);
    return;
  }
  char line[4096];
  for (size_t i = 0; i < tm_stats_count(stats) && i < (size_t)n; i++) {
    tm_stat_format(tm_stats_get(stats, i), line, sizeof line);
    fprintf(stderr, "%s\n", line);
  }
  fflush(stderr);
  tm_stats_free(stats);
  tm_snapshot_free(snapshot);
}

void tm_options_apply_at_exit(void) {
  if (options.top <= 0)
    return;
  tm_enter();
  print_top(options.top);
  tm_leave();
}
