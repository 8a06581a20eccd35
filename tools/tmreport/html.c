/*
 * tmreport html: one self-contained HTML page about a dump: its totals
 * (those of `tmreport info`), the biggest statistics by line and by file
 * (those of `tmreport top`), the flame graph and the timeline as inline
 * <svg> elements (those of `tmreport flamegraph` and `tmreport timeline`);
 * given two dumps, also what changed from the first to the second (the
 * statistics of `tmreport diff`), and the rest of the page is about the
 * second.  The style sheet and the scripts are in the page, and a
 * Content-Security-Policy keeps the browser from fetching anything.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tmreport.h"

/* What the page shows, computed before a byte of it is written. */
typedef struct report {
  size_t ndump;               /* 1, or 2 for a diff: old, then new */
  const char *paths[2];
  tm_snapshot *loaded[2];     /* as in the file: the timeline is of these */
  tm_snapshot *kept[2];       /* the blocks the filters keep */
  dump_info info[2];
  tm_stats *by_line, *by_file; /* of the newest dump */
  tm_stats *changes;           /* new against old, by line; NULL for one */
  allocated_stats *allocated;  /* since tracing started, by line, newest */
  flamegraph *graph;
} report;

static const char style[] =
    "body { font-family: sans-serif; margin: 1em 2em; color: #222; "
    "background: #fff; }\n"
    "h1 { font-size: 1.5em; }\n"
    "h2 { font-size: 1.2em; margin-top: 1.5em; }\n"
    "table { border-collapse: collapse; margin: 0.5em 0; }\n"
    "caption { text-align: left; color: #555; padding: 0.3em 0; }\n"
    "th, td { padding: 0.15em 0.6em; border-bottom: 1px solid #ddd; }\n"
    "th { background: #f0f0f0; text-align: left; }\n"
    ".n { text-align: right; white-space: nowrap; "
    "font-variant-numeric: tabular-nums; }\n"
    "td.up { color: #b00; }\n"
    "td.down { color: #070; }\n"
    "td.where, table.totals td { font-family: monospace; }\n"
    ".note { color: #555; }\n"
    "svg { max-width: 100%; height: auto; display: block; }\n";

/* The flame graph's zoom and search need JavaScript: the page says so,
 * and when scripts run this replaces it by how to use them. */
static const char script[] =
    "document.getElementById('graph-help').textContent =\n"
    "    'Click a frame to zoom in, \"reset zoom\" to zoom out; \"search\" '\n"
    "    + 'highlights the frames whose function matches a regular '\n"
    "    + 'expression.';\n";

/* --title, else what the page is about: "Live memory of NEW", or "Live
 * memory of NEW compared with OLD". */
static void put_title(FILE *out, const report *r, const char *title) {
  if (title) {
    put_escaped(out, title, SIZE_MAX);
    return;
  }
  fputs("Live memory of ", out);
  put_escaped(out, r->paths[r->ndump - 1], SIZE_MAX);
  if (r->ndump == 2) {
    fputs(" compared with ", out);
    put_escaped(out, r->paths[0], SIZE_MAX);
  }
}

static void put_head(FILE *out, const report *r, const char *title) {
  fprintf(out,
          "<!DOCTYPE html>\n"
          "<html lang=\"en\">\n"
          "<head>\n"
          "<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" "
          "content=\"default-src 'none'; style-src 'unsafe-inline'; "
          "script-src 'unsafe-inline'\">\n"
          "<meta name=\"generator\" content=\"tmreport (tracemalloc for C) "
          "%s\">\n"
          "<title>",
          TM_VERSION);
  put_title(out, r, title);
  fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", style);
  put_title(out, r, title);
  fputs("</h1>\n", out);
}

/* `tmreport info` of each dump, a column each. */
static void put_totals(FILE *out, const report *r) {
  fputs("<h2>Totals</h2>\n<table class=\"totals\" id=\"totals\">\n"
        "<tr><th>file</th>",
        out);
  for (size_t d = 0; d < r->ndump; d++) {
    fputs("<td>", out);
    put_escaped(out, r->paths[d], SIZE_MAX);
    fputs("</td>", out);
  }
  fputs("</tr>\n", out);
  info_field fields[2][DUMP_INFO_NFIELD];
  for (size_t d = 0; d < r->ndump; d++)
    dump_info_fields(&r->info[d], fields[d]);
  for (size_t i = 0; i < DUMP_INFO_NFIELD; i++) {
    fprintf(out, "<tr><th>%s</th>", fields[0][i].label);
    for (size_t d = 0; d < r->ndump; d++) {
      fputs("<td>", out); /* the program's path may hold any character */
      put_escaped(out, fields[d][i].value, SIZE_MAX);
      fputs("</td>", out);
    }
    fputs("</tr>\n", out);
  }
  fputs("</table>\n", out);
}

/* The options that changed what the totals and the tables count, as they
 * were typed. */
