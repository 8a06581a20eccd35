/*
 * tmreport pprof: the live memory of a dump as a gzipped profile.proto,
 * the format of pprof (go tool pprof, github.com/google/pprof), Pyroscope
 * and Parca.  The sample types of Go's heap profiles, alloc_objects/count,
 * alloc_space/bytes, inuse_objects/count and inuse_space/bytes, the last
 * the default: for the live blocks one Sample per distinct traceback and
 * block size, its size the label "bytes"; for what was allocated since
 * tracing started (dumps of format version 4) one Sample per traceback,
 * of every size; their locations most recent first as pprof wants them;
 * one Location per distinct frame (file, line, function), each with one
 * Line; one Function per distinct (name, file); one Mapping, the program.
 *
 * The message is built in memory by the small encoder of protobuf.c (see
 * docs/design.md, "pprof export"), then gzipped with zlib.
 */
#define _GNU_SOURCE /* asprintf */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "id_table.h"
#include "protobuf.h"
#include "tmreport.h"

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
  id_table functions;  /* (name, filename, 0) as string indexes */
  id_table locations;  /* (function id, line, 0) */
  pb_buf function_fields, location_fields, message;
  const tm_process *process; /* its directories make paths absolute */
  id_table paths;            /* (filename's address, 0, 0): */
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
  uint32_t id = intern_key(&b->paths, (key3){(uint64_t)(uintptr_t)filename, 0, 0},
                           &added);
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
  uint32_t id = intern_key(
      &b->functions, (key3){(uint64_t)name_index, (uint64_t)file_index, 0},
      &added);
  if (added) {
    pb_buf *m = &b->message;
    pb_reset(m);
    pb_uint(m, FUNCTION_ID, id);
    pb_uint(m, FUNCTION_NAME, (uint64_t)name_index);
    pb_uint(m, FUNCTION_SYSTEM_NAME, (uint64_t)name_index);
    if (file_index)
      pb_uint(m, FUNCTION_FILENAME, (uint64_t)file_index);
    pb_message(&b->function_fields, PROFILE_FUNCTION, m);
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
  uint32_t id = intern_key(&b->locations, (key3){function, line, 0}, &added);
  if (added) {
    pb_buf line_message = {0};
    pb_uint(&line_message, LINE_FUNCTION_ID, function);
    if (line)
      pb_uint(&line_message, LINE_LINE, line);
    pb_buf *m = &b->message;
    pb_reset(m);
    pb_uint(m, LOCATION_ID, id);
    pb_message(m, LOCATION_LINE, &line_message);
    pb_free(&line_message);
    pb_message(&b->location_fields, PROFILE_LOCATION, m);
  }
  return id;
}

static void value_type(builder *b, pb_buf *out, uint32_t field,
                       const char *type, const char *unit) {
  pb_buf *m = &b->message;
  pb_reset(m);
  int64_t t = intern_string(&b->strings, type);
  int64_t u = intern_string(&b->strings, unit);
  if (t < 0 || u < 0) {
    out->failed = true;
    return;
  }
  pb_uint(m, VALUE_TYPE_TYPE, (uint64_t)t);
  pb_uint(m, VALUE_TYPE_UNIT, (uint64_t)u);
  pb_message(out, field, m);
}

/* When the snapshot was taken, in nanoseconds since 1970; for a dump that
 * does not say (format 1 and 2), its modification time, else now. */
static uint64_t profile_time(const tm_snapshot *snapshot, const char *path) {
  uint64_t taken = tm_snapshot_process(snapshot)->time_ns;
  struct stat st;
  struct timespec ts;
  if (taken)
    return taken;
  if (stat(path, &st) == 0)
    ts = st.st_mtim;
  else
    clock_gettime(CLOCK_REALTIME, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
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
  id_table ids = {0};
  bool ok = groups != NULL;
  for (size_t i = 0; ok && i < ntrace; i++) {
    const tm_trace *t = tm_snapshot_trace(snapshot, i);
    bool added;
    uint32_t id = intern_key(
        &ids, (key3){(uint64_t)(uintptr_t)t->traceback, t->size, 0}, &added);
    ok = id != 0;
    if (ok && added)
      groups[id - 1] = (sample_group){t->traceback, t->size, 0};
    if (ok)
      groups[id - 1].count++;
  }
  *n = ids.n;
  free_table(&ids);
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
                         pb_buf *out) {
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
    (*ids)[f] = location_id(b, tb->nframe ? &tb->frames[tb->nframe - 1 - f]
                                          : NULL);
    if (!(*ids)[f])
      return false;
  }
  pb_buf label = {0}, sample = {0};
  pb_packed(&sample, SAMPLE_LOCATION_ID, *ids, n);
  pb_packed(&sample, SAMPLE_VALUE, values, NVALUES);
  if (size.known) {
    pb_uint(&label, LABEL_KEY, (uint64_t)bytes_key);
    pb_uint(&label, LABEL_NUM, size.bytes);
    pb_uint(&label, LABEL_NUM_UNIT, (uint64_t)bytes_key);
    pb_message(&sample, SAMPLE_LABEL, &label);
  }
  pb_message(out, PROFILE_SAMPLE, &sample);
  bool ok = !label.failed && !sample.failed;
  pb_free(&label);
  pb_free(&sample);
  return ok;
}

