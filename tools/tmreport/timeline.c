/*
 * tmreport timeline: the traced memory of a dump over time
 * (tm_snapshot_timeline()) as one self-contained SVG line chart, no
 * script.  Memory is constant between two points, so `current` is drawn
 * as a step line; a dashed line marks the peak, with a dot where it was
 * first recorded, and a vertical line the moment of the snapshot (the
 * last point).  Only integer and floating-point arithmetic of the points:
 * the same dump gives the same file, byte for byte.  The same <svg>
 * element is a file of its own (tmreport timeline) or part of a page.
 */
#include <stdint.h>
#include <stdio.h>

#include "tmreport.h"

/* Layout, in SVG pixels. */
#define IMAGE_WIDTH 1200.0
#define IMAGE_HEIGHT 500.0
#define PLOT_LEFT 90.0
#define PLOT_RIGHT (IMAGE_WIDTH - 40.0)
#define PLOT_TOP 60.0
#define PLOT_BOTTOM (IMAGE_HEIGHT - 50.0)
#define FONT_SIZE 12.0
#define MAX_TICKS 8 /* at most this many intervals on an axis */

/* The smallest "round" step (1, 2 or 5 times a power of ten, times
 * `unit`) that cuts `span` into at most MAX_TICKS intervals. */
static double round_step(double span, double unit) {
  static const double mantissas[] = {1, 2, 5};
  double power = 1;
  /* Start low enough for sub-unit spans, then climb. */
  while (power * unit > span / MAX_TICKS && power > 1e-9)
    power /= 10;
  for (;;) {
    for (size_t i = 0; i < 3; i++) {
      double step = mantissas[i] * power * unit;
      if (span / step <= MAX_TICKS)
        return step;
    }
    power *= 10;
  }
}

/* How many decimals print a multiple of `step` (seconds) exactly enough. */
static int decimals(double step) {
  int n = 0;
  for (double s = step; s < 0.999999 && n < 9; s *= 10)
    n++;
  return n;
}

typedef struct chart {
  FILE *out;
  double tspan; /* seconds on the x axis */
  double ymax;  /* bytes on the y axis */
} chart;

static double x_of(const chart *c, uint64_t time_ns) {
  return PLOT_LEFT + (double)time_ns / 1e9 / c->tspan * (PLOT_RIGHT - PLOT_LEFT);
}

static double y_of(const chart *c, double bytes) {
  return PLOT_BOTTOM - bytes / c->ymax * (PLOT_BOTTOM - PLOT_TOP);
}

static void draw_axes(const chart *c, double tstep, double ystep) {
  FILE *out = c->out;
  fprintf(out,
          "<g class=\"axes\">\n"
          "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" "
          "fill=\"#fff\" stroke=\"#888\"/>\n",
          PLOT_LEFT, PLOT_TOP, PLOT_RIGHT - PLOT_LEFT, PLOT_BOTTOM - PLOT_TOP);
  int digits = decimals(tstep);
  for (long i = 0; i * tstep <= c->tspan * (1 + 1e-9); i++) {
    double x = PLOT_LEFT + i * tstep / c->tspan * (PLOT_RIGHT - PLOT_LEFT);
    fprintf(out,
            "<line x1=\"%.2f\" y1=\"%.0f\" x2=\"%.2f\" y2=\"%.0f\" "
            "stroke=\"#ddd\"/>\n"
            "<text x=\"%.2f\" y=\"%.0f\" text-anchor=\"middle\">%.*f s</text>\n",
            x, PLOT_TOP, x, PLOT_BOTTOM, x, PLOT_BOTTOM + 18, digits,
            i * tstep);
  }
  for (long i = 0; i * ystep <= c->ymax * (1 + 1e-9); i++) {
    double y = y_of(c, i * ystep);
    char label[32];
    tm_format_size((double)(size_t)(i * ystep + 0.5), false, label, sizeof label);
    fprintf(out,
            "<line x1=\"%.0f\" y1=\"%.2f\" x2=\"%.0f\" y2=\"%.2f\" "
            "stroke=\"#ddd\"/>\n"
            "<text x=\"%.0f\" y=\"%.2f\" text-anchor=\"end\">%s</text>\n",
            PLOT_LEFT, y, PLOT_RIGHT, y, PLOT_LEFT - 6, y + 4, label);
  }
  fprintf(out,
          "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\">"
          "time since tracing started</text>\n"
          "</g>\n",
          (PLOT_LEFT + PLOT_RIGHT) / 2, IMAGE_HEIGHT - 10);
}

