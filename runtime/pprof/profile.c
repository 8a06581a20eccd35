/*
 * The Profile message (profile.h).  Built in memory with the small encoder
 * of protobuf.c: the samples first, each interning the functions and
 * locations it meets, whose messages are kept aside and appended after
 * them, then the string table, which only then is complete.
 */
#define _GNU_SOURCE /* asprintf */
#include "profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "id_table.h"
#include "samples.h"
#include "string_table.h"
#include "utf8.h"

/* profile.proto's field numbers. */
enum {
  PROFILE_SAMPLE_TYPE = 1,
  PROFILE_SAMPLE = 2,
  PROFILE_MAPPING = 3,
  PROFILE_LOCATION = 4,
  PROFILE_FUNCTION = 5,
  PROFILE_STRING_TABLE = 6,
  PROFILE_TIME_NANOS = 9,
  PROFILE_DURATION_NANOS = 10,
  PROFILE_PERIOD_TYPE = 11,
  PROFILE_PERIOD = 12,
  PROFILE_DEFAULT_SAMPLE_TYPE = 14,
  VALUE_TYPE_TYPE = 1,
  VALUE_TYPE_UNIT = 2,
  SAMPLE_LOCATION_ID = 1,
  SAMPLE_VALUE = 2,
  SAMPLE_LABEL = 3,
  LABEL_KEY = 1,
  LABEL_NUM = 3,
  LABEL_NUM_UNIT = 4,
  MAPPING_ID = 1,
  MAPPING_FILENAME = 5,
  MAPPING_HAS_FUNCTIONS = 7,
  MAPPING_HAS_FILENAMES = 8,
  MAPPING_HAS_LINE_NUMBERS = 9,
  LOCATION_ID = 1,
  LOCATION_LINE = 4,
  LINE_FUNCTION_ID = 1,
  LINE_LINE = 2,
  FUNCTION_ID = 1,
  FUNCTION_NAME = 2,
  FUNCTION_SYSTEM_NAME = 3,
  FUNCTION_FILENAME = 4,
};

/* The mapping's name when the dump does not name the program (format 1
 * and 2). */
#define UNKNOWN_PROGRAM "tracemalloc"
/* The one frame of a traceback that has none (as tmreport folded). */
#define EMPTY_FRAME "[unknown]"

/* ---- Building the profile ---- */

typedef struct builder {
  tm_strings strings;
  tm_id_table functions; /* (name, filename, 0) as string indexes */
  tm_id_table locations; /* (function id, line, 0) */
  tm_pb_buf function_fields, location_fields, message;
  const tm_process *process; /* its directories make paths absolute */
  tm_id_table paths;         /* (filename's address, 0, 0): */
  int64_t *path_index;       /* the string index of its source path */
  size_t path_cap;
} builder;

/* `filename` as a path from the root, so that pprof's source views find
 * the file from anywhere: a relative one joined to the first compilation
 * directory of the program that holds a file of that name; as it is
 * otherwise (on a machine without the sources, or for a library's file,
 * which is relative to no directory of the program's).  Malloc'd; NULL
 * without memory. */
static char *absolute_path(const tm_process *process, const char *filename) {
  for (size_t i = 0;
       filename[0] && filename[0] != '/' && i < process->ndirectories; i++) {
    char *path = NULL;
    if (asprintf(&path, "%s/%s", process->directories[i], filename) < 0)
      return NULL;
    if (access(path, F_OK) == 0)
      return path;
    free(path);
  }
  return strdup(filename);
}

/* The string index of the source path of `filename` (interned: one
 * address per name), worked out once; -1 without memory. */
static int64_t source_path_index(builder *b, const char *filename) {
  bool added;
  uint32_t id = tm_id_intern(
      &b->paths, (tm_key3){(uint64_t)(uintptr_t)filename, 0, 0}, &added);
  if (!id)
    return -1;
  if (!added)
    return b->path_index[id - 1];
  if (id > b->path_cap) {
    size_t cap = 2 * b->path_cap + 64;
    int64_t *grown = realloc(b->path_index, cap * sizeof *grown);
    if (!grown)
      return -1;
    b->path_index = grown;
    b->path_cap = cap;
  }
  char *path = absolute_path(b->process, filename);
  int64_t index = path ? tm_strings_intern(&b->strings, path) : -1;
  free(path);
  return b->path_index[id - 1] = index;
}

