/*
 * --json of top and diff: the statistics as one JSON document, for
 * scripts and CI gates that would otherwise parse the text.  Sizes and
 * counts are exact integers (the text rounds sizes to Python's units);
 * names are the reports' own (utf8.c), so the document is always valid
 * UTF-8 and has no control characters to escape.
 */
#include <stdio.h>

#include "tmreport.h"

void put_json_string(FILE *out, const char *text) {
  putc('"', out);
  while (*text) {
    uint32_t c = tm_utf8_take_shown(&text);
    if (c == '"' || c == '\\')
      putc('\\', out);
    put_char(out, c);
  }
  putc('"', out);
}

static const char *key_name(tm_key key) {
  switch (key) {
  case TM_KEY_FILENAME:
    return "filename";
  case TM_KEY_TRACEBACK:
    return "traceback";
  default:
    return "lineno";
  }
}

static void put_frames(FILE *out, const tm_frame *frames, size_t n) {
  putc('[', out);
  for (size_t f = 0; f < n; f++) {
    fputs(f ? ", {\"filename\": " : "{\"filename\": ", out);
    put_json_string(out, frames[f].filename);
    fprintf(out, ", \"lineno\": %u, \"function\": ", frames[f].lineno);
    put_json_string(out, frames[f].function ? frames[f].function : "");
    putc('}', out);
  }
  putc(']', out);
}

/* Frames oldest first, as Python's Traceback and the text reports, then
 * the wrappers the blocks were allocated through. */
static void put_traceback(FILE *out, const tm_traceback *tb) {
  fputs("\"traceback\": ", out);
  put_frames(out, tb->frames, tb->nframe);
  fprintf(out, ", \"total_nframe\": %zu, \"wrappers\": ", tb->total_nframe);
  put_frames(out, tb->frames + tb->nframe, tb->nwrapper);
}

void print_statistics_json(const tm_stats *stats,
                           const report_options *options, bool diff) {
  FILE *out = stdout;
  fprintf(out, "{\"key\": \"%s\", \"cumulative\": %s, \"dumps\": [",
          key_name(options->key), options->cumulative ? "true" : "false");
  for (size_t i = 0; i < options->ndump; i++) {
    if (i)
      fputs(", ", out);
    put_json_string(out, options->dumps[i]);
  }
  fputs("],\n", out);
  /* The whole snapshot's totals, whatever -n shows; with --cumulative
   * every frame counts a block again, so there is no total to give. */
  if (!options->cumulative) {
    unsigned long long size = 0, count = 0;
    long long size_diff = 0, count_diff = 0;
    for (size_t i = 0; i < tm_stats_count(stats); i++) {
      const tm_stat *s = tm_stats_get(stats, i);
      size += s->size, count += s->count;
      size_diff += s->size_diff, count_diff += s->count_diff;
    }
    fprintf(out, " \"total\": {\"size\": %llu, \"count\": %llu", size, count);
    if (diff)
      fprintf(out, ", \"size_diff\": %lld, \"count_diff\": %lld", size_diff,
              count_diff);
    fputs("},\n", out);
  }
  fputs(" \"statistics\": [", out);
  size_t shown = statistics_shown(stats, options->limit);
  for (size_t i = 0; i < shown; i++) {
    const tm_stat *s = tm_stats_get(stats, i);
    fprintf(out, "%s\n  {\"size\": %zu, \"count\": %zu", i ? "," : "",
            s->size, s->count);
    if (diff)
      fprintf(out, ", \"size_diff\": %lld, \"count_diff\": %lld", s->size_diff,
              s->count_diff);
    fputs(", ", out);
    put_traceback(out, s->traceback);
    putc('}', out);
  }
  fputs(shown ? "\n ]}\n" : "]}\n", out);
}