void put_timeline(FILE *out, const tm_timeline_point *points, size_t n,
                  const char *title) {
  const tm_timeline_point *last = &points[n - 1];
  size_t top = last->peak;
  for (size_t i = 0; i < n; i++) /* tm_reset_peak() may have lowered it */
    if (points[i].current > top)
      top = points[i].current;
  /* Axis units: seconds; bytes in steps of the largest power of 1024 at
   * or below the top value (MiB for 4 MiB), labelled as Python does. */
  double yunit = 1;
  while ((double)top / yunit >= 1024 && yunit < 1099511627776.0)
    yunit *= 1024;
  chart c = {out, last->time_ns ? (double)last->time_ns / 1e9 : 1e-9,
             top ? (double)top : 1};
  double tstep = round_step(c.tspan, 1);
  double ystep = round_step(c.ymax, yunit);
  if (ystep < 1)
    ystep = 1;
  /* The y axis ends on a tick at or above the top. */
  long nystep = (long)(c.ymax / ystep);
  if (nystep * ystep < c.ymax)
    nystep++;
  c.ymax = nystep * ystep;

  put_svg_start(out, IMAGE_WIDTH, IMAGE_HEIGHT, FONT_SIZE, "",
                title ? title : "Traced memory over time");
  draw_axes(&c, tstep, ystep);

  /* The step line: each point's value holds until the next point. */
  fprintf(out, "<polyline class=\"current\" fill=\"none\" stroke=\"#1f77b4\" "
               "stroke-width=\"1.5\" points=\"");
  for (size_t i = 0; i < n; i++) {
    double y = y_of(&c, (double)points[i].current);
    if (i > 0)
      fprintf(out, " %.2f,%.2f", x_of(&c, points[i].time_ns),
              y_of(&c, (double)points[i - 1].current));
    fprintf(out, "%s%.2f,%.2f", i ? " " : "", x_of(&c, points[i].time_ns), y);
  }
  fprintf(out, "\"><title>current: %zu points</title></polyline>\n", n);

  /* The peak: the last point's, first recorded at the start of the run of
   * points that end with it (a tm_reset_peak() starts a new run). */
  size_t first = n - 1;
  while (first > 0 && points[first - 1].peak == last->peak)
    first--;
  char peak[32];
  tm_format_size((double)last->peak, false, peak, sizeof peak);
  double ypeak = y_of(&c, (double)last->peak);
  double xpeak = x_of(&c, points[first].time_ns);
  fprintf(out,
          "<g class=\"peak\">\n"
          "<line x1=\"%.0f\" y1=\"%.2f\" x2=\"%.0f\" y2=\"%.2f\" "
          "stroke=\"#d62728\" stroke-dasharray=\"6,4\"/>\n"
          "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"4\" fill=\"#d62728\">"
          "<title>peak %zu bytes, first recorded at %.3f s</title></circle>\n"
          "<text x=\"%.0f\" y=\"%.2f\" text-anchor=\"end\" style=\"fill: #d62728\">"
          "peak %s</text>\n"
          "</g>\n",
          PLOT_LEFT, ypeak, PLOT_RIGHT, ypeak, xpeak, ypeak, last->peak,
          (double)points[first].time_ns / 1e9, PLOT_RIGHT - 4, ypeak - 5,
          peak);

  char current[32];
  tm_format_size((double)last->current, false, current, sizeof current);
  double xsnap = x_of(&c, last->time_ns);
  fprintf(out,
          "<g class=\"snapshot\">\n"
          "<line x1=\"%.2f\" y1=\"%.0f\" x2=\"%.2f\" y2=\"%.0f\" "
          "stroke=\"#2ca02c\" stroke-dasharray=\"2,3\"/>\n"
          "<text x=\"%.2f\" y=\"%.0f\" text-anchor=\"end\" style=\"fill: #2ca02c\">"
          "snapshot<title>%.3f s: %s (%zu bytes) alive</title></text>\n"
          "</g>\n"
          "</svg>\n",
          xsnap, PLOT_TOP - 14, xsnap, PLOT_BOTTOM, xsnap, PLOT_TOP - 4,
          (double)last->time_ns / 1e9, current, last->current);
}

int run_timeline(const report_options *options) {
  const char *path = options->dumps[0];
  tm_snapshot *snapshot = load_filtered_snapshot(path, options);
  if (!snapshot)
    return TMREPORT_EXIT_ERROR;
  const tm_timeline_point *points;
  size_t n = tm_snapshot_timeline(snapshot, &points);
  int status = TMREPORT_EXIT_ERROR;
  output_file out;
  if (n == 0) {
    report_error(
        "%s: no timeline in this dump (written by an older tracemalloc)",
        path);
  } else if (open_svg_file(&out, options->output)) {
    put_timeline(out.stream, points, n, options->title);
    if (close_output(&out, true))
      status = TMREPORT_EXIT_OK;
  }
  tm_snapshot_free(snapshot);
  return status;
}
