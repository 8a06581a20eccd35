/*
 * tmreport: reports on snapshot dumps, printed by the C API's formatters.
 * What the sub-commands share: their options, loading a dump, printing
 * statistics, and the one way to fail.
 */
#ifndef TMREPORT_H
#define TMREPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stddef.h>
#include <tracemalloc.h>

#include "pprof/id_table.h"
#include "pprof/utf8.h"

/* Exit statuses: 2 for every error, as diff(1) and grep(1) do. */
#define TMREPORT_EXIT_OK 0
#define TMREPORT_EXIT_ERROR 2

/* The sub-commands as bits, so an option can list the ones that take it. */
enum {
  COMMAND_TOP = 1 << 0,
  COMMAND_DIFF = 1 << 1,
  COMMAND_INFO = 1 << 2,
  COMMAND_FOLDED = 1 << 3,
  COMMAND_FLAMEGRAPH = 1 << 4,
  COMMAND_PPROF = 1 << 5,
  COMMAND_TIMELINE = 1 << 6,
  COMMAND_HTML = 1 << 7,
  COMMAND_SPEEDSCOPE = 1 << 8,
  COMMAND_SIZES = 1 << 9,
};

/* The command line of one sub-command, once parsed. */
typedef struct report_options {
  size_t limit;        /* -n: statistics to print; 0 prints them all */
  tm_key key;          /* --key */
  bool cumulative;     /* --cumulative */
  bool json;           /* --json: top and diff print JSON, not text */
  bool bytes;          /* --bytes: sizes exact, in bytes */
  bool allocated;      /* --allocated: top counts every allocation since
                          tracing started, not the live blocks */
  bool count_blocks;   /* --count: weigh stacks by blocks, not bytes */
  bool inverted;       /* --inverted: flamegraph's roots at the top */
  bool by_function;    /* --by-function: flamegraph's frames merged by
                          function, whatever their lines */
  bool help;           /* --help: print the help, do nothing else */
  tm_filter *filters;  /* --include and --exclude, in command-line order */
  size_t nfilter;
  const char *output;  /* -o: the file flamegraph, pprof, timeline or
                          html writes */
  const char *title;   /* --title: the heading of flamegraph, timeline
                          or html, or NULL */
  tm_filter *domains;  /* --domain, as inclusive domain filters */
  size_t ndomain;
  const char *dumps[2]; /* the operands: dump files */
  size_t ndump;
} report_options;

typedef struct command {
  const char *name;
  unsigned bit;          /* COMMAND_* */
  const char *operands;  /* for the usage line: "DUMP", "OLD NEW" */
  size_t min_dump;       /* how many dump operands it takes: at least */
  size_t max_dump;       /* and at most */
  const char *summary;   /* what it prints, for the help texts */
  int (*run)(const report_options *options);
} command;

/* The sub-commands, one file each. */
int run_top(const report_options *options);
int run_diff(const report_options *options);
int run_info(const report_options *options);
int run_folded(const report_options *options);
int run_flamegraph(const report_options *options);
int run_pprof(const report_options *options);
int run_timeline(const report_options *options);
int run_html(const report_options *options);
int run_speedscope(const report_options *options);
int run_sizes(const report_options *options);

/* top.c: the statistics `tmreport top` prints, Snapshot.statistics() of
 * `snapshot` (loaded from `path`); NULL after reporting the error. */
tm_stats *top_statistics(const tm_snapshot *snapshot, const char *path,
                         tm_key key, bool cumulative);
/* diff.c: the statistics `tmreport diff` prints, Snapshot.compare_to() of
 * `now` against `old`; NULL after reporting the error. */
tm_stats *diff_statistics(const tm_snapshot *old, const char *old_path,
                          const tm_snapshot *now, const char *new_path,
                          tm_key key, bool cumulative);

/* options.c: fills *options from argv (the words after the sub-command);
 * false after reporting an error. */
bool parse_options(const command *cmd, int argc, char **argv,
                   report_options *options);
void free_options(report_options *options);
/* The help of one sub-command, generated from the option list. */
void print_command_help(const command *cmd);

/* diag.c: prints "tmreport: error: ..." as one line on stderr and returns
 * TMREPORT_EXIT_ERROR. */