/* The Function id of `name` in `filename`, its message written when new;
 * 0 without memory. */
static uint32_t function_id(builder *b, const char *name,
                            const char *filename) {
  int64_t name_index = tm_strings_intern(&b->strings, name);
  int64_t file_index = source_path_index(b, filename);
  if (name_index < 0 || file_index < 0)
    return 0;
  bool added;
  uint32_t id = tm_id_intern(
      &b->functions, (tm_key3){(uint64_t)name_index, (uint64_t)file_index, 0},
      &added);
  if (added) {
    tm_pb_buf *m = &b->message;
    tm_pb_reset(m);
    tm_pb_uint(m, FUNCTION_ID, id);
    tm_pb_uint(m, FUNCTION_NAME, (uint64_t)name_index);
    tm_pb_uint(m, FUNCTION_SYSTEM_NAME, (uint64_t)name_index);
    if (file_index)
      tm_pb_uint(m, FUNCTION_FILENAME, (uint64_t)file_index);
    tm_pb_message(&b->function_fields, PROFILE_FUNCTION, m);
  }
  return id;
}

/* The Location id of a frame (function NULL: the frame of an empty
 * traceback), its message written when new; 0 without memory. */
static uint32_t location_id(builder *b, const char *function,
                            const char *filename, unsigned line) {
  uint32_t fn;
  if (!function) {
    fn = function_id(b, EMPTY_FRAME, "");
    line = 0;
  } else if (function[0]) {
    fn = function_id(b, function, filename);
  } else {
    /* No function name: "file:line" names it, as in tmreport folded. */
    int len = snprintf(NULL, 0, "%s:%u", filename, line);
    char *name = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (!name)
      return 0;
    snprintf(name, (size_t)len + 1, "%s:%u", filename, line);
    fn = function_id(b, name, filename);
    free(name);
  }
  if (!fn)
    return 0;
  bool added;
  uint32_t id = tm_id_intern(&b->locations, (tm_key3){fn, line, 0}, &added);
  if (added) {
    tm_pb_buf line_message = {0};
    tm_pb_uint(&line_message, LINE_FUNCTION_ID, fn);
    if (line)
      tm_pb_uint(&line_message, LINE_LINE, line);
    tm_pb_buf *m = &b->message;
    tm_pb_reset(m);
    tm_pb_uint(m, LOCATION_ID, id);
    tm_pb_message(m, LOCATION_LINE, &line_message);
    tm_pb_free(&line_message);
    tm_pb_message(&b->location_fields, PROFILE_LOCATION, m);
  }
  return id;
}

static void value_type(builder *b, tm_pb_buf *out, uint32_t field,
                       const char *type, const char *unit) {
  tm_pb_buf *m = &b->message;
  tm_pb_reset(m);
  int64_t t = tm_strings_intern(&b->strings, type);
  int64_t u = tm_strings_intern(&b->strings, unit);
  if (t < 0 || u < 0) {
    out->failed = true;
    return;
  }
  tm_pb_uint(m, VALUE_TYPE_TYPE, (uint64_t)t);
  tm_pb_uint(m, VALUE_TYPE_UNIT, (uint64_t)u);
  tm_pb_message(out, field, m);
}

/* An entry as written: live blocks first, then what was allocated; the
 * most bytes first, then the most blocks, then in the order first seen
 * (the snapshot's). */
typedef struct sample_order {
  uint32_t entry;
  bool allocated;
  int64_t bytes, count;
} sample_order;

static int compare_samples(const void *a, const void *b) {
  const sample_order *x = a, *y = b;
  if (x->allocated != y->allocated)
    return x->allocated ? 1 : -1;
  if (x->bytes != y->bytes)
    return x->bytes > y->bytes ? -1 : 1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return (x->entry > y->entry) - (x->entry < y->entry);
}

