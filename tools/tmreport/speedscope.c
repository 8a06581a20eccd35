/*
 * tmreport speedscope: the live memory of a dump in speedscope's own file
 * format (https://www.speedscope.app/file-format-schema.json), which
 * speedscope opens as it is: its left-heavy and sandwich views of where
 * the bytes are, which no folded file gives it with units.  Two sampled
 * profiles over the same stacks: the live bytes (unit "bytes") and the
 * live blocks (unit "none").  A sample is a distinct traceback, its frames
 * from the outermost to the allocation, as speedscope wants them; a frame
 * is a distinct (function, file, line).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pprof/id_table.h"
#include "tmreport.h"

/* The one frame of a traceback that has none (as tmreport folded). */
#define EMPTY_FRAME "[unknown]"

static const tm_frame empty_frame = {.filename = "", .function = EMPTY_FRAME};

/* The frames of a snapshot, each distinct one once, in the order met.
 * Its strings are interned, so a frame is known by their addresses. */
typedef struct frame_table {
  tm_id_table ids;
  const tm_frame **frames; /* frames[id - 1] */
  size_t cap;
} frame_table;

/* The index in speedscope's shared frames of `frame`; -1 without memory. */
static long frame_index(frame_table *t, const tm_frame *frame) {
  bool added;
  uint32_t id = tm_id_intern(&t->ids,
                             (tm_key3){(uint64_t)(uintptr_t)frame->function,
                                       (uint64_t)(uintptr_t)frame->filename,
                                       frame->lineno},
                             &added);
  if (!id)
    return -1;
  if (added) {
    if (id > t->cap) {
      size_t cap = t->cap ? 2 * t->cap : 256;
      const tm_frame **grown = realloc(t->frames, cap * sizeof *grown);
      if (!grown)
        return -1;
      t->frames = grown;
      t->cap = cap;
    }
    t->frames[id - 1] = frame;
  }
  return (long)id - 1;
}

static void put_frame(FILE *out, const tm_frame *frame) {
  fputs("{\"name\": ", out);
  if (frame->function && frame->function[0]) {
    put_json_string(out, frame->function);
  } else {
    /* No function name: "file:line" names it, as in tmreport folded. */
    int len = snprintf(NULL, 0, "%s:%u", frame->filename, frame->lineno);
    char *name = malloc((size_t)len + 1);
    if (name) {
      snprintf(name, (size_t)len + 1, "%s:%u", frame->filename, frame->lineno);
      put_json_string(out, name);
      free(name);
    } else {
      put_json_string(out, frame->filename);
    }
  }
  if (frame->filename[0]) {
    fputs(", \"file\": ", out);
    put_json_string(out, frame->filename);
  }
  if (frame->lineno)
    fprintf(out, ", \"line\": %u", frame->lineno);
  putc('}', out);
}

/* One sampled profile of `stats`, weighed by bytes or by blocks. */
static void put_profile(FILE *out, const tm_stats *stats, const long *stacks,
                        const size_t *stack_starts, bool bytes) {
  size_t n = tm_stats_count(stats);
  unsigned long long total = 0;
  for (size_t i = 0; i < n; i++)
    total +=
        bytes ? tm_stats_get(stats, i)->size : tm_stats_get(stats, i)->count;
  fprintf(out,
          "  {\"type\": \"sampled\", \"name\": \"%s\", \"unit\": \"%s\", "
          "\"startValue\": 0, \"endValue\": %llu,\n   \"samples\": [",
          bytes ? "live bytes" : "live blocks", bytes ? "bytes" : "none",
          total);
  for (size_t i = 0; i < n; i++) {
    fputs(i ? ", [" : "[", out);
    for (size_t f = stack_starts[i]; f < stack_starts[i + 1]; f++)
      fprintf(out, f > stack_starts[i] ? ", %ld" : "%ld", stacks[f]);
    putc(']', out);
  }
  fputs("],\n   \"weights\": [", out);
  for (size_t i = 0; i < n; i++) {
    const tm_stat *stat = tm_stats_get(stats, i);
    fprintf(out, i ? ", %zu" : "%zu", bytes ? stat->size : stat->count);
  }
  fputs("]}", out);
}

/* The whole file of `stats` (by traceback, of the dump at `path`); false
 * without memory. */
static bool write_speedscope(FILE *out, const tm_snapshot *snapshot,
                             const tm_stats *stats, const char *path) {
  size_t n = tm_stats_count(stats), nframe = 0;
  for (size_t i = 0; i < n; i++) {
    size_t depth = tm_stats_get(stats, i)->traceback->nframe;
    nframe += depth ? depth : 1;
  }
  long *stacks = malloc((nframe ? nframe : 1) * sizeof *stacks);
  size_t *starts = malloc((n + 1) * sizeof *starts);
  frame_table frames = {0};
  bool ok = stacks && starts;
  size_t at = 0;
  for (size_t i = 0; ok && i < n; i++) {
    const tm_traceback *tb = tm_stats_get(stats, i)->traceback;
    starts[i] = at;
    /* frames[0] is the oldest: speedscope's order, root first. */
    for (size_t f = 0; ok && f < (tb->nframe ? tb->nframe : 1); f++) {
      stacks[at] =
          frame_index(&frames, tb->nframe ? &tb->frames[f] : &empty_frame);
      ok = stacks[at++] >= 0;
    }
  }
  if (ok) {
    starts[n] = at;
    const char *program = tm_snapshot_process(snapshot)->program;
    fputs("{\"$schema\": \"https://www.speedscope.app/"
          "file-format-schema.json\",\n \"name\": ",
          out);
    put_json_string(out, program[0] ? program : path);
    fputs(",\n \"exporter\": \"tmreport (tracemalloc for C) " TM_VERSION
          "\",\n \"activeProfileIndex\": 0,\n \"shared\": {\"frames\": [",
          out);
    for (size_t f = 0; f < frames.ids.n; f++) {
      fputs(f ? ",\n  " : "\n  ", out);
      put_frame(out, frames.frames[f]);
    }
    fputs("]},\n \"profiles\": [\n", out);
    put_profile(out, stats, stacks, starts, true);
    fputs(",\n", out);
    put_profile(out, stats, stacks, starts, false);
    fputs("\n ]}\n", out);
  }
  free(stacks);
  free(starts);
  free(frames.frames);
  tm_id_table_free(&frames.ids);
  if (!ok)
    errno = ENOMEM;
  return ok;
}

int run_speedscope(const report_options *options) {
  const char *path = options->dumps[0];
  tm_snapshot *snapshot = load_filtered_snapshot(path, options);
  if (!snapshot)
    return TMREPORT_EXIT_ERROR;
  /* Statistics by traceback are the distinct tracebacks with their sizes
   * and counts, biggest first: the samples. */
  tm_stats *stats = tm_snapshot_statistics(snapshot, TM_KEY_TRACEBACK, false);
  int status = TMREPORT_EXIT_OK;
  output_file out;
  if (!stats) {
    status = report_error("%s: cannot compute statistics: %s", path,
                          strerror(errno));
  } else if (!open_output(&out, options->output) ||
             !close_output(
                 &out, write_speedscope(out.stream, snapshot, stats, path))) {
    status = TMREPORT_EXIT_ERROR;
  }
  tm_stats_free(stats);
  tm_snapshot_free(snapshot);
  return status;
}