int report_error(const char *format, ...)
    __attribute__((format(printf, 1, 2)));
/* diag.c: prints "tmreport: note: ..." as one line on stderr. */
void report_note(const char *format, ...) __attribute__((format(printf, 1, 2)));

/* input.c: the dump at `path`, or NULL after reporting the error. */
tm_snapshot *load_snapshot(const char *path);
/* input.c: a copy of `snapshot`, loaded from `path`, with the blocks that
 * the options' filters keep, or NULL after reporting the error.  The
 * timeline stays the whole program's: read it from `snapshot`. */
tm_snapshot *filter_snapshot(const tm_snapshot *snapshot,
                             const report_options *options, const char *path);
/* input.c: the dump at `path` with the options' filters applied, or NULL
 * after reporting the error. */
tm_snapshot *load_filtered_snapshot(const char *path,
                                    const report_options *options);

/* info.c: what `tmreport info` tells about a dump or a live file (its
 * file's format and version), whose it is and the blocks of `snapshot`,
 * loaded from it. */
typedef struct dump_info {
  uint32_t format_version;
  bool live;               /* a live file's version, not a dump's */
  char program[4096];      /* "" when the dump does not say */
  uint64_t pid, time_ns, start_ns; /* as tm_process's; 0 when unknown */
  int traceback_limit;
  size_t blocks;
  unsigned long long size; /* bytes */
  size_t tracebacks;       /* distinct */
  size_t sites;            /* distinct most recent frames */
  bool has_allocated;      /* it counts its allocations (a dump since
                              version 4, a live file) */
  unsigned long long allocations, allocated; /* since tracing started */
} dump_info;
/* false after reporting the error. */
bool read_dump_info(const char *path, const tm_snapshot *snapshot,
                    dump_info *info);
/* The lines of `tmreport info` after the file's name, as text, for every
 * report that shows them. */
#define DUMP_INFO_NFIELD 12
typedef struct info_field {
  const char *label; /* "size" */
  char value[4096];  /* "4096 B"; the program's path is the longest */
} info_field;
void dump_info_fields(const dump_info *info,
                      info_field fields[DUMP_INFO_NFIELD]);

/* output.c: how many of `stats` a report shows: the first `limit` (-n),
 * all of them when limit is 0. */
size_t statistics_shown(const tm_stats *stats, size_t limit);
/* output.c: Traceback.format() of Python's "display the traceback of the
 * biggest memory block" example, as `top --key traceback` prints it:
 * oldest frame first, all of them, then a line per wrapper the blocks
 * went through; to free(), NULL without memory. */
char *traceback_text(const tm_traceback *traceback);

/* output.c: prints the first options->limit statistics of top (or, with
 * `diff`, of diff), one per line as tm_stat_format (tm_stat_diff_format)
 * writes them, with --key traceback each followed by its traceback; with
 * --json as one JSON document instead.  false after reporting an error. */
/* output.c: statistics made by tmreport itself (top --allocated), as
 * text, as print_statistics prints the API's. */
bool print_stat_array(const tm_stat *stats, size_t n,
                      const report_options *options);
/* allocated.c: what was allocated since tracing started, as statistics
 * by `key` (not cumulative), sorted as Python sorts them; NULL after
 * reporting the error.  `total` is their bytes. */
typedef struct allocated_stat allocated_stat;
typedef struct allocated_stats {
  allocated_stat *items;
  size_t n;
  unsigned long long total;
  tm_key key;
} allocated_stats;
allocated_stats *allocated_statistics(const tm_snapshot *snapshot, tm_key key);
/* Sorts them as heaptrack's "most calls": the most allocations first. */
void allocated_sort_by_calls(allocated_stats *stats);
const tm_stat *allocated_get(const allocated_stats *stats, size_t i);
/* The blocks of the i-th statistic's key alive in the snapshot: as many as
 * its allocations, or fewer (the others were freed, or moved by realloc,
 * which counts as an allocation at its own line). */
size_t allocated_live(const allocated_stats *stats, size_t i);
void allocated_free(allocated_stats *stats);
/* allocated.c: top --allocated. */
int print_allocated(const tm_snapshot *snapshot, const report_options *options);
bool print_statistics(const tm_stats *stats, const report_options *options,
                      bool diff);