/* The entries with a value that is not zero, in the order written; NULL
 * without memory. */
static sample_order *order_samples(const tm_pprof_samples *s, size_t *n) {
  sample_order *order =
      malloc((s->entries.n ? s->entries.n : 1) * sizeof *order);
  *n = 0;
  for (size_t id = 1; order && id <= s->entries.n; id++) {
    const int64_t *v = s->values[id - 1];
    if (!v[VALUE_ALLOC_OBJECTS] && !v[VALUE_ALLOC_SPACE] &&
        !v[VALUE_INUSE_OBJECTS] && !v[VALUE_INUSE_SPACE])
      continue; /* a delta's entry that did not change */
    bool allocated = s->entries.keys[id - 1].b == 0;
    order[(*n)++] = (sample_order){
        (uint32_t)id, allocated,
        allocated ? v[VALUE_ALLOC_SPACE] : v[VALUE_INUSE_SPACE],
        allocated ? v[VALUE_ALLOC_OBJECTS] : v[VALUE_INUSE_OBJECTS]};
  }
  if (order)
    qsort(order, *n, sizeof *order, compare_samples);
  return order;
}

/* Room for n location ids in *ids; false without memory. */
static bool reserve_ids(uint64_t **ids, size_t *cap, size_t n) {
  if (n <= *cap)
    return true;
  size_t grown_cap = 2 * *cap + 64;
  uint64_t *grown = realloc(*ids, grown_cap * sizeof *grown);
  if (!grown)
    return false;
  *ids = grown;
  *cap = grown_cap;
  return true;
}

/* One Sample: its locations leaf first, its values, and for live blocks
 * their size as the numeric label "bytes" (as Go's heap profiles have it,
 * for pprof -tags and tag filters); false without memory. */
static bool write_sample(builder *b, const tm_pprof_samples *s, uint32_t entry,
                         int64_t bytes_key, uint64_t **ids, size_t *ids_cap,
                         tm_pb_buf *out) {
  tm_key3 key = s->entries.keys[entry - 1];
  size_t n = 0;
  /* Most recent frame first: pprof's leaf-first order. */
  for (uint32_t at = (uint32_t)key.a; at;
       at = (uint32_t)s->stacks.keys[at - 1].a) {
    tm_key3 frame = s->frames.keys[s->stacks.keys[at - 1].b - 1];
    if (!reserve_ids(ids, ids_cap, n + 1))
      return false;
    (*ids)[n] = location_id(b, s->strings.strings[frame.a],
                            s->strings.strings[frame.b], (unsigned)frame.c);
    if (!(*ids)[n++])
      return false;
  }
  if (!n) { /* an empty traceback: one frame that says so */
    if (!reserve_ids(ids, ids_cap, 1) ||
        !((*ids)[n++] = location_id(b, NULL, NULL, 0)))
      return false;
  }
  uint64_t values[NVALUES];
  for (int k = 0; k < NVALUES; k++)
    values[k] = (uint64_t)s->values[entry - 1][k]; /* int64, two's complement */
  tm_pb_buf label = {0}, sample = {0};
  tm_pb_packed(&sample, SAMPLE_LOCATION_ID, *ids, n);
  tm_pb_packed(&sample, SAMPLE_VALUE, values, NVALUES);
  if (key.b) {
    tm_pb_uint(&label, LABEL_KEY, (uint64_t)bytes_key);
    tm_pb_uint(&label, LABEL_NUM, key.b - 1);
    tm_pb_uint(&label, LABEL_NUM_UNIT, (uint64_t)bytes_key);
    tm_pb_message(&sample, SAMPLE_LABEL, &label);
  }
  tm_pb_message(out, PROFILE_SAMPLE, &sample);
  bool ok = !label.failed && !sample.failed;
  tm_pb_free(&label);
  tm_pb_free(&sample);
  return ok;
}

