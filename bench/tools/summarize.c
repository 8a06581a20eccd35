/*
 * summarize: turn the benchmark's raw measurements into ratio tables and a
 * bar chart.
 *
 *   summarize RESULTS.tsv API.tsv CHART.svg
 *
 * RESULTS.tsv has one line per run:
 *   workload  config  round  input  wall-seconds  cpu-seconds  peak-rss-KiB  resident-KiB
 * resident-KiB is what the program itself said it held at its fullest
 * (live-heap: VmRSS with every block alive, before any snapshot), or "-".
 * API.tsv has one line per run that printed the tracer's own figures:
 *   workload  config  round  blocks  take-snapshot-ms  statistics-ms  bytes-per-block
 *
 * Each configuration is compared with its reference run of the same round
 * (the harness interleaves the configurations, so a round's runs saw the
 * same machine): "massif" with "massif-base" (the baseline binary on
 * massif's smaller input), every other one with "baseline".  A cell is the
 * median of those per-round ratios and, in parentheses, their minimum and
 * maximum.  Writes the Markdown tables to standard output and the wall-time
 * ratios as an SVG bar chart (log scale, whiskers from minimum to maximum).
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NAMES 32
#define MAX_ROUNDS 1000

enum metric { WALL, CPU, RSS, METRICS };
static const char *const metric_title[METRICS] = {
    "Wall time", "CPU time (user + system, all processes)", "Peak RSS"};

struct run {
  char *workload, *config, *input;
  int round;
  double value[METRICS];
  double resident; /* KiB, or -1: the program did not say */
};

struct summary {
  int n;
  double median, min, max;
};

static struct run *runs;
static size_t nruns;

/* Workloads and configurations in the order the harness ran them. */
static const char *workloads[MAX_NAMES], *configs[MAX_NAMES];
static int nworkloads, nconfigs;

static void die(const char *message, const char *detail) {
  fprintf(stderr, "summarize: %s%s\n", message, detail ? detail : "");
  exit(1);
}

static void remember(const char **names, int *count, const char *name) {
  for (int i = 0; i < *count; i++)
    if (!strcmp(names[i], name))
      return;
  if (*count == MAX_NAMES)
    die("too many names: ", name);
  names[(*count)++] = name;
}

/* Splits a tab-separated line in place; returns the number of fields. */
static int split(char *line, char **fields, int max) {
  int n = 0;
  line[strcspn(line, "\n")] = '\0';
  for (char *field; n < max && (field = strsep(&line, "\t"));)
    fields[n++] = field;
  return n;
}

static void read_results(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    die("cannot read ", path);
  char *line = NULL;
  size_t capacity = 0, allocated = 0;
  while (getline(&line, &capacity, f) > 0) {
    char *field[8];
    if (split(line, field, 8) != 8)
      die("malformed line in ", path);
    if (nruns == allocated) {
      allocated = allocated ? 2 * allocated : 256;
      runs = realloc(runs, allocated * sizeof *runs);
      if (!runs)
        die("out of memory", NULL);
    }
    struct run *r = &runs[nruns++];
    r->workload = strdup(field[0]);
    r->config = strdup(field[1]);
    r->round = atoi(field[2]);
    r->input = strdup(field[3]);
    for (int m = 0; m < METRICS; m++)
      r->value[m] = atof(field[4 + m]);
    r->resident = strcmp(field[7], "-") ? atof(field[7]) : -1;
    remember(workloads, &nworkloads, r->workload);
    remember(configs, &nconfigs, r->config);
  }
  free(line);
  fclose(f);
}

static const struct run *find(const char *workload, const char *config, int round) {
  for (size_t i = 0; i < nruns; i++)
    if (runs[i].round == round && !strcmp(runs[i].workload, workload) &&
        !strcmp(runs[i].config, config))
      return &runs[i];
  return NULL;
}

static const char *reference_of(const char *config) {
  return strcmp(config, "massif") ? "baseline" : "massif-base";
}

