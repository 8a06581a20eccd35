/*
 * Statistics as an HTML table, for tmreport html: the statistics that
 * `tmreport top` and `tmreport diff` print, one row each, a cell per
 * number.  Sizes are written as Python's tracemalloc writes them
 * (tm_format_size(), as in the text), with the exact bytes in a tooltip
 * where there are exact bytes (not for averages).
 */
#include <stdint.h>
#include <stdio.h>

#include "tmreport.h"

/* The class that colours a change by which way it goes. */
static const char *direction(long long change) {
  return change > 0 ? " up" : change < 0 ? " down" : "";
}

void put_size_cell(FILE *out, long long bytes, bool sign) {
  char text[32];
  tm_format_size((double)bytes, sign, text, sizeof text);
  fprintf(out, "<td class=\"n%s\" title=\"%s%lld bytes\">%s</td>",
          sign ? direction(bytes) : "", sign && bytes > 0 ? "+" : "", bytes,
          text);
}

/* The key of a statistic: "file:line", or the file alone by file. */
static void put_location_cell(FILE *out, const tm_traceback *traceback,
                              tm_key key) {
  fputs("<td class=\"where\">", out);
  if (traceback->nframe == 0) {
    put_escaped(out, "<empty traceback>", SIZE_MAX);
  } else {
    /* The text reports' key is the first frame of the traceback. */
    const tm_frame *frame = &traceback->frames[0];
    put_escaped(out, frame->filename, SIZE_MAX);
    if (key == TM_KEY_LINENO)
      fprintf(out, ":%u", frame->lineno);
  }
  fputs("</td>", out);
}

static void put_row(FILE *out, const tm_stat *stat, const stats_table *table) {
  fputs("<tr>", out);
  put_size_cell(out, (long long)stat->size, false);
  if (table->diff)
    put_size_cell(out, stat->size_diff, true);
  fprintf(out, "<td class=\"n\">%.1f%%</td>",
          table->total ? 100.0 * (double)stat->size / (double)table->total
                       : 0.0);
  fprintf(out, "<td class=\"n\">%zu</td>", stat->count);
  if (table->diff)
    fprintf(out, "<td class=\"n%s\">%+lld</td>", direction(stat->count_diff),
            stat->count_diff);
  /* Python's text leaves the average out of a statistic without blocks. */
  char average[32] = "";
  if (stat->count)
    tm_format_size((double)stat->size / (double)stat->count, false, average,
                   sizeof average);
  fprintf(out, "<td class=\"n\">%s</td>", average);
  put_location_cell(out, stat->traceback, table->key);
  fputs("</tr>\n", out);
}

static size_t row_count(stat_rows rows) {
  return rows.stats ? tm_stats_count(rows.stats) : rows.allocated->n;
}

static const tm_stat *row(stat_rows rows, size_t i) {
  return rows.stats ? tm_stats_get(rows.stats, i)
                    : allocated_get(rows.allocated, i);
}

void put_stats_table(FILE *out, stat_rows rows, const stats_table *table) {
  const char *keys = table->key == TM_KEY_LINENO ? "lines" : "files";
  size_t n = row_count(rows);
  size_t shown = table->limit && table->limit < n ? table->limit : n;
  fprintf(out,
          "<table class=\"stats\" id=\"%s\">\n"
          "<caption>%zu of %zu %s</caption>\n"
          "<thead><tr><th class=\"n\">size</th>",
          table->id, shown, n, keys);
  if (table->diff)
    fputs("<th class=\"n\">change</th>", out);
  fputs("<th class=\"n\">% of total</th><th class=\"n\">count</th>", out);
  if (table->diff)
    fputs("<th class=\"n\">change</th>", out);
  fprintf(out,
          "<th class=\"n\">average</th><th>%s</th></tr></thead>\n<tbody>\n",
          table->key == TM_KEY_LINENO ? "file:line" : "file");
  for (size_t i = 0; i < shown; i++)
    put_row(out, row(rows, i), table);
  if (shown == 0)
    fprintf(out, "<tr><td colspan=\"%d\">no blocks</td></tr>\n",
            table->diff ? 7 : 5);
  fputs("</tbody>\n</table>\n", out);
}
