/*
 * Statistics as an HTML table, for tmreport html: the statistics that
 * `tmreport top` and `tmreport diff` print, one row each, a cell per
 * number.  Sizes are written as Python's tracemalloc writes them
 * (tm_format_size(), as in the text), with the exact bytes in a tooltip
 * where there are exact bytes (not for averages).  Every number's cell
 * holds its exact value in data-value, which the page's script sorts by
 * when a header is clicked: the text is rounded.  So does the table of
 * tracebacks (html_tracebacks.c), a table of statistics too.
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
  fprintf(out,
          "<td class=\"n%s\" data-value=\"%lld\" title=\"%s%lld bytes\">%s"
          "</td>",
          sign ? direction(bytes) : "", bytes, sign && bytes > 0 ? "+" : "",
          bytes, text);
}

/* A count, or with `sign` a change of one, exact already. */
static void put_count_cell(FILE *out, long long count, bool sign) {
  fprintf(out, sign ? "<td class=\"n%s\" data-value=\"%lld\">%+lld</td>"
                    : "<td class=\"n%s\" data-value=\"%lld\">%lld</td>",
          sign ? direction(count) : "", count, count);
}

void put_statistic_key(FILE *out, const tm_traceback *traceback,
                       tm_key key) {
  if (traceback->nframe == 0) {
    put_escaped(out, "<empty traceback>", SIZE_MAX);
  } else {
    /* The text reports' key is the first frame of the traceback. */
    const tm_frame *frame = &traceback->frames[0];
    put_escaped(out, frame->filename, SIZE_MAX);
    if (key == TM_KEY_LINENO)
      fprintf(out, ":%u", frame->lineno);
  }
}

static void put_location_cell(FILE *out, const tm_traceback *traceback,
                              tm_key key) {
  fputs("<td class=\"where\">", out);
  put_statistic_key(out, traceback, key);
  fputs("</td>", out);
}

static size_t row_count(stat_rows rows) {
  return rows.stats ? tm_stats_count(rows.stats) : rows.allocated->n;
}

static const tm_stat *row(stat_rows rows, size_t i) {
  return rows.stats ? tm_stats_get(rows.stats, i)
                    : allocated_get(rows.allocated, i);
}

/* The allocations of a line whose blocks are not alive: its count of
 * allocations less its live blocks.  A dump whose program lacked the
 * memory to count some allocations may have fewer than blocks: then the
 * cell is empty, not a guess. */
static void put_not_alive_cell(FILE *out, const tm_stat *stat, size_t live) {
  if (live > stat->count)
    fprintf(out, "<td class=\"n\" title=\"%zu blocks alive, more than the "
                 "allocations counted\"></td>",
            live);
  else
    put_count_cell(out, (long long)(stat->count - live), false);
}

static void put_row(FILE *out, stat_rows rows, size_t i,
                    const stats_table *table) {
  const tm_stat *stat = row(rows, i);
  fputs("<tr>", out);
  put_size_cell(out, (long long)stat->size, false);
  if (table->diff)
    put_size_cell(out, stat->size_diff, true);
  /* The share orders as the size, which is exact. */
  fprintf(out, "<td class=\"n\" data-value=\"%zu\">%.1f%%</td>", stat->size,
          table->total ? 100.0 * (double)stat->size / (double)table->total
                       : 0.0);
  put_count_cell(out, (long long)stat->count, false);
  if (table->diff)
    put_count_cell(out, stat->count_diff, true);
  /* Python's text leaves the average out of a statistic without blocks;
   * so does its value, which sorts it below every average. */
  if (stat->count) {
    double average = (double)stat->size / (double)stat->count;
    char text[32];
    tm_format_size(average, false, text, sizeof text);
    fprintf(out, "<td class=\"n\" data-value=\"%.17g\">%s</td>", average,
            text);
  } else {
    fputs("<td class=\"n\"></td>", out);
  }
  if (rows.allocated)
    put_not_alive_cell(out, stat, allocated_live(rows.allocated, i));
  put_location_cell(out, stat->traceback, table->key);
  fputs("</tr>\n", out);
}