/* The references are columns of their own (baseline) or none (massif-base). */
static int is_reference(const char *config) {
  return !strcmp(config, "baseline") || !strcmp(config, "massif-base");
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static struct summary summarize(double *values, int n) {
  struct summary s = {n, NAN, NAN, NAN};
  if (n == 0)
    return s;
  qsort(values, n, sizeof *values, compare_doubles);
  s.median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  s.min = values[0];
  s.max = values[n - 1];
  return s;
}

/* A configuration's per-round ratios to its reference. */
static struct summary ratio(const char *workload, const char *config, enum metric m) {
  static double ratios[MAX_ROUNDS];
  int n = 0;
  for (size_t i = 0; i < nruns && n < MAX_ROUNDS; i++) {
    const struct run *r = &runs[i];
    if (strcmp(r->workload, workload) || strcmp(r->config, config))
      continue;
    const struct run *ref = find(workload, reference_of(config), r->round);
    if (ref && ref->value[m] > 0)
      ratios[n++] = r->value[m] / ref->value[m];
  }
  return summarize(ratios, n);
}

static struct summary absolute(const char *workload, const char *config, enum metric m) {
  static double values[MAX_ROUNDS];
  int n = 0;
  for (size_t i = 0; i < nruns && n < MAX_ROUNDS; i++)
    if (!strcmp(runs[i].workload, workload) && !strcmp(runs[i].config, config))
      values[n++] = runs[i].value[m];
  return summarize(values, n);
}

static void print_tables(void) {
  for (int m = 0; m < METRICS; m++) {
    printf("### %s\n\n| workload | baseline |", metric_title[m]);
    for (int c = 0; c < nconfigs; c++)
      if (!is_reference(configs[c]))
        printf(" %s |", configs[c]);
    printf("\n| --- | ---: |");
    for (int c = 0; c < nconfigs; c++)
      if (!is_reference(configs[c]))
        printf(" ---: |");
    printf("\n");
    for (int w = 0; w < nworkloads; w++) {
      struct summary base = absolute(workloads[w], "baseline", m);
      if (m == RSS)
        printf("| %s | %.1f MiB |", workloads[w], base.median / 1024);
      else
        printf("| %s | %.3f s |", workloads[w], base.median);
      for (int c = 0; c < nconfigs; c++) {
        if (is_reference(configs[c]))
          continue;
        struct summary s = ratio(workloads[w], configs[c], m);
        if (s.n == 0)
          printf(" — |");
        else if (s.n == 1)
          printf(" %.2f× |", s.median);
        else
          printf(" %.2f× (%.2f–%.2f) |", s.median, s.min, s.max);
      }
      printf("\n");
    }
    printf("\n");
  }
}

/* The tracer's own figures, per workload and configuration: those the
 * program printed, and its resident size with every block alive beyond
 * the baseline's of the same round, per live block. */
static void print_api_table(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    die("cannot read ", path);
  enum { SNAPSHOT, STATISTICS, BYTES, EXTRA_RSS, FIGURES };
  static double figure[MAX_NAMES][FIGURES][MAX_ROUNDS];
  static const char *workload[MAX_NAMES], *config[MAX_NAMES];
  static char blocks[MAX_NAMES][32];
  int count[MAX_NAMES] = {0}, rss_count[MAX_NAMES] = {0}, nrows = 0;
  char *line = NULL;
  size_t capacity = 0;
  while (getline(&line, &capacity, f) > 0) {
    char *field[7];
    if (split(line, field, 7) != 7)
      die("malformed line in ", path);
    int c = 0;
    while (c < nrows && (strcmp(workload[c], field[0]) || strcmp(config[c], field[1])))
      c++;
    if (c == nrows) {
      if (nrows == MAX_NAMES)
        die("too many workloads and configurations in ", path);
      workload[nrows] = strdup(field[0]);
      config[nrows++] = strdup(field[1]);
      snprintf(blocks[c], sizeof blocks[c], "%s", field[3]);
    }
    if (count[c] == MAX_ROUNDS)
      continue;
    for (int k = SNAPSHOT; k <= BYTES; k++)
      figure[c][k][count[c]] = atof(field[4 + k]);
    count[c]++;
    int round = atoi(field[2]);
    const struct run *traced = find(field[0], field[1], round);
    const struct run *base = find(field[0], "baseline", round);
    if (traced && base && traced->resident >= 0 && base->resident >= 0)
      figure[c][EXTRA_RSS][rss_count[c]++] =
          (traced->resident - base->resident) * 1024 / atof(field[3]);
  }
  free(line);
  fclose(f);
  if (nrows == 0)
    return;
  printf("### The tracer's own figures\n\n"
         "| workload | config | live blocks | take_snapshot | statistics by line "
         "| runtime memory per live block | extra RSS per live block |\n"
         "| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
  for (int c = 0; c < nrows; c++) {
    struct summary s[FIGURES];
    for (int k = SNAPSHOT; k <= BYTES; k++)
      s[k] = summarize(figure[c][k], count[c]);
    s[EXTRA_RSS] = summarize(figure[c][EXTRA_RSS], rss_count[c]);
    printf("| %s | %s | %s | %.1f ms (%.1f–%.1f) | %.1f ms (%.1f–%.1f) | %.1f B |",
           workload[c], config[c], blocks[c], s[SNAPSHOT].median, s[SNAPSHOT].min,
           s[SNAPSHOT].max, s[STATISTICS].median, s[STATISTICS].min, s[STATISTICS].max,
           s[BYTES].median);
    if (s[EXTRA_RSS].n)
      printf(" %.1f B (%.1f–%.1f) |\n", s[EXTRA_RSS].median, s[EXTRA_RSS].min,
             s[EXTRA_RSS].max);
    else
      printf(" — |\n");
  }
  printf("\n");
}

/* ---- the chart ---- */

static const char *const palette[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2",
                                      "#59a14f", "#edc948", "#b07aa1", "#ff9da7"};

enum { BAR = 14, GROUP_GAP = 24, LEFT = 60, TOP = 50, PLOT_HEIGHT = 320, BOTTOM = 40 };

static double log_lo, log_hi; /* the y axis, in log10 of the ratio */

static double y_of(double ratio) {
  return TOP + PLOT_HEIGHT * (log_hi - log10(ratio)) / (log_hi - log_lo);
}

static void write_chart(const char *path) {
  const char *bars[MAX_NAMES];
  int nbars = 0;
  double top = 2, bottom = 0.8;
  for (int c = 0; c < nconfigs; c++)
    if (!is_reference(configs[c]))
      bars[nbars++] = configs[c];
  for (int w = 0; w < nworkloads; w++)
    for (int b = 0; b < nbars; b++) {
      struct summary s = ratio(workloads[w], bars[b], WALL);
      if (s.n) {
        top = fmax(top, s.max);
        bottom = fmin(bottom, s.min * 0.9);
      }
    }
  log_lo = log10(bottom);
  log_hi = log10(top * 1.3);

  FILE *f = fopen(path, "w");
  if (!f)
    die("cannot write ", path);
  int group = nbars * BAR + GROUP_GAP;
  int width = LEFT + nworkloads * group + 20, height = TOP + PLOT_HEIGHT + BOTTOM;
  fprintf(f,
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
          "font-family=\"sans-serif\" font-size=\"11\">\n"
          "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
          "<text x=\"%d\" y=\"16\" font-size=\"13\">Wall time, ratio to baseline "
          "(median of rounds; whiskers: min–max; log scale)</text>\n",
          width, height, LEFT);
  for (int b = 0; b < nbars; b++)
    fprintf(f,
            "<rect x=\"%d\" y=\"26\" width=\"10\" height=\"10\" fill=\"%s\"/>"
            "<text x=\"%d\" y=\"35\">%s</text>\n",
            LEFT + b * 90, palette[b % 8], LEFT + b * 90 + 14, bars[b]);
  static const double ticks[] = {0.1, 0.25, 0.5, 1,  1.25, 1.5, 2,   3,
                                  5,   10,   20,  50, 100,  200, 500, 1000};
  double last_tick_y = INFINITY;
  for (size_t t = 0; t < sizeof ticks / sizeof *ticks; t++) {
    if (log10(ticks[t]) < log_lo)
      continue;
    if (log10(ticks[t]) > log_hi)
      break;
    double y = y_of(ticks[t]);
    if (last_tick_y - y < 14 && ticks[t] != 1) /* too close to the last label */
      continue;
    last_tick_y = y;
    fprintf(f,
            "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
            "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%g×</text>\n",
            LEFT, width - 20, y, y, ticks[t] == 1 ? "black" : "#ddd", LEFT - 4, y + 4,
            ticks[t]);
  }
  for (int w = 0; w < nworkloads; w++) {
    int x0 = LEFT + w * group + GROUP_GAP / 2;
    for (int b = 0; b < nbars; b++) {
      struct summary s = ratio(workloads[w], bars[b], WALL);
      if (s.n == 0)
        continue;
      double x = x0 + b * BAR, y = y_of(s.median), base = y_of(1);
      fprintf(f,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
              "<title>%s %s: %.2f× (%.2f–%.2f)</title></rect>\n",
              x, fmin(y, base), BAR - 2, fabs(base - y), palette[b % 8], workloads[w],
              bars[b], s.median, s.min, s.max);
      fprintf(f,
              "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n",
              x + (BAR - 2) / 2.0, x + (BAR - 2) / 2.0, y_of(s.min), y_of(s.max));
      fprintf(f,
              "<text transform=\"translate(%.1f,%.1f) rotate(-90)\" font-size=\"9\">"
              "%.2f</text>\n",
              x + BAR - 3, fmin(y_of(s.max), base) - 3, s.median);
    }
    fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
            x0 + nbars * BAR / 2, TOP + PLOT_HEIGHT + 18, workloads[w]);
  }
  fprintf(f, "</svg>\n");
  if (fclose(f))
    die("cannot write ", path);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: summarize RESULTS.tsv API.tsv CHART.svg\n");
    return 2;
  }
  read_results(argv[1]);
  if (nruns == 0)
    die("no runs in ", argv[1]);
  print_tables();
  print_api_table(argv[2]);
  write_chart(argv[3]);
  return 0;
}
