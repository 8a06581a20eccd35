/*
 * The biggest tracebacks as an HTML table, for tmreport html: a row per
 * statistic of `tmreport top --key traceback`, its frames as that prints
 * them, and on each row the ids of the frame it ends at in the page's two
 * flame graphs (by line and by function), for the page's script to zoom
 * on when the row is clicked.  It sorts as the other tables of statistics
 * do (html_table.c), its numbers exact in data-value.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tmreport.h"

/* The frames as `top --key traceback` prints them; false when out of
 * memory. */
static bool put_frames(FILE *out, const tm_traceback *traceback) {
  char *text = traceback_text(traceback);
  if (!text)
    return false;
  fputs("<td class=\"where\"><pre>", out);
  put_escaped_lines(out, text);
  fputs("</pre></td>", out);
  free(text);
  return true;
}

bool put_traceback_table(FILE *out, const traceback_table *table) {
  size_t shown = statistics_shown(table->stats, table->limit);
  fprintf(out,
          "<table class=\"stats tracebacks\" id=\"tracebacks\">\n"
          "<caption>%zu of %zu tracebacks</caption>\n"
          "<thead><tr><th class=\"n\" aria-sort=\"descending\">size</th>"
          "<th class=\"n\">count</th>"
          "<th>traceback, oldest frame first</th></tr></thead>\n<tbody>\n",
          shown, tm_stats_count(table->stats));
  for (size_t i = 0; i < shown; i++) {
    const tm_stat *stat = tm_stats_get(table->stats, i);
    fprintf(out, "<tr data-line=\"line-%zu\" data-function=\"function-%zu\">",
            flamegraph_frame_id(table->by_line, stat->traceback, false),
            flamegraph_frame_id(table->by_function, stat->traceback, false));
    put_size_cell(out, (long long)stat->size, false);
    fprintf(out, "<td class=\"n\" data-value=\"%zu\">%zu</td>", stat->count,
            stat->count);
    if (!put_frames(out, stat->traceback))
      return false;
    fputs("</tr>\n", out);
  }
  if (shown == 0)
    fputs("<tr><td colspan=\"3\">no blocks</td></tr>\n", out);
  fputs("</tbody>\n</table>\n", out);
  return true;
}
