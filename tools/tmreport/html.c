/*
 * tmreport html: one self-contained HTML page about a dump: its totals
 * (those of `tmreport info`), the biggest statistics by line and by file
 * (those of `tmreport top`), what was allocated since tracing started
 * (`tmreport top --allocated`), by size and by number of calls, the size
 * histograms of `tmreport sizes`, the flame graph and the timeline as inline
 * <svg> elements (those of `tmreport flamegraph` and `tmreport timeline`);
 * given two dumps, also what changed from the first to the second (the
 * statistics of `tmreport diff`), and the rest of the page is about the
 * second.  The style sheet and the scripts are in the page, and a
 * Content-Security-Policy keeps the browser from fetching anything.
 * Every table of statistics sorts by the column whose header is clicked
 * (html_table.c's script); the page is written in `top`'s order.
 *
 * The flame graph comes twice, by line and by function (hidden), each the
 * SVG of `tmreport flamegraph` (`--by-function`), differential given two
 * dumps; a button shows one or the other, another turns both upside down
 * (an icicle graph) in place, and under them a table of the biggest
 * tracebacks (those of `tmreport top --key traceback`) zooms the graph
 * shown on a row's frame when the row is clicked.  The merged graph is
 * written, not laid out again by a script, so that the merging stays in
 * one place (flamegraph.c) for the page and the SVG file alike: it costs
 * at most as many frames again as the graph by line (merging only removes
 * frames; for the deep tracebacks of docs/performance.md, 9 against
 * 7366), where a layout in JavaScript would save those bytes but repeat
 * the trie, its sort and its widths in a second language.  Turning the
 * graph over changes only each frame's row, which its own script does.
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
  allocated_stats *most_calls; /* the same, the most allocations first */
  size_histograms *sizes;      /* of the newest dump's biggest lines */
  tm_stats *by_traceback;      /* of the newest dump, for its table */
  /* The newest dump's flame graphs, by line and by function; compared
   * with the oldest for a diff. */
  flamegraph *graph, *by_function;
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
    "th button { font: inherit; color: inherit; background: none; "
    "border: 0; padding: 0; cursor: pointer; "
    "text-decoration: underline dotted; }\n"
    "th[aria-sort=descending]::after { content: \" \\25BE\"; }\n"
    "th[aria-sort=ascending]::after { content: \" \\25B4\"; }\n"
    ".histograms { display: flex; flex-wrap: wrap; gap: 0 2em; "
    "align-items: flex-start; }\n"
    "td.bar span { display: block; height: 0.8em; min-width: 1px; "
    "background: #4a78b0; }\n"
    ".note { color: #555; }\n"
    "svg { max-width: 100%; height: auto; display: block; }\n";

/* The flame graph's zoom and search need JavaScript: the page says so,
 * and when scripts run this replaces it by how to use them. */
static const char script[] =
    "document.getElementById('graph-help').textContent =\n"
    "    'Click a frame to zoom in, \"reset zoom\" to zoom out; \"search\" '\n"
    "    + 'highlights the frames whose function matches a regular '\n"
    "    + 'expression.';\n";

/* The flame graph's section: its buttons show whether they are on. */
static const char graph_style[] =
    "button[aria-pressed=\"true\"] { background: #ccc; }\n"
    "table.tracebacks pre { margin: 0; }\n";

/* The flame graph's controls, which work once the script runs: the
 * layout turns both graphs upside down (each graph's own script does it,
 * on an "invert" event), merging shows one graph or the other; a row of
 * the traceback table clicks its frame in the graph shown, which zooms
 * on it, and scrolls to it. */
static const char graph_script[] =
    "(function () {\n"
    "  var byLine = document.getElementById('graph-line'),\n"
    "      byFunction = document.getElementById('graph-function');\n"
    "  function toggle(button, act) {\n"
    "    button.addEventListener('click', function () {\n"
    "      var on = button.getAttribute('aria-pressed') != 'true';\n"
    "      button.setAttribute('aria-pressed', on);\n"
    "      act(on);\n"
    "    });\n"
    "  }\n"
    "  toggle(document.getElementById('graph-layout'), function () {\n"
    "    [byLine, byFunction].forEach(function (div) {\n"
    "      div.querySelector('svg').dispatchEvent(new Event('invert'));\n"
    "    });\n"
    "  });\n"
    "  toggle(document.getElementById('graph-merge'), function (on) {\n"
    "    byLine.hidden = on;\n"
    "    byFunction.hidden = !on;\n"
    "  });\n"
    "  document.querySelectorAll('#tracebacks tr[data-line]')\n"
    "      .forEach(function (row) {\n"
    "    row.style.cursor = 'pointer';\n"
    "    row.addEventListener('click', function () {\n"
    "      var frame = document.getElementById(byFunction.hidden ?\n"
    "          row.dataset.line : row.dataset.function);\n"
    "      if (!frame) return;\n"
    "      frame.dispatchEvent(new MouseEvent('click'));\n"
    "      frame.scrollIntoView({block: 'center'});\n"
    "    });\n"
    "  });\n"
    "  document.getElementById('graph-controls').hidden = false;\n"
    "  document.getElementById('tracebacks-help').hidden = false;\n"
    "})();\n";

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
  fprintf(out, "</title>\n<style>\n%s%s</style>\n</head>\n<body>\n<h1>", style,
          graph_style);
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

/* One table of statistics under its heading, and what it needs said. */
static void put_section(FILE *out, const char *heading, const char *note,
                        stat_rows rows, const stats_table *table) {
  fprintf(out, "<h2>%s</h2>\n", heading);
  if (note)
    fprintf(out, "<p class=\"note\" id=\"%s-note\">%s</p>\n", table->id,
            note);
  put_stats_table(out, rows, table);
}