/* The whole Profile message of the traces of `snapshot`, read from
 * `path`, into *out; false without memory. */
static bool build_profile(const tm_snapshot *snapshot, const char *path,
                          pb_buf *out) {
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
  int64_t space = intern_string(&b.strings, "inuse_space");
  int64_t bytes = intern_string(&b.strings, "bytes");

  size_t ngroup = 0;
  sample_group *groups = group_traces(snapshot, &ngroup);
  bool ok = groups && space >= 0 && bytes >= 0;
  uint64_t *ids = NULL;
  size_t ids_cap = 0;
  for (size_t i = 0; ok && i < ngroup; i++) {
    const sample_group *g = &groups[i];
    uint64_t values[NVALUES] = {[INUSE_OBJECTS] = g->count,
                                [INUSE_SPACE] = g->count * g->size};
    ok = write_sample(&b, g->traceback, values, (block_size){true, g->size},
                      bytes, &ids, &ids_cap, out);
  }
  size_t nallocated = 0;
  const tm_allocated **allocated =
      ok ? sorted_allocated(snapshot, &nallocated) : NULL;
  ok = ok && allocated;
  for (size_t i = 0; ok && i < nallocated; i++) {
    const tm_allocated *a = allocated[i];
    uint64_t values[NVALUES] = {[ALLOC_OBJECTS] = a->count,
                                [ALLOC_SPACE] = a->size};
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
  pb_buf *m = &b.message;
  pb_reset(m);
  pb_uint(m, MAPPING_ID, 1);
  pb_uint(m, MAPPING_FILENAME, (uint64_t)mapping_name);
  pb_uint(m, MAPPING_HAS_FUNCTIONS, 1);
  pb_uint(m, MAPPING_HAS_FILENAMES, 1);
  pb_uint(m, MAPPING_HAS_LINE_NUMBERS, 1);
  pb_message(out, PROFILE_MAPPING, m);
  pb_append(out, &b.location_fields);
  pb_append(out, &b.function_fields);

  /* Interned last of all: the period type's strings. */
  pb_buf period_type = {0};
  value_type(&b, &period_type, PROFILE_PERIOD_TYPE, "space", "bytes");
  /* Interned as they are, so that names which differ in bytes stay
   * apart; written as shown, since protobuf strings are UTF-8. */
  for (size_t s = 0; ok && s < b.strings.n; s++) {
    char *shown = shown_name(b.strings.strings[s]);
    ok = shown != NULL;
    if (ok)
      pb_string(out, PROFILE_STRING_TABLE, shown);
    free(shown);
  }
  pb_uint(out, PROFILE_TIME_NANOS, profile_time(snapshot, path));
  pb_append(out, &period_type);
  pb_uint(out, PROFILE_PERIOD, 1);
  /* What pprof shows first: the bytes alive, as Go's heap profiles. */
  pb_uint(out, PROFILE_DEFAULT_SAMPLE_TYPE, (uint64_t)space);
  ok = ok && !out->failed && !period_type.failed;

  pb_free(&period_type);
  pb_free(&b.function_fields);
  pb_free(&b.location_fields);
  pb_free(&b.message);
  free_table(&b.functions);
  free_table(&b.locations);
  free_table(&b.paths);
  free(b.path_index);
  free_strings(&b.strings);
  return ok;
}

/* Writes `data` gzipped to `out`; false with errno set on failure. */
static bool write_gzip(FILE *out, const unsigned char *data, size_t len) {
  z_stream z = {0};
  /* 15 + 16: the largest window, with a gzip header and trailer. */
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    errno = ENOMEM;
    return false;
  }
  unsigned char chunk[65536];
  bool ok = true;
  int flush;
  do {
    uInt step = len > (1u << 30) ? (1u << 30) : (uInt)len;
    z.next_in = (unsigned char *)data;
    z.avail_in = step;
    data += step;
    len -= step;
    flush = len ? Z_NO_FLUSH : Z_FINISH;
    do {
      z.next_out = chunk;
      z.avail_out = sizeof chunk;
      if (deflate(&z, flush) == Z_STREAM_ERROR) {
        errno = EIO;
        ok = false;
        break;
      }
      size_t have = sizeof chunk - z.avail_out;
      if (fwrite(chunk, 1, have, out) != have) {
        ok = false;
        break;
      }
    } while (z.avail_out == 0);
  } while (ok && flush != Z_FINISH);
  deflateEnd(&z);
  return ok;
}

int run_pprof(const report_options *options) {
  const char *path = options->dumps[0];
  tm_snapshot *snapshot = load_filtered_snapshot(path, options);
  if (!snapshot)
    return TMREPORT_EXIT_ERROR;
  pb_buf message = {0};
  int status = TMREPORT_EXIT_OK;
  if (!build_profile(snapshot, path, &message)) {
    status = report_error("%s: cannot build the profile: %s", path,
                          strerror(errno ? errno : ENOMEM));
  } else {
    output_file out;
    if (!open_output(&out, options->output) ||
        !close_output(&out, write_gzip(out.stream, message.data, message.len)))
      status = TMREPORT_EXIT_ERROR;
  }
  pb_free(&message);
  tm_snapshot_free(snapshot);
  return status;
}