bool tm_pprof_encode(const tm_pprof_request *request, tm_pb_buf *out) {
  const tm_snapshot *snapshot = request->snapshot;
  builder b = {.process = tm_snapshot_process(snapshot)};
  if (!tm_strings_init(&b.strings))
    return false;
  /* Sample types, in the order of the values of every sample. */
  value_type(&b, out, PROFILE_SAMPLE_TYPE, "alloc_objects", "count");
  value_type(&b, out, PROFILE_SAMPLE_TYPE, "alloc_space", "bytes");
  value_type(&b, out, PROFILE_SAMPLE_TYPE, "inuse_objects", "count");
  value_type(&b, out, PROFILE_SAMPLE_TYPE, "inuse_space", "bytes");
  int64_t space = tm_strings_intern(
      &b.strings, request->alloc_default ? "alloc_space" : "inuse_space");
  int64_t bytes = tm_strings_intern(&b.strings, "bytes");

  tm_pprof_samples *samples = tm_pprof_request_samples(request);
  size_t nsample = 0;
  sample_order *order = samples ? order_samples(samples, &nsample) : NULL;
  bool ok = order && space >= 0 && bytes >= 0;
  uint64_t *ids = NULL;
  size_t ids_cap = 0;
  for (size_t i = 0; ok && i < nsample; i++)
    ok = write_sample(&b, samples, order[i].entry, bytes, &ids, &ids_cap, out);
  free(ids);
  free(order);
  tm_pprof_samples_free(samples);
  /* One mapping, the program, whose name pprof shows as the profile's
   * "File".  No location points at it: their addresses are 0, and pprof's
   * source view disassembles the file of a location's mapping around its
   * address (and fails on a range of 0 bytes at 0); without one it shows
   * the source alone. */
  const char *program = tm_snapshot_process(snapshot)->program;
  int64_t mapping_name =
      tm_strings_intern(&b.strings, program[0] ? program : UNKNOWN_PROGRAM);
  ok = ok && mapping_name >= 0;
  tm_pb_buf *m = &b.message;
  tm_pb_reset(m);
  tm_pb_uint(m, MAPPING_ID, 1);
  tm_pb_uint(m, MAPPING_FILENAME, (uint64_t)mapping_name);
  tm_pb_uint(m, MAPPING_HAS_FUNCTIONS, 1);
  tm_pb_uint(m, MAPPING_HAS_FILENAMES, 1);
  tm_pb_uint(m, MAPPING_HAS_LINE_NUMBERS, 1);
  tm_pb_message(out, PROFILE_MAPPING, m);
  tm_pb_append(out, &b.location_fields);
  tm_pb_append(out, &b.function_fields);

  /* Interned last of all: the period type's strings. */
  tm_pb_buf period_type = {0};
  value_type(&b, &period_type, PROFILE_PERIOD_TYPE, "space", "bytes");
  /* Interned as they are, so that names which differ in bytes stay
   * apart; written as shown, since protobuf strings are UTF-8. */
  for (size_t s = 0; ok && s < b.strings.n; s++) {
    char *shown = tm_shown_name(b.strings.strings[s]);
    ok = shown != NULL;
    if (ok)
      tm_pb_string(out, PROFILE_STRING_TABLE, shown);
    free(shown);
  }
  tm_pb_uint(out, PROFILE_TIME_NANOS, request->time_ns);
  if (request->duration_ns)
    tm_pb_uint(out, PROFILE_DURATION_NANOS, request->duration_ns);
  tm_pb_append(out, &period_type);
  tm_pb_uint(out, PROFILE_PERIOD, 1);
  /* What pprof shows first: the bytes alive, as Go's heap profiles, or
   * those allocated, as its allocs profiles. */
  tm_pb_uint(out, PROFILE_DEFAULT_SAMPLE_TYPE, (uint64_t)space);
  ok = ok && !out->failed && !period_type.failed;

  tm_pb_free(&period_type);
  tm_pb_free(&b.function_fields);
  tm_pb_free(&b.location_fields);
  tm_pb_free(&b.message);
  tm_id_table_free(&b.functions);
  tm_id_table_free(&b.locations);
  tm_id_table_free(&b.paths);
  free(b.path_index);
  tm_strings_free(&b.strings);
  return ok;
}