/* A column's header; the column the rows come sorted by says so. */
static void put_header(FILE *out, const char *label, bool number,
                       bool sorted) {
  fprintf(out, "<th%s%s>%s</th>", number ? " class=\"n\"" : "",
          sorted ? " aria-sort=\"descending\"" : "", label);
}

void put_stats_table(FILE *out, stat_rows rows, const stats_table *table) {
  const char *keys = table->key == TM_KEY_LINENO ? "lines" : "files";
  size_t n = row_count(rows);
  size_t shown = table->limit && table->limit < n ? table->limit : n;
  fprintf(out,
          "<table class=\"stats\" id=\"%s\">\n"
          "<caption>%zu of %zu %s</caption>\n"
          "<thead><tr>",
          table->id, shown, n, keys);
  put_header(out, "size", true, table->order == ORDER_SIZE);
  if (table->diff)
    put_header(out, "change", true, false);
  put_header(out, "% of total", true, false);
  put_header(out, "count", true, table->order == ORDER_COUNT);
  if (table->diff)
    put_header(out, "change", true, false);
  put_header(out, "average", true, false);
  if (rows.allocated)
    put_header(out, "not alive", true, false);
  put_header(out, table->key == TM_KEY_LINENO ? "file:line" : "file", false,
             false);
  fputs("</tr></thead>\n<tbody>\n", out);
  for (size_t i = 0; i < shown; i++)
    put_row(out, rows, i, table);
  if (shown == 0)
    fprintf(out, "<tr><td colspan=\"%d\">no blocks</td></tr>\n",
            table->diff ? 7 : rows.allocated ? 6 : 5);
  fputs("</tbody>\n</table>\n", out);
}

/*
 * A header becomes a button (only when the script runs: without it the
 * page keeps the order it was written in, which its aria-sort tells).
 * A click sorts the rows by that column, numbers biggest first and names
 * in order; another click on the same column, the other way.  Numbers by
 * their exact data-value, names as a reader orders them ("file2" before
 * "file10"); rows that tie keep the order tmreport wrote them in.
 */
static const char sort_script[] =
    "(function () {\n"
    "  var names = new Intl.Collator(undefined, {numeric: true});\n"
    "  function value(row, column, number) {\n"
    "    var cell = row.cells[column];\n"
    "    if (!number)\n"
    "      return cell ? cell.textContent : '';\n"
    "    return cell && cell.hasAttribute('data-value')\n"
    "        ? Number(cell.getAttribute('data-value')) : -Infinity;\n"
    "  }\n"
    "  document.querySelectorAll('table.stats').forEach(function (table) {\n"
    "    var body = table.tBodies[0];\n"
    "    var written = Array.prototype.slice.call(body.rows);\n"
    "    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);\n"
    "    headers.forEach(function (th, column) {\n"
    "      var number = th.classList.contains('n');\n"
    "      var button = document.createElement('button');\n"
    "      button.type = 'button';\n"
    "      while (th.firstChild)\n"
    "        button.appendChild(th.firstChild);\n"
    "      th.appendChild(button);\n"
    "      button.addEventListener('click', function () {\n"
    "        var now = th.getAttribute('aria-sort');\n"
    "        var descending = now ? now == 'ascending' : number;\n"
    "        var values = written.map(function (row) {\n"
    "          return value(row, column, number);\n"
    "        });\n"
    "        var order = written.map(function (row, i) { return i; });\n"
    "        order.sort(function (a, b) {\n"
    "          var x = values[a], y = values[b];\n"
    "          var c = number ? (x < y ? -1 : x > y ? 1 : 0)\n"
    "                         : names.compare(x, y);\n"
    "          return (descending ? -c : c) || a - b;\n"
    "        });\n"
    "        headers.forEach(function (h) { h.removeAttribute('aria-sort'); });\n"
    "        th.setAttribute('aria-sort', descending ? 'descending'\n"
    "                                                : 'ascending');\n"
    "        order.forEach(function (i) { body.appendChild(written[i]); });\n"
    "      });\n"
    "    });\n"
    "  });\n"
    "})();\n";

void put_stats_table_script(FILE *out) {
  fprintf(out, "<script>\n%s</script>\n", sort_script);
}