/* json.c: --json: the first options->limit statistics, each with its
 * traceback, and the totals of all of them, as one JSON document; `diff`
 * adds the differences. */
void print_statistics_json(const tm_stats *stats,
                           const report_options *options, bool diff);
/* json.c: `text` as a JSON string, its characters as every report shows
 * them (so none needs more than a backslash). */
void put_json_string(FILE *out, const char *text);

/* output_file.c: a file that -o names: built in memory, then put at
 * `path` (see file_replace.h); "-" is standard output. */
typedef struct output_file {
  const char *path; /* where the file goes */
  FILE *stream;     /* where to write it */
  char *bytes;      /* what the stream holds, once closed */
  size_t size;
} output_file;
/* Starts the file; false after reporting the error. */
bool open_output(output_file *file, const char *path);
/* Puts the file at its path when the caller has `written` all of it
 * (false: with errno set, say by a failed allocation) and every write
 * succeeded; otherwise leaves the path alone and reports why.  true when
 * the file is in place. */
bool close_output(output_file *file, bool written);

/* utf8.c: names as the reports show them, valid UTF-8 whatever the bytes
 * of the dump: each sequence of bytes that is not UTF-8 (a byte that
 * starts nothing, an overlong form, a surrogate, past U+10FFFF, cut
 * short) becomes U+FFFD, and so does each control character (C0, DEL, C1:
 * XML forbids most, HTML calls them errors, terminals obey them) and
 * noncharacter. */
/* c, a Unicode scalar value, as UTF-8. */
void put_char(FILE *out, uint32_t c);
/* The characters of `name` as shown. */
size_t shown_length(const char *name);
/* Text of the C API's formatters with its names as shown; with `lines`,
 * the newlines and tabs of several lines of it kept. */
void put_text(FILE *out, const char *text, bool lines);

/* markup.c: text as XML or HTML character data or attribute value, its
 * first `max` characters as utf8.c shows them. */
void put_escaped(FILE *out, const char *text, size_t max);
/* markup.c: text of several lines as put_escaped() writes it, its
 * newlines and tabs kept. */
void put_escaped_lines(FILE *out, const char *text);

/* svg.c: opens `path` as open_output() does, for an SVG file of its own,
 * and writes the XML declaration that starts one (an <svg> element inside
 * an HTML page goes without). */
bool open_svg_file(output_file *file, const char *path);

/* svg.c: the start of an <svg> element: a style sheet (monospace text of
 * font_size, then the caller's `style` rules), a light background and
 * `title` centred at the top. */
void put_svg_start(FILE *out, double width, double height, double font_size,
                   const char *style, const char *title);

/* flamegraph.c: the live memory of a snapshot as a flame graph. */
typedef struct flamegraph flamegraph;
/* The merged tracebacks of `snapshot`: a frame is a function at a line,
 * or with `by_function` the function whatever the line; compared with
 * `old` unless NULL (the graph then shows what changed since).  NULL with
 * errno set on failure. */
flamegraph *build_flamegraph(const tm_snapshot *snapshot,
                             const tm_snapshot *old, bool by_function);
/* How put_flamegraph() draws a graph. */
typedef struct flamegraph_view {
  bool count_blocks; /* frames as wide as their blocks, not their bytes */
  bool inverted;     /* roots at the top (an icicle graph), not the bottom */
  const char *title; /* NULL: a heading that says what the widths are */
  const char *id;    /* the frames' ids are "ID-N", N from the root, 0 */
} flamegraph_view;
/* Writes the graph as an <svg> element with its script. */
void put_flamegraph(FILE *out, const flamegraph *graph,
                    const flamegraph_view *view);
/* The N of the frame of `graph` that `traceback` ends at, or of the
 * deepest of its frames that is drawn (wide enough); the root's in an
 * empty graph, which draws none. */
size_t flamegraph_frame_id(const flamegraph *graph,
                           const tm_traceback *traceback, bool count_blocks);
void free_flamegraph(flamegraph *graph); /* NULL is a no-op */

/* timeline.c: the n > 0 `points` (tm_snapshot_timeline()) as an <svg>
 * element, a step chart with the peak and the snapshot marked, under
 * `title` (NULL: "Traced memory over time"). */
