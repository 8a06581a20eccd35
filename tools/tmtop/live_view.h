/*
 * One read of a live file (runtime/live_format.h), as tmtop shows it: the
 * process's figures from the header, and the heap by line, loaded with
 * tm_snapshot_load() (the runtime's reader, which tmreport uses too).
 */
#ifndef TM_TMTOP_LIVE_VIEW_H
#define TM_TMTOP_LIVE_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "live_format.h"

/* One line's figures: live blocks and bytes, allocations since tracing
 * started and their bytes.  Strings are the runtime's interned ones, so
 * equal names are equal pointers, from one read to the next. */
typedef struct live_line {
  const char *file, *function;
  unsigned line;
  uint64_t blocks, bytes, allocs, allocated;
} live_line;

typedef struct live_view {
  uint64_t pid, generation, lost;
  int64_t peak;
  bool tracing;
  char program[sizeof ((tm_live_header *)0)->program];
  live_line *lines;   /* biggest first, as Snapshot.statistics() */
  live_line **by_key; /* the same, by (file, line), for live_find_line */
  size_t nlines;
  uint64_t blocks, bytes; /* the lines', summed */
} live_view;

/* Opens path for live_view_read: a regular file of the caller's user (any,
 * for root), not a link.  -1 with a message in err. */
int live_open(const char *path, char *err, size_t len);

/* Reads the live file at path, opened as fd, into v (freed with
 * live_view_free); false with a message in err. */
bool live_view_read(int fd, const char *path, live_view *v, char *err,
                    size_t len);
void live_view_free(live_view *v);

/* The line of v at the file and line of `like`, or NULL. */
const live_line *live_find_line(const live_view *v, const live_line *like);

#endif /* TM_TMTOP_LIVE_VIEW_H */
