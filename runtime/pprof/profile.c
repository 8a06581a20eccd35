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

/* ---- Interning: a string table (ids for keys are id_table.h's) ---- */

/* The string table: strings[0] is "", and a hash set of indexes to find
 * a string again. */
typedef struct string_table {
  char **strings;
  size_t n, cap;
  uint32_t *slots; /* 0: empty, else an index (never 0: "" is not set) */
  size_t nslot;    /* a power of two, at least twice n */
} string_table;

static uint64_t hash_string(const char *s) {
  uint64_t h = 1469598103934665603u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h ^ h >> 29;
}

static bool grow_strings(string_table *t) {
  size_t nslot = t->nslot ? t->nslot * 2 : 64;
  uint32_t *slots = calloc(nslot, sizeof *slots);
  char **strings = realloc(t->strings, nslot / 2 * sizeof *strings);
  if (strings)
    t->strings = strings;
  if (!slots || !strings) {
    free(slots);
    return false;
  }
  t->cap = nslot / 2;
  for (size_t s = 1; s < t->n; s++) {
    size_t i = hash_string(strings[s]) & (nslot - 1);
    while (slots[i])
      i = (i + 1) & (nslot - 1);
    slots[i] = (uint32_t)s;
  }
  free(t->slots);
  t->slots = slots;
  t->nslot = nslot;
  return true;
}

/* The index of `text` in the table, added when new; -1 without memory. */
static int64_t intern_string(string_table *t, const char *text) {
  if (!text[0])
    return 0;
  if (t->n + 1 > t->nslot / 2 && !grow_strings(t))
    return -1;
  size_t i = hash_string(text) & (t->nslot - 1);
  for (; t->slots[i]; i = (i + 1) & (t->nslot - 1))
    if (strcmp(t->strings[t->slots[i]], text) == 0)
      return t->slots[i];
  if (t->n >= UINT32_MAX)
    return -1;
  char *copy = strdup(text);
  if (!copy)
    return -1;
  t->strings[t->n] = copy;
  t->slots[i] = (uint32_t)t->n;
  return (int64_t)t->n++;
}

static void free_strings(string_table *t) {
  for (size_t s = 1; s < t->n; s++)
    free(t->strings[s]);
  free(t->strings);
  free(t->slots);
}

/* ---- Building the profile ---- */