void put_timeline(FILE *out, const tm_timeline_point *points, size_t n,
                  const char *title);

/* size_histogram.c: the sizes of the live blocks of a snapshot's
 * biggest lines, as heaptrack's histogram: in buckets of block size that
 * double, bucket 0 from 0 to 16 B, then 17 to 32 B, 33 to 64 B... */
#define SIZE_BUCKETS 61 /* the last one ends at SIZE_MAX */
typedef struct size_bucket {
  size_t blocks;
  unsigned long long bytes;
} size_bucket;
typedef struct line_sizes {
  const tm_stat *line; /* the line's live blocks (in size_histograms.lines) */
  size_bucket buckets[SIZE_BUCKETS];
  unsigned first, last; /* the buckets of its smallest and biggest blocks */
  size_t most_blocks;   /* in one bucket */
} line_sizes;
typedef struct size_histograms {
  tm_stats *lines; /* the live blocks by line, not cumulative */
  line_sizes *sites; /* of the first n lines, the biggest */
  size_t n;
} size_histograms;
/* The histograms of the first `limit` lines (0: all) of `snapshot`,
 * loaded from `path`; NULL after reporting the error. */
size_histograms *size_histograms_of(const tm_snapshot *snapshot,
                                    const char *path, size_t limit);
void free_size_histograms(size_histograms *h); /* NULL is a no-op */
/* The smallest and the biggest block size of bucket b. */
size_t bucket_low(unsigned b);
size_t bucket_high(unsigned b);

/* html_sizes.c: the histograms as HTML tables, a row per bucket, with a
 * bar as long as its blocks. */
void put_size_histograms(FILE *out, const size_histograms *h);

/* html_table.c: the key of a statistic as its tables show it: "file:line"
 * (TM_KEY_LINENO), or the file alone. */
void put_statistic_key(FILE *out, const tm_traceback *traceback, tm_key key);

/* html_table.c: what a table of statistics shows. */
typedef struct stats_table {
  const char *id;           /* of the <table> element */
  tm_key key;               /* TM_KEY_LINENO: "file:line"; TM_KEY_FILENAME:
                               the file */
  bool diff;                /* statistics of a comparison: with changes */
  size_t limit;             /* the first `limit` statistics, 0: all */
  unsigned long long total; /* the bytes the percentages are of */
  enum {
    ORDER_OTHER, /* by no one column (compare_to()'s order) */
    ORDER_SIZE,  /* biggest first */
    ORDER_COUNT  /* most blocks (or allocations) first */
  } order;                  /* how the statistics come sorted */
} stats_table;
/* The rows of a table: the API's statistics, or else tmreport's own. */
typedef struct stat_rows {
  const tm_stats *stats;
  const allocated_stats *allocated;
} stat_rows;
/* html_table.c: the rows as an HTML <table>, a row per statistic, a cell
 * per number; with tmreport's own, a column of the allocations whose
 * blocks are not alive. */
void put_stats_table(FILE *out, stat_rows rows, const stats_table *table);
/* html_table.c: a size as the text reports write it, with its bytes as a
 * tooltip; with `sign`, a change ("+12.0 KiB"). */
void put_size_cell(FILE *out, long long bytes, bool sign);

/* html_tracebacks.c: what the table of the biggest tracebacks shows. */
typedef struct traceback_table {
  const tm_stats *stats;   /* by traceback */
  size_t limit;            /* the first `limit` statistics, 0: all */
  const flamegraph *by_line, *by_function; /* the graphs it links to */
} traceback_table;
/* A row per statistic, each with its frames and the ids of the frame it
 * ends at in both graphs; false when out of memory. */
bool put_traceback_table(FILE *out, const traceback_table *table);
/* html_table.c: the <script> that sorts the page's tables of statistics
 * (class "stats") by the column whose header is clicked; after them. */
void put_stats_table_script(FILE *out);

/* allocated.c: the key of the statistic by `key` that a block of
 * `traceback` counts for: its most recent frame's file and line (lineno),
 * its file (filename), or the traceback itself; every empty traceback
 * has one key but by traceback.  Strings of a snapshot are interned:
 * equal names are equal pointers, in the snapshot's statistics too. */
tm_key3 statistic_key(const tm_traceback *traceback, tm_key key);

#endif /* TMREPORT_H */
