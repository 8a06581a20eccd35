/* The runtime tests' way of showing what is traced: statistics printed one
 * a line, as Python prints them.  For C and C++ tests alike; their RUN
 * lines add -I%inputs/runtime. */
#ifndef TM_TEST_PRINT_STATS_H
#define TM_TEST_PRINT_STATS_H

#include <stdio.h>
#include <tracemalloc.h>

/* Prints every statistic of st, as a Statistic or (diff) as a
 * StatisticDiff, then frees st. */
static inline void print_stat_list(tm_stats *st, bool diff) {
  char line[512];
  for (size_t i = 0; i < tm_stats_count(st); i++) {
    if (diff)
      tm_stat_diff_format(tm_stats_get(st, i), line, sizeof line);
    else
      tm_stat_format(tm_stats_get(st, i), line, sizeof line);
    puts(line);
  }
  tm_stats_free(st);
}

/* snapshot.statistics('lineno'), printed. */
static inline void print_snapshot_stats(const tm_snapshot *snap) {
  print_stat_list(tm_snapshot_statistics(snap, TM_KEY_LINENO, false), false);
}

/* The statistics by line of a fresh snapshot, printed. */
static inline void print_stats(void) {
  tm_snapshot *snap = tm_take_snapshot();
  print_snapshot_stats(snap);
  tm_snapshot_free(snap);
}

/* A snapshot.compare_to() result, printed and freed. */
static inline void print_diff(tm_stats *st) { print_stat_list(st, true); }

#endif /* TM_TEST_PRINT_STATS_H */