typedef struct builder {
  string_table strings;
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
  for (size_t i = 0; filename[0] != '/' && i < process->ndirectories; i++) {
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
  int64_t index = path ? intern_string(&b->strings, path) : -1;
  free(path);
  return b->path_index[id - 1] = index;
}

/* The Function id of `name` in `filename`, its message written when new;
 * 0 without memory. */
static uint32_t function_id(builder *b, const char *name,
                            const char *filename) {
  int64_t name_index = intern_string(&b->strings, name);
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

/* The Location id of `frame` (NULL: the frame of an empty traceback), its
 * message written when new; 0 without memory. */
static uint32_t location_id(builder *b, const tm_frame *frame) {
  uint32_t function;
  unsigned line = 0;
  if (!frame) {
    function = function_id(b, EMPTY_FRAME, "");
  } else if (frame->function && frame->function[0]) {
    function = function_id(b, frame->function, frame->filename);
    line = frame->lineno;
  } else {
    /* No function name: "file:line" names it, as in tmreport folded. */
    int len = snprintf(NULL, 0, "%s:%u", frame->filename, frame->lineno);
    char *name = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (!name)
      return 0;
    snprintf(name, (size_t)len + 1, "%s:%u", frame->filename, frame->lineno);
    function = function_id(b, name, frame->filename);
    free(name);
    line = frame->lineno;
  }
  if (!function)
    return 0;
  bool added;
  uint32_t id =
      tm_id_intern(&b->locations, (tm_key3){function, line, 0}, &added);
  if (added) {
    tm_pb_buf line_message = {0};
    tm_pb_uint(&line_message, LINE_FUNCTION_ID, function);
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
  int64_t t = intern_string(&b->strings, type);
  int64_t u = intern_string(&b->strings, unit);
  if (t < 0 || u < 0) {
    out->failed = true;
    return;
  }
  tm_pb_uint(m, VALUE_TYPE_TYPE, (uint64_t)t);
  tm_pb_uint(m, VALUE_TYPE_UNIT, (uint64_t)u);
  tm_pb_message(out, field, m);
}

/* The blocks of one size allocated with one traceback: one Sample. */
typedef struct sample_group {
  const tm_traceback *traceback;
  size_t size;
  uint64_t count;
} sample_group;

/* The biggest first, as tmreport top; then in the order first seen. */
static int compare_groups(const void *a, const void *b) {
  const sample_group *x = a, *y = b;
  uint64_t bx = x->count * x->size, by = y->count * y->size;
  if (bx != by)
    return bx > by ? -1 : 1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* The traces of `snapshot` grouped by (traceback, size), sorted; NULL
 * without memory.  Tracebacks are compared by address: a snapshot stores
 * each distinct one once. */
static sample_group *group_traces(const tm_snapshot *snapshot, size_t *n) {
  size_t ntrace = tm_snapshot_trace_count(snapshot);
  sample_group *groups = malloc((ntrace ? ntrace : 1) * sizeof *groups);
  tm_id_table ids = {0};
  bool ok = groups != NULL;
  for (size_t i = 0; ok && i < ntrace; i++) {
    const tm_trace *t = tm_snapshot_trace(snapshot, i);
    bool added;
    uint32_t id = tm_id_intern(
        &ids, (tm_key3){(uint64_t)(uintptr_t)t->traceback, t->size, 0}, &added);
    ok = id != 0;
    if (ok && added)
      groups[id - 1] = (sample_group){t->traceback, t->size, 0};
    if (ok)
      groups[id - 1].count++;
  }
  *n = ids.n;
  tm_id_table_free(&ids);
  if (!ok) {
    free(groups);
    return NULL;
  }
  qsort(groups, *n, sizeof *groups, compare_groups);
  return groups;
}

/* The most bytes first, then the most allocations, then in the
 * snapshot's order. */
static int compare_allocated(const void *a, const void *b) {
  const tm_allocated *x = *(const tm_allocated *const *)a,
                     *y = *(const tm_allocated *const *)b;
  if (x->size != y->size)
    return x->size > y->size ? -1 : 1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* The snapshot's allocation totals, sorted; NULL without memory. */
static const tm_allocated **sorted_allocated(const tm_snapshot *snapshot,
                                             size_t *n) {
  *n = tm_snapshot_allocated_count(snapshot);
  const tm_allocated **all = malloc((*n ? *n : 1) * sizeof *all);
  for (size_t i = 0; all && i < *n; i++)
    all[i] = tm_snapshot_allocated(snapshot, i);
  if (all)
    qsort(all, *n, sizeof *all, compare_allocated);
  return all;
}

/* The values of a Sample, in the order of the sample types. */
enum { ALLOC_OBJECTS, ALLOC_SPACE, INUSE_OBJECTS, INUSE_SPACE, NVALUES };

/* The size of a Sample's blocks, when they have one. */
typedef struct block_size {
  bool known;
  size_t bytes;
} block_size;

/* One Sample: its locations leaf first, its values, and the size of its
 * blocks, if known, as the numeric label "bytes" (as Go's heap profiles
 * have it, for pprof -tags and tag filters); false without memory. */
static bool write_sample(builder *b, const tm_traceback *tb,
                         const uint64_t values[NVALUES], block_size size,
                         int64_t bytes_key, uint64_t **ids, size_t *ids_cap,
                         tm_pb_buf *out) {
  size_t n = tb->nframe ? tb->nframe : 1;
  if (n > *ids_cap) {
    uint64_t *grown = realloc(*ids, n * sizeof **ids);
    if (!grown)
      return false;
    *ids = grown;
    *ids_cap = n;
  }
  /* Most recent frame first: pprof's leaf-first order. */
  for (size_t f = 0; f < n; f++) {
    (*ids)[f] =
        location_id(b, tb->nframe ? &tb->frames[tb->nframe - 1 - f] : NULL);
    if (!(*ids)[f])
      return false;
  }
  tm_pb_buf label = {0}, sample = {0};
  tm_pb_packed(&sample, SAMPLE_LOCATION_ID, *ids, n);
  tm_pb_packed(&sample, SAMPLE_VALUE, values, NVALUES);
  if (size.known) {
    tm_pb_uint(&label, LABEL_KEY, (uint64_t)bytes_key);
    tm_pb_uint(&label, LABEL_NUM, size.bytes);
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
  if (!grow_strings(&b.strings))
    return false;
  b.strings.strings[0] = ""; /* string_table[0], never freed */
  b.strings.n = 1;
  /* Sample types, in the order of the values of every sample. */
  value_type(&b, out, PROFILE_SAMPLE_TYPE, "alloc_objects", "count");
  value_type(&b, out, PROFILE_SAMPLE_TYPE, "alloc_space", "bytes");
  value_type(&b, out, PROFILE_SAMPLE_TYPE, "inuse_objects", "count");
  value_type(&b, out, PROFILE_SAMPLE_TYPE, "inuse_space", "bytes");
  int64_t space = intern_string(
      &b.strings, request->alloc_default ? "alloc_space" : "inuse_space");
  int64_t bytes = intern_string(&b.strings, "bytes");

  size_t ngroup = 0;
  sample_group *groups = group_traces(snapshot, &ngroup);
  bool ok = groups && space >= 0 && bytes >= 0;
  uint64_t *ids = NULL;
  size_t ids_cap = 0;
  for (size_t i = 0; ok && i < ngroup; i++) {
    const sample_group *g = &groups[i];
    uint64_t values[NVALUES] = {
        [INUSE_OBJECTS] = g->count, [INUSE_SPACE] = g->count * g->size};
    ok = write_sample(&b, g->traceback, values, (block_size){true, g->size},
                      bytes, &ids, &ids_cap, out);
  }
  size_t nallocated = 0;
  const tm_allocated **allocated =
      ok ? sorted_allocated(snapshot, &nallocated) : NULL;
  ok = ok && allocated;
  for (size_t i = 0; ok && i < nallocated; i++) {
    const tm_allocated *a = allocated[i];
    uint64_t values[NVALUES] = {
        [ALLOC_OBJECTS] = a->count, [ALLOC_SPACE] = a->size};
    ok = write_sample(&b, a->traceback, values, (block_size){false, 0}, bytes,
                      &ids, &ids_cap, out);
  }
  free(allocated);
  free(ids);
  free(groups);

  /* One mapping, the program, whose name pprof shows as the profile's
   * "File".  No location points at it: their addresses are 0, and pprof's
   * source view disassembles the file of a location's mapping around its
   * address (and fails on a range of 0 bytes at 0); without one it shows
   * the source alone. */
  const char *program = tm_snapshot_process(snapshot)->program;
  int64_t mapping_name =
      intern_string(&b.strings, program[0] ? program : UNKNOWN_PROGRAM);
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
  free_strings(&b.strings);
  return ok;
}
