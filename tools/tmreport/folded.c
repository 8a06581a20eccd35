/*
 * tmreport folded: Brendan Gregg's folded stacks, the input of
 * flamegraph.pl, inferno and speedscope:
 *
 *     main (app.c:40);load (app.c:12);xstrdup (util.c:7) 4096
 *
 * One line per distinct traceback, frames oldest first joined by ';', then
 * a space and the live bytes (blocks with --count).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "tmreport.h"

/* The one frame of a traceback that has none. */
#define EMPTY_FRAME "[unknown]"

/* A name as the folded format can carry it: ';' separates frames, so it
 * becomes '_'; a newline, which ends the line, is shown as every report
 * shows control characters.  Spaces stay: readers split the count off at
 * the last space, and C++ names ("operator new(unsigned long)") need
 * theirs. */
static void put_name(const char *name) {
  while (*name) {
    uint32_t c = tm_utf8_take_shown(&name);
    put_char(stdout, c == ';' ? '_' : c);
  }
}

/* "function (file:line)", or "file:line" when the function is unknown. */
static void put_frame(const tm_frame *frame) {
  if (frame->function && frame->function[0]) {
    put_name(frame->function);
    fputs(" (", stdout);
  }
  put_name(frame->filename);
  printf(":%u", frame->lineno);
  if (frame->function && frame->function[0])
    putchar(')');
}

static void put_stack(const tm_traceback *traceback) {
  if (traceback->nframe == 0) {
    fputs(EMPTY_FRAME, stdout);
    return;
  }
  for (size_t i = 0; i < traceback->nframe; i++) {
    if (i)
      putchar(';');
    put_frame(&traceback->frames[i]);
  }
}

int run_folded(const report_options *options) {
  const char *path = options->dumps[0];
  tm_snapshot *snapshot = load_filtered_snapshot(path, options);
  if (!snapshot)
    return TMREPORT_EXIT_ERROR;
  /* Statistics by traceback are the distinct tracebacks with their sizes
   * and counts, biggest first. */
  tm_stats *stats = tm_snapshot_statistics(snapshot, TM_KEY_TRACEBACK, false);
  if (!stats) {
    tm_snapshot_free(snapshot);
    return report_error("%s: cannot compute statistics: %s", path,
                        strerror(errno));
  }
  for (size_t i = 0; i < tm_stats_count(stats); i++) {
    const tm_stat *stat = tm_stats_get(stats, i);
    put_stack(stat->traceback);
    printf(" %zu\n", options->count_blocks ? stat->count : stat->size);
  }
  tm_stats_free(stats);
  tm_snapshot_free(snapshot);
  return TMREPORT_EXIT_OK;
}
