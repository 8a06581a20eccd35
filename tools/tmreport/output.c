/* Printing statistics: the text is always the C API's own, with its
 * names as every report shows them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmreport.h"

typedef int stat_formatter(const tm_stat *stat, char *buf, size_t len);

/* The API's formatters are snprintf-style: ask for the length, then format
 * into a buffer of that size, so no line is ever cut. */
static bool print_stat_line(const tm_stat *stat, stat_formatter *format) {
  int length = format(stat, NULL, 0);
  char *text = length >= 0 ? malloc((size_t)length + 1) : NULL;
  if (!text) {
    report_error("cannot format a statistic: out of memory");
    return false;
  }
  format(stat, text, (size_t)length + 1);
  put_text(stdout, text, false);
  putchar('\n');
  free(text);
  return true;
}

/* Python's text of a statistic, its sizes exact, in bytes (--bytes): the
 * same fields, "size=123456 B" for "size=121 KiB"; the average rounded to
 * the byte. */
static int format_exact(const tm_stat *stat, bool diff, char *buf,
                        size_t len) {
  const tm_traceback *tb = stat->traceback;
  char key[4096], size_diff[32] = "", count_diff[32] = "", average[48] = "";
  if (tb->nframe)
    snprintf(key, sizeof key, "%s:%u", tb->frames[0].filename,
             tb->frames[0].lineno);
  else
    snprintf(key, sizeof key, "<empty traceback>");
  if (diff) {
    snprintf(size_diff, sizeof size_diff, " (%+lld B)", stat->size_diff);
    snprintf(count_diff, sizeof count_diff, " (%+lld)", stat->count_diff);
  }
  if (stat->count)
    snprintf(average, sizeof average, ", average=%.0f B",
             (double)stat->size / (double)stat->count);
  return snprintf(buf, len, "%s: size=%zu B%s, count=%zu%s%s", key,
                  stat->size, size_diff, stat->count, count_diff, average);
}

static int format_exact_stat(const tm_stat *stat, char *buf, size_t len) {
  return format_exact(stat, false, buf, len);
}

static int format_exact_diff(const tm_stat *stat, char *buf, size_t len) {
  return format_exact(stat, true, buf, len);
}

static const char *wrapper_name(const tm_frame *wrapper) {
  return wrapper->function && *wrapper->function ? wrapper->function : "?";
}

/* Traceback.format() of Python's "display the traceback of the biggest
 * memory block" example: oldest frame first, all of them; then the
 * wrappers the blocks were allocated through, outermost first, which
 * Python has no word for, a line each: "  through f (file.c:12)". */
char *traceback_text(const tm_traceback *traceback) {
  int length = tm_traceback_format(traceback, 0, false, NULL, 0);
  if (length < 0)
    return NULL;
  size_t size = (size_t)length + 1;
  for (size_t i = 0; i < traceback->nwrapper; i++) {
    const tm_frame *w = &traceback->frames[traceback->nframe + i];
    size += strlen(wrapper_name(w)) + strlen(w->filename) + 32;
  }
  char *text = malloc(size);
  if (!text)
    return NULL;
  size_t at = (size_t)tm_traceback_format(traceback, 0, false, text, size);
  for (size_t i = 0; i < traceback->nwrapper; i++) {
    const tm_frame *w = &traceback->frames[traceback->nframe + i];
    at += (size_t)snprintf(text + at, size - at, "  through %s (%s:%u)\n",
                           wrapper_name(w), w->filename, w->lineno);
  }
  return text;
}

static bool print_traceback(const tm_traceback *traceback) {
  char *text = traceback_text(traceback);
  if (!text) {
    report_error("cannot format a traceback: out of memory");
    return false;
  }
  put_text(stdout, text, true);
  free(text);
  return true;
}

size_t statistics_shown(const tm_stats *stats, size_t limit) {
  size_t n = tm_stats_count(stats);
  return limit && limit < n ? limit : n;
}

/* One statistic as text, with its traceback under --key traceback. */
static bool print_stat(const tm_stat *stat, const report_options *options,
                       bool diff) {
  stat_formatter *format =
      options->bytes ? (diff ? format_exact_diff : format_exact_stat)
                     : (diff ? tm_stat_diff_format : tm_stat_format);
  return print_stat_line(stat, format) &&
         (options->key != TM_KEY_TRACEBACK || print_traceback(stat->traceback));
}

bool print_statistics(const tm_stats *stats, const report_options *options,
                      bool diff) {
  if (options->json) {
    print_statistics_json(stats, options, diff);
    return true;
  }
  size_t shown = statistics_shown(stats, options->limit);
  for (size_t i = 0; i < shown; i++)
    if (!print_stat(tm_stats_get(stats, i), options, diff))
      return false;
  return true;
}

bool print_stat_array(const tm_stat *stats, size_t n,
                      const report_options *options) {
  size_t shown = options->limit && options->limit < n ? options->limit : n;
  for (size_t i = 0; i < shown; i++)
    if (!print_stat(&stats[i], options, false))
      return false;
  return true;
}