static void put_selection(FILE *out, const report_options *options) {
  if (options->ndomain || options->nfilter) {
    fputs("<p class=\"note\" id=\"filters\">Only the blocks that", out);
    for (size_t i = 0; i < options->ndomain; i++)
      fprintf(out, " --domain %lld", options->domains[i].domain);
    for (size_t i = 0; i < options->nfilter; i++) {
      fprintf(out, " --%s ",
              options->filters[i].inclusive ? "include" : "exclude");
      put_escaped(out, options->filters[i].filename_pattern, SIZE_MAX);
    }
    fputs(" keep.</p>\n", out);
  }
  if (options->cumulative)
    fputs("<p class=\"note\" id=\"cumulative\">--cumulative: a block counts "
          "for every frame of its traceback.</p>\n",
          out);
}

/* One table of statistics under its heading. */
static void put_section(FILE *out, const char *heading, stat_rows rows,
                        const stats_table *table) {
  fprintf(out, "<h2>%s</h2>\n", heading);
  put_stats_table(out, rows, table);
}

static void put_tables(FILE *out, const report *r,
                       const report_options *options) {
  unsigned long long total = r->info[r->ndump - 1].size;
  if (r->changes)
    put_section(out, "What changed, by line", (stat_rows){.stats = r->changes},
                &(stats_table){"changes", TM_KEY_LINENO, true, options->limit,
                               total});
  put_section(out, "By line", (stat_rows){.stats = r->by_line},
              &(stats_table){"by-line", TM_KEY_LINENO, false, options->limit,
                             total});
  put_section(out, "By file", (stat_rows){.stats = r->by_file},
              &(stats_table){"by-file", TM_KEY_FILENAME, false,
                             options->limit, total});
  /* Dumps before format version 4 hold none: no table rather than an
   * empty one that would say nothing was allocated. */
  if (r->allocated->n)
    put_section(out, "Allocated since tracing started, by line",
                (stat_rows){.allocated = r->allocated},
                &(stats_table){"allocated", TM_KEY_LINENO, false,
                               options->limit, r->allocated->total});
}

static void put_graphs(FILE *out, const report *r,
                       const report_options *options) {
  fputs("<h2>Flame graph</h2>\n<p class=\"note\" id=\"graph-help\">"
        "With JavaScript off, the flame graph cannot zoom or search.</p>\n",
        out);
  put_flamegraph(out, r->graph, &(flamegraph_view){.id = "line"});
  fputs("<h2>Memory over time</h2>\n", out);
  const tm_timeline_point *points;
  size_t n = tm_snapshot_timeline(r->loaded[r->ndump - 1], &points);
  if (n == 0) {
    fputs("<p class=\"note\" id=\"timeline-note\">No timeline in this dump "
          "(written by an older tracemalloc).</p>\n",
          out);
    return;
  }
  if (options->ndomain || options->nfilter)
    fputs("<p class=\"note\" id=\"timeline-note\">All the traced memory of "
          "the program: the filters do not apply to the timeline.</p>\n",
          out);
  put_timeline(out, points, n, NULL);
}

static void put_page(FILE *out, const report *r,
                     const report_options *options) {
  put_head(out, r, options->title);
  put_totals(out, r);
  put_selection(out, options);
  put_tables(out, r, options);
  put_graphs(out, r, options);
  fprintf(out, "<script>\n%s</script>\n</body>\n</html>\n", script);
}

/* Fills *r from the dumps; false after reporting the error. */
static bool build_report(report *r, const report_options *options) {
  r->ndump = options->ndump;
  for (size_t d = 0; d < r->ndump; d++) {
    const char *path = r->paths[d] = options->dumps[d];
    if (!(r->loaded[d] = load_snapshot(path)) ||
        !(r->kept[d] = filter_snapshot(r->loaded[d], options, path)) ||
        !read_dump_info(path, r->kept[d], &r->info[d]))
      return false;
  }
  size_t last = r->ndump - 1;
  const char *path = r->paths[last];
  if (!(r->by_line = top_statistics(r->kept[last], path, TM_KEY_LINENO,
                                    options->cumulative)) ||
      !(r->by_file = top_statistics(r->kept[last], path, TM_KEY_FILENAME,
                                    options->cumulative)))
    return false;
  if (r->ndump == 2 &&
      !(r->changes = diff_statistics(r->kept[0], r->paths[0], r->kept[1],
                                     path, TM_KEY_LINENO,
                                     options->cumulative)))
    return false;
  if (!(r->allocated = allocated_statistics(r->kept[last], TM_KEY_LINENO)))
    return false;
  if (!(r->graph = build_flamegraph(r->kept[last], NULL, false))) {
    report_error("%s: cannot compute statistics: %s", path, strerror(errno));
    return false;
  }
  return true;
}

static void free_report(report *r) {
  free_flamegraph(r->graph);
  allocated_free(r->allocated);
  tm_stats_free(r->changes);
  tm_stats_free(r->by_file);
  tm_stats_free(r->by_line);
  for (size_t d = 0; d < 2; d++) {
    tm_snapshot_free(r->kept[d]);
    tm_snapshot_free(r->loaded[d]);
  }
}

int run_html(const report_options *options) {
  report r = {0};
  int status = TMREPORT_EXIT_ERROR;
  output_file out;
  if (build_report(&r, options) && open_output(&out, options->output)) {
    put_page(out.stream, &r, options);
    if (close_output(&out, true))
      status = TMREPORT_EXIT_OK;
  }
  free_report(&r);
  return status;
}