/* The size histograms of the biggest lines, those of tmreport sizes. */
static void put_sizes(FILE *out, const report *r) {
  fprintf(out, "<h2>Block sizes, by line</h2>\n<p class=\"note\" "
               "id=\"sizes-note\">%s</p>\n",
          r->sizes->n ? "The live blocks of the biggest lines by the size "
                        "of each block, in bytes, in buckets that double; a "
                        "bar is as long as its bucket's blocks, against the "
                        "line's fullest bucket."
                      : "No blocks.");
  put_size_histograms(out, r->sizes);
}

/* The tables of statistics, then the size histograms. */
static void put_tables(FILE *out, const report *r,
                       const report_options *options) {
  unsigned long long total = r->info[r->ndump - 1].size;
  if (r->changes)
    put_section(out, "What changed, by line", NULL,
                (stat_rows){.stats = r->changes},
                &(stats_table){"changes", TM_KEY_LINENO, true, options->limit,
                               total, ORDER_OTHER});
  put_section(out, "By line", NULL, (stat_rows){.stats = r->by_line},
              &(stats_table){"by-line", TM_KEY_LINENO, false, options->limit,
                             total, ORDER_SIZE});
  put_section(out, "By file", NULL, (stat_rows){.stats = r->by_file},
              &(stats_table){"by-file", TM_KEY_FILENAME, false,
                             options->limit, total, ORDER_SIZE});
  /* Dumps before format version 4 hold none: no table rather than an
   * empty one that would say nothing was allocated. */
  if (r->allocated->n) {
    put_section(out, "Allocated since tracing started, by line",
                "Every allocation since tracing started, freed blocks too. "
                "Not alive: the allocations whose blocks were freed before "
                "the snapshot, or moved by realloc (which counts as an "
                "allocation at its own line); the dump does not say how long "
                "a block lived.",
                (stat_rows){.allocated = r->allocated},
                &(stats_table){"allocated", TM_KEY_LINENO, false,
                               options->limit, r->allocated->total,
                               ORDER_SIZE});
    put_section(out, "Most allocation calls, by line", NULL,
                (stat_rows){.allocated = r->most_calls},
                &(stats_table){"most-calls", TM_KEY_LINENO, false,
                               options->limit, r->most_calls->total,
                               ORDER_COUNT});
  }
  put_sizes(out, r);
}

/* The flame graph's own section: its controls, the graph by line and by
 * function (hidden), and the table of the biggest tracebacks. */
static bool put_flame_graphs(FILE *out, const report *r,
                             const report_options *options) {
  fputs("<h2>Flame graph</h2>\n<p class=\"note\" id=\"graph-help\">"
        "With JavaScript off, the flame graph cannot zoom or search.</p>\n"
        "<p id=\"graph-controls\" hidden>"
        "<button type=\"button\" id=\"graph-layout\" aria-pressed=\"false\">"
        "Icicle: roots at the top</button> "
        "<button type=\"button\" id=\"graph-merge\" aria-pressed=\"false\">"
        "Merge by function</button></p>\n<div id=\"graph-line\">\n",
        out);
  put_flamegraph(out, r->graph, &(flamegraph_view){.id = "line"});
  fputs("</div>\n<div id=\"graph-function\" hidden>\n", out);
  put_flamegraph(out, r->by_function, &(flamegraph_view){.id = "function"});
  fputs("</div>\n<h2>Biggest tracebacks</h2>\n"
        "<p class=\"note\" id=\"tracebacks-help\" hidden>Click a row to zoom "
        "the flame graph on the frame where its traceback ends.</p>\n",
        out);
  if (!put_traceback_table(out,
                           &(traceback_table){r->by_traceback, options->limit,
                                              r->graph, r->by_function}))
    return false;
  fprintf(out, "<script>\n%s</script>\n", graph_script);
  return true;
}

static void put_timeline_section(FILE *out, const report *r,
                                 const report_options *options) {
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

/* false when out of memory. */
static bool put_page(FILE *out, const report *r,
                     const report_options *options) {
  put_head(out, r, options->title);
  put_totals(out, r);
  put_selection(out, options);
  put_tables(out, r, options);
  if (!put_flame_graphs(out, r, options))
    return false;
  put_timeline_section(out, r, options);
  /* After every table it sorts, the tracebacks' too. */
  put_stats_table_script(out);
  fprintf(out, "<script>\n%s</script>\n</body>\n</html>\n", script);
  return true;
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
  if (!(r->allocated = allocated_statistics(r->kept[last], TM_KEY_LINENO)) ||
      !(r->most_calls = allocated_statistics(r->kept[last], TM_KEY_LINENO)))
    return false;
  allocated_sort_by_calls(r->most_calls);
  if (!(r->sizes = size_histograms_of(r->kept[last], path, options->limit)))
    return false;
  if (!(r->by_traceback = top_statistics(r->kept[last], path,
                                         TM_KEY_TRACEBACK, false)))
    return false;
  const tm_snapshot *old = r->ndump == 2 ? r->kept[0] : NULL;
  if (!(r->graph = build_flamegraph(r->kept[last], old, false)) ||
      !(r->by_function = build_flamegraph(r->kept[last], old, true))) {
    report_error("%s: cannot compute statistics: %s", path, strerror(errno));
    return false;
  }
  return true;
}

static void free_report(report *r) {
  free_flamegraph(r->by_function);
  free_flamegraph(r->graph);
  free_size_histograms(r->sizes);
  allocated_free(r->most_calls);
  tm_stats_free(r->by_traceback);
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
    bool written = put_page(out.stream, &r, options);
    if (close_output(&out, written))
      status = TMREPORT_EXIT_OK;
  }
  free_report(&r);
  return status;
}
