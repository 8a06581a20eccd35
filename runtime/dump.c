/*
 * Snapshot.dump() and Snapshot.load(): a snapshot to and from the file
 * format of docs/format.md, whose constants are in dump_format.h.
 *
 * The writer builds the whole file in memory and writes it with one call,
 * so a failure never depends on how far the file got.  The reader reads the
 * whole file, checks the header and the checksum, then walks the payload
 * twice with the same code: first to check every count, index and length
 * against the bytes that are really there, allocating nothing; then, with
 * the counts it has checked, to fill a snapshot of exactly that size.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dump_format.h"
#include "file_replace.h"
#include "live.h"
#include "snapshot.h"

/* ----- bytes ------------------------------------------------------------ */

/* zlib's CRC-32 (reflected polynomial 0xEDB88320), four bits at a time: a
 * 16-entry table is short enough to write out and check by eye against
 * any CRC-32 reference. */
static const uint32_t crc_table[16] = {
    0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4,
    0x4db26158, 0x5005713c, 0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
    0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c};

static uint32_t crc32_of(const unsigned char *p, size_t n) {
  uint32_t crc = 0xffffffffu;
  for (size_t i = 0; i < n; i++) {
    crc ^= p[i];
    crc = (crc >> 4) ^ crc_table[crc & 15];
    crc = (crc >> 4) ^ crc_table[crc & 15];
  }
  return ~crc;
}

static uint32_t get_le32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}

static uint64_t get_le64(const unsigned char *p) {
  return get_le32(p) | (uint64_t)get_le32(p + 4) << 32;
}

static void set_le32(unsigned char *p, uint32_t v) {
  for (int i = 0; i < 4; i++)
    p[i] = (unsigned char)(v >> (8 * i));
}

static void set_le64(unsigned char *p, uint64_t v) {
  set_le32(p, (uint32_t)v);
  set_le32(p + 4, (uint32_t)(v >> 32));
}

/* ----- writing: a growing buffer ------------------------------------------ */

typedef struct writer {
  unsigned char *bytes;
  size_t size, capacity;
  bool failed; /* out of memory: every later put is a no-op */
} writer;

/* n more bytes at the end of the buffer, or NULL once out of memory. */
static unsigned char *room(writer *w, size_t n) {
  if (w->failed)
    return NULL;
  if (w->capacity - w->size < n) {
    size_t capacity = w->capacity ? w->capacity : 4096;
    while (capacity - w->size < n && capacity <= SIZE_MAX / 2)
      capacity *= 2;
    unsigned char *bytes = capacity - w->size < n
                               ? NULL
                               : tm_real.realloc(w->bytes, capacity);
    if (!bytes) {
      w->failed = true;
      return NULL;
    }
    w->bytes = bytes;
    w->capacity = capacity;
  }
  unsigned char *p = w->bytes + w->size;
  w->size += n;
  return p;
}

static void put_u32(writer *w, uint32_t v) {
  unsigned char *p = room(w, 4);
  if (p)
    set_le32(p, v);
}

static void put_u64(writer *w, uint64_t v) {
  unsigned char *p = room(w, 8);
  if (p)
    set_le64(p, v);
}

static void put_bytes(writer *w, const void *bytes, size_t n) {
  unsigned char *p = room(w, n);
  if (p && n)
    memcpy(p, bytes, n);
}

/* ----- writing: the string table ---------------------------------------- */

/* Each distinct file and function name once, in order of first use. */
typedef struct string_table {
  const char **list; /* nslots / 2 entries */
  size_t count;
  uint32_t *slots; /* open addressing: index + 1, 0 marks empty */
  size_t nslots;   /* power of two */
} string_table;

static bool grow_string_table(string_table *t) {
  size_t nslots = t->nslots ? t->nslots * 2 : 64;
  uint32_t *slots = tm_real.calloc(nslots, sizeof *slots);
  const char **list = tm_real.realloc(t->list, nslots / 2 * sizeof *list);
  if (list)
    t->list = list;
  if (!slots || !list) {
    tm_real.free(slots);
    return false;
  }
  for (size_t i = 0; i < t->count; i++) {
    size_t j = tm_hash_string(t->list[i]) & (nslots - 1);
    while (slots[j])
      j = (j + 1) & (nslots - 1);
    slots[j] = (uint32_t)i + 1;
  }
  tm_real.free(t->slots);
  t->slots = slots;
  t->nslots = nslots;
  return true;
}

static size_t find_slot(const string_table *t, const char *s) {
  size_t mask = t->nslots - 1;
  size_t j = tm_hash_string(s) & mask;
  while (t->slots[j] && strcmp(t->list[t->slots[j] - 1], s) != 0)
    j = (j + 1) & mask;
  return j;
}

/* The index of s in the table, added if new; false with the error set.
 * Looking up a string already there never allocates. */
static bool string_index(string_table *t, const char *s, uint32_t *index) {
  if (!s)
    s = "";
  size_t j = t->nslots ? find_slot(t, s) : 0;
  if (t->nslots && t->slots[j]) {
    *index = t->slots[j] - 1;
    return true;
  }
  if (t->count >= UINT32_MAX - 1 || strlen(s) > UINT32_MAX) {
    tm_set_error(EOVERFLOW, "cannot dump the snapshot: more or longer "
                 "strings than format version %d can hold", TM_DUMP_VERSION);
    return false;
  }
  if (t->count + 1 > t->nslots / 2) {
    if (!grow_string_table(t)) {
      tm_set_error(ENOMEM, "cannot dump the snapshot: out of memory");
      return false;
    }
    j = find_slot(t, s);
  }
  t->list[t->count] = s;
  t->slots[j] = (uint32_t)++t->count;
  *index = t->count - 1;
  return true;
}

static void free_string_table(string_table *t) {
  tm_real.free(t->list);
  tm_real.free(t->slots);
}

/* ----- writing: the sections ---------------------------------------------- */

/* Checks what the format's fixed widths can hold and fills the table. */
static bool collect_strings(const tm_snapshot *s, string_table *names) {
  if (s->ntracebacks > UINT32_MAX) {
    tm_set_error(EOVERFLOW, "cannot dump the snapshot: %zu tracebacks, more "
                 "than format version %d can index", s->ntracebacks,
                 TM_DUMP_VERSION);
    return false;
  }
  if (s->traceback_limit < 0 || s->traceback_limit > TM_MAX_NFRAME) {
    tm_set_error(EINVAL, "cannot dump the snapshot: its traceback limit %d "
                 "is out of range", s->traceback_limit);
    return false;
  }
  uint32_t unused;
  for (size_t t = 0; t < s->ntracebacks; t++) {
    const tm_traceback *tb = &s->tracebacks[t];
    if (tb->nframe > UINT32_MAX || tb->total_nframe > UINT32_MAX ||
        tb->nwrapper > UINT32_MAX - tb->nframe) {
      tm_set_error(EOVERFLOW, "cannot dump the snapshot: traceback %zu has "
                   "more frames than format version %d can count", t,
                   TM_DUMP_VERSION);
      return false;
    }
    for (size_t f = 0; f < tb->nframe + tb->nwrapper; f++)
      if (!string_index(names, tb->frames[f].filename, &unused) ||
          !string_index(names, tb->frames[f].function, &unused))
        return false;
  }
  return true;
}

static void put_strings(writer *w, const string_table *names) {
  put_u64(w, names->count);
  for (size_t i = 0; i < names->count; i++) {
    size_t length = strlen(names->list[i]);
    put_u32(w, (uint32_t)length);
    put_bytes(w, names->list[i], length);
  }
}

static void put_tracebacks(writer *w, const tm_snapshot *s,
                           string_table *names) {
  put_u64(w, s->ntracebacks);
  for (size_t t = 0; t < s->ntracebacks; t++) {
    const tm_traceback *tb = &s->tracebacks[t];
    put_u32(w, (uint32_t)tb->nframe);
    put_u32(w, (uint32_t)tb->total_nframe);
    put_u32(w, (uint32_t)tb->nwrapper);
    for (size_t f = 0; f < tb->nframe + tb->nwrapper; f++) {
      uint32_t filename = 0, function = 0; /* found by collect_strings */
      string_index(names, tb->frames[f].filename, &filename);
      string_index(names, tb->frames[f].function, &function);
      put_u32(w, filename);
      put_u32(w, tb->frames[f].lineno);
      put_u32(w, function);
    }
  }
}

/* A trace as the file groups it: traces that share all three are one run. */
typedef struct trace_key {
  uint32_t domain, traceback;
  uint64_t size;
} trace_key;

static int compare_keys(const void *pa, const void *pb) {
  const trace_key *a = pa, *b = pb;
  if (a->domain != b->domain)
    return a->domain < b->domain ? -1 : 1;
  if (a->traceback != b->traceback)
    return a->traceback < b->traceback ? -1 : 1;
  if (a->size != b->size)
    return a->size < b->size ? -1 : 1;
  return 0;
}

/* The snapshot's traces as keys, sorted so that groups and runs are
 * contiguous; NULL with the error set. */
static trace_key *sorted_keys(const tm_snapshot *s) {
  trace_key *keys = tm_real.malloc((s->ntraces ? s->ntraces : 1) * sizeof *keys);
  if (!keys) {
    tm_set_error(ENOMEM, "cannot dump the snapshot: out of memory for %zu "
                 "traces", s->ntraces);
    return NULL;
  }
  for (size_t i = 0; i < s->ntraces; i++) {
    const tm_trace *t = &s->traces[i];
    size_t tb = t->traceback ? tm_traceback_index(s, t) : SIZE_MAX;
    if (tb >= s->ntracebacks) {
      tm_set_error(EINVAL, "cannot dump the snapshot: trace %zu has no "
                   "traceback of the snapshot", i);
      tm_real.free(keys);
      return NULL;
    }
    keys[i] = (trace_key){.domain = t->domain, .traceback = (uint32_t)tb,
                          .size = t->size};
  }
  qsort(keys, s->ntraces, sizeof *keys, compare_keys);
  return keys;
}

static bool same_group(const trace_key *a, const trace_key *b) {
  return a->domain == b->domain && a->traceback == b->traceback;
}

/* Where the group or the run that starts at i ends. */
static size_t group_end(const trace_key *k, size_t n, size_t i) {
  size_t j = i + 1;
  while (j < n && same_group(&k[i], &k[j]))
    j++;
  return j;
}

static size_t run_end(const trace_key *k, size_t n, size_t i) {
  size_t j = i + 1;
  while (j < n && compare_keys(&k[i], &k[j]) == 0)
    j++;
  return j;
}

static void put_traces(writer *w, const trace_key *keys, size_t n) {
  size_t ngroups = 0;
  for (size_t i = 0; i < n; i = group_end(keys, n, i))
    ngroups++;
  put_u64(w, n);
  put_u64(w, ngroups);
  for (size_t i = 0, end; i < n; i = end) {
    end = group_end(keys, n, i);
    size_t nruns = 0;
    for (size_t r = i; r < end; r = run_end(keys, end, r))
      nruns++;
    put_u32(w, keys[i].domain);
    put_u32(w, keys[i].traceback);
    put_u64(w, nruns);
    for (size_t r = i, next; r < end; r = next) {
      next = run_end(keys, end, r);
      put_u64(w, keys[r].size);
      put_u64(w, next - r);
    }
  }
}

/* A number field of the process section; 0 is unknown and left out. */
static void put_number_field(writer *w, uint32_t tag, uint64_t value,
                             uint64_t *count) {
  if (!value)
    return;
  put_u32(w, tag);
  put_u32(w, TM_DUMP_FIELD_NUMBER_SIZE);
  put_u64(w, value);
  ++*count;
}

/* The fields the snapshot knows, behind their count, which is filled in
 * once they are written. */
static void put_process(writer *w, const tm_process *process) {
  size_t at = w->size;
  uint64_t count = 0;
  put_u64(w, 0);
  /* A program's path comes from readlink() or from a dump's u32 length. */
  size_t length = strlen(process->program);
  if (length) {
    put_u32(w, TM_DUMP_FIELD_PROGRAM);
    put_u32(w, (uint32_t)length);
    put_bytes(w, process->program, length);
    count++;
  }
  put_number_field(w, TM_DUMP_FIELD_PID, process->pid, &count);
  put_number_field(w, TM_DUMP_FIELD_TIME, process->time_ns, &count);
  put_number_field(w, TM_DUMP_FIELD_START, process->start_ns, &count);
  if (process->ndirectories) {
    size_t value = 0;
    for (size_t i = 0; i < process->ndirectories; i++)
      value += 4 + strlen(process->directories[i]);
    put_u32(w, TM_DUMP_FIELD_DIRECTORIES);
    put_u32(w, (uint32_t)value);
    for (size_t i = 0; i < process->ndirectories; i++) {
      size_t n = strlen(process->directories[i]);
      put_u32(w, (uint32_t)n);
      put_bytes(w, process->directories[i], n);
    }
    count++;
  }
  if (!w->failed)
    set_le64(w->bytes + at, count);
}

/* Section 7: the allocations by (domain, traceback). */
static void put_allocated(writer *w, const tm_snapshot *s) {
  put_u64(w, s->nallocated);
  for (size_t i = 0; i < s->nallocated; i++) {
    const tm_allocated *a = &s->allocated[i];
    put_u32(w, a->domain);
    put_u32(w, (uint32_t)(a->traceback - s->tracebacks));
    put_u64(w, a->count);
    put_u64(w, a->size);
  }
}

unsigned char *tm_dump_serialize(const tm_snapshot *s, size_t *size) {
  string_table names = {0};
  trace_key *keys = NULL;
  writer w = {0};
  bool ok = collect_strings(s, &names) && (keys = sorted_keys(s));
  if (ok) {
    room(&w, TM_DUMP_HEADER_SIZE); /* filled once the payload is known */
    put_strings(&w, &names);
    put_tracebacks(&w, s, &names);
    put_traces(&w, keys, s->ntraces);
    put_u32(&w, (uint32_t)s->traceback_limit);
    put_u64(&w, s->ntimeline);
    for (size_t i = 0; i < s->ntimeline; i++) {
      put_u64(&w, s->timeline[i].time_ns);
      put_u64(&w, s->timeline[i].current);
      put_u64(&w, s->timeline[i].peak);
    }
    put_process(&w, &s->process);
    put_allocated(&w, s);
    if (w.failed)
      tm_set_error(ENOMEM, "cannot dump the snapshot: out of memory for a "
                   "file of more than %zu bytes", w.size);
    ok = !w.failed;
  }
  if (ok) {
    const unsigned char *payload = w.bytes + TM_DUMP_HEADER_SIZE;
    size_t payload_size = w.size - TM_DUMP_HEADER_SIZE;
    memcpy(w.bytes, TM_DUMP_MAGIC, TM_DUMP_MAGIC_SIZE);
    set_le32(w.bytes + TM_DUMP_VERSION_OFFSET, TM_DUMP_VERSION);
    set_le32(w.bytes + TM_DUMP_CHECKSUM_OFFSET,
             crc32_of(payload, payload_size));
    set_le64(w.bytes + TM_DUMP_PAYLOAD_SIZE_OFFSET, payload_size);
    *size = w.size;
  } else {
    tm_real.free(w.bytes);
    w.bytes = NULL;
  }
  tm_real.free(keys);
  free_string_table(&names);
  return w.bytes;
}

/* ----- reading: the header ---------------------------------------------- */

/* The header alone, whatever follows it: the magic, the version, the
 * header's own length.  false with the error set. */
static bool check_start(const unsigned char *data, size_t size,
                        const char *name) {
  if (size == 0) {
    tm_set_error(EINVAL, "%s: empty file, not a tracemalloc snapshot dump",
                 name);
    return false;
  }
  size_t magic = size < TM_DUMP_MAGIC_SIZE ? size : TM_DUMP_MAGIC_SIZE;
  if (memcmp(data, TM_DUMP_MAGIC, magic) != 0) {
    tm_set_error(EINVAL, "%s: not a tracemalloc snapshot dump (wrong magic "
                 "bytes)", name);
    return false;
  }
  if (size < TM_DUMP_VERSION_OFFSET + 4) {
    tm_set_error(EILSEQ, "%s: truncated: %zu bytes, shorter than the "
                 "%d-byte header", name, size, TM_DUMP_HEADER_SIZE);
    return false;
  }
  /* Nothing after the version is trusted before the version is known. */
  uint32_t version = get_le32(data + TM_DUMP_VERSION_OFFSET);
  if (version > TM_DUMP_VERSION) {
    tm_set_error(ENOTSUP, "%s: written by a newer tracemalloc: format "
                 "version %" PRIu32 ", this library reads up to %d", name,
                 version, TM_DUMP_VERSION);
    return false;
  }
  if (version == 0) {
    tm_set_error(ENOTSUP, "%s: unknown format version 0, this library reads "
                 "versions 1 to %d", name, TM_DUMP_VERSION);
    return false;
  }
  if (size < TM_DUMP_HEADER_SIZE) {
    tm_set_error(EILSEQ, "%s: truncated: %zu bytes, shorter than the "
                 "%d-byte header", name, size, TM_DUMP_HEADER_SIZE);
    return false;
  }
  return true;
}

/* The header is sound and the payload matches its size and checksum. */
static bool check_header(const unsigned char *data, size_t size,
                         const char *name) {
  if (!check_start(data, size, name))
    return false;
  uint64_t expected = get_le64(data + TM_DUMP_PAYLOAD_SIZE_OFFSET);
  size_t present = size - TM_DUMP_HEADER_SIZE;
  if (present < expected) {
    tm_set_error(EILSEQ, "%s: truncated: the payload has %zu of its %" PRIu64
                 " bytes", name, present, expected);
    return false;
  }
  if (present > expected) {
    uint64_t extra = (uint64_t)present - expected;
    tm_set_error(EILSEQ, "%s: %" PRIu64 " unexpected byte%s after the end "
                 "of the snapshot", name, extra, extra == 1 ? "" : "s");
    return false;
  }
  uint32_t stored = get_le32(data + TM_DUMP_CHECKSUM_OFFSET);
  uint32_t actual = crc32_of(data + TM_DUMP_HEADER_SIZE, present);
  if (stored != actual) {
    tm_set_error(EILSEQ, "%s: checksum mismatch, the file is corrupted "
                 "(CRC-32 of the payload 0x%08" PRIx32 ", the header says "
                 "0x%08" PRIx32 ")", name, actual, stored);
    return false;
  }
  return true;
}

/* ----- reading: the payload --------------------------------------------- */

typedef struct loader {
  const char *name; /* the file, for messages */
  uint32_t version; /* the file's format version */
  const unsigned char *at, *end;
  size_t max_traces;
  /* Learnt by the checking walk. */
  size_t nstrings, ntracebacks, nframes, ntraces, longest_string, ntimeline,
      nallocated, ndirectories;
  const char **directories; /* the snapshot's, filled on the second walk */
  uint32_t traceback_limit;
  /* Filled by the building walk; the checking walk has snapshot NULL. */
  tm_snapshot *snapshot;
  const char **strings; /* interned, by index */
  char *scratch; /* longest_string + 1 bytes, to NUL-terminate a string or
                    the program's path */
} loader;

static size_t left(const loader *l) { return (size_t)(l->end - l->at); }

static bool read_u32(loader *l, uint32_t *v) {
  if (left(l) < 4)
    return false;
  *v = get_le32(l->at);
  l->at += 4;
  return true;
}

static bool read_u64(loader *l, uint64_t *v) {
  if (left(l) < 8)
    return false;
  *v = get_le64(l->at);
  l->at += 8;
  return true;
}

/* The checksum matched, so a bad structure means a faulty writer (or a
 * crafted file): say where it stopped making sense. */
static bool corrupted(loader *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static bool corrupted(loader *l, const char *fmt, ...) {
  char detail[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(detail, sizeof detail, fmt, ap);
  va_end(ap);
  tm_set_error(EILSEQ, "%s: corrupted: %s", l->name, detail);
  return false;
}

/* A section's count, checked against the bytes left: each of its records
 * takes at least min_size bytes, so a count that claims more records than
 * could fit is refused before anything is allocated for them. */
static bool read_count(loader *l, uint64_t *n, size_t min_size,
                       const char *what) {
  if (!read_u64(l, n))
    return corrupted(l, "the payload ends before the number of %s", what);
  if (*n > left(l) / min_size)
    return corrupted(l, "%" PRIu64 " %s claimed but only %zu bytes are left",
                     *n, what, left(l));
  return true;
}

static bool walk_strings(loader *l) {
  uint64_t n;
  if (!read_count(l, &n, TM_DUMP_STRING_MIN_SIZE, "strings"))
    return false;
  for (uint64_t i = 0; i < n; i++) {
    uint32_t length;
    if (!read_u32(l, &length) || length > left(l))
      return corrupted(l, "string %" PRIu64 " runs past the end of the "
                       "payload", i);
    const unsigned char *bytes = l->at;
    l->at += length;
    if (memchr(bytes, '\0', length))
      return corrupted(l, "string %" PRIu64 " contains a NUL byte", i);
    if (l->snapshot) {
      memcpy(l->scratch, bytes, length);
      l->scratch[length] = '\0';
      l->strings[i] = tm_intern(l->scratch);
    } else if (length > l->longest_string) {
      l->longest_string = length;
    }
  }
  l->nstrings = (size_t)n;
  return true;
}

static bool read_string_index(loader *l, uint32_t index, const char **out,
                              uint64_t traceback, uint32_t frame) {
  if (index >= l->nstrings)
    return corrupted(l, "frame %" PRIu32 " of traceback %" PRIu64 " names "
                     "string %" PRIu32 ", there are %zu", frame, traceback,
                     index, l->nstrings);
  if (l->snapshot)
    *out = l->strings[index];
  return true;
}

static bool walk_tracebacks(loader *l) {
  uint64_t n;
  if (!read_count(l, &n, TM_DUMP_TRACEBACK_MIN_SIZE, "tracebacks"))
    return false;
  size_t nframes = 0;
  bool wrappers = l->version >= TM_DUMP_WRAPPERS_SINCE;
  for (uint64_t t = 0; t < n; t++) {
    uint32_t nframe, total_nframe, nwrapper = 0;
    if (!read_u32(l, &nframe) || !read_u32(l, &total_nframe) ||
        (wrappers && !read_u32(l, &nwrapper)))
      return corrupted(l, "traceback %" PRIu64 " runs past the end of the "
                       "payload", t);
    if (nframe > left(l) / TM_DUMP_FRAME_SIZE ||
        nwrapper > left(l) / TM_DUMP_FRAME_SIZE - nframe)
      return corrupted(l, "traceback %" PRIu64 " claims %" PRIu64 " frames "
                       "but only %zu bytes are left", t,
                       (uint64_t)nframe + nwrapper, left(l));
    tm_frame *frames = l->snapshot ? &l->snapshot->frames[nframes] : NULL;
    if (l->snapshot)
      l->snapshot->tracebacks[t] = (tm_traceback){.nframe = nframe,
                                                  .total_nframe = total_nframe,
                                                  .frames = frames,
                                                  .nwrapper = nwrapper};
    for (uint32_t f = 0; f < nframe + nwrapper; f++) {
      uint32_t filename, lineno, function;
      tm_frame frame = {0};
      read_u32(l, &filename); /* the three fit: checked above */
      read_u32(l, &lineno);
      read_u32(l, &function);
      if (!read_string_index(l, filename, &frame.filename, t, f) ||
          !read_string_index(l, function, &frame.function, t, f))
        return false;
      frame.lineno = lineno;
      if (frames)
        frames[f] = frame;
    }
    nframes += (size_t)nframe + nwrapper;
  }
  l->ntracebacks = (size_t)n;
  l->nframes = nframes;
  return true;
}

static bool walk_traces(loader *l) {
  uint64_t total, ngroups;
  if (!read_u64(l, &total))
    return corrupted(l, "the payload ends before the number of traces");
  if (total > l->max_traces)
    return corrupted(l, "%" PRIu64 " traces claimed, more than this process "
                     "can hold (%zu)", total, l->max_traces);
  if (!read_count(l, &ngroups, TM_DUMP_GROUP_MIN_SIZE, "trace groups"))
    return false;
  uint64_t sum = 0;
  for (uint64_t g = 0; g < ngroups; g++) {
    uint32_t domain, traceback;
    uint64_t nruns;
    if (!read_u32(l, &domain) || !read_u32(l, &traceback) ||
        !read_u64(l, &nruns))
      return corrupted(l, "trace group %" PRIu64 " runs past the end of the "
                       "payload", g);
    if (traceback >= l->ntracebacks)
      return corrupted(l, "trace group %" PRIu64 " names traceback %" PRIu32
                       ", there are %zu", g, traceback, l->ntracebacks);
    if (nruns > left(l) / TM_DUMP_RUN_SIZE)
      return corrupted(l, "trace group %" PRIu64 " claims %" PRIu64 " sizes "
                       "but only %zu bytes are left", g, nruns, left(l));
    for (uint64_t r = 0; r < nruns; r++) {
      uint64_t size, count;
      read_u64(l, &size); /* both fit: checked above */
      read_u64(l, &count);
      if (count > total - sum)
        return corrupted(l, "the trace groups hold more than the %" PRIu64
                         " traces claimed", total);
      if (l->snapshot) {
        tm_trace trace = {.domain = domain,
                          .size = (size_t)size,
                          .traceback = &l->snapshot->tracebacks[traceback]};
        for (uint64_t i = sum; i < sum + count; i++)
          l->snapshot->traces[i] = trace;
      }
      sum += count;
    }
  }
  if (sum != total)
    return corrupted(l, "the trace groups hold %" PRIu64 " traces, %" PRIu64
                     " claimed", sum, total);
  l->ntraces = (size_t)total;
  return true;
}

/* The timeline: points of three u64s. */
static bool walk_timeline(loader *l) {
  uint64_t count;
  if (!read_u64(l, &count))
    return corrupted(l, "the payload ends before the timeline");
  if (count > left(l) / TM_DUMP_TIMELINE_POINT_SIZE)
    return corrupted(l, "%" PRIu64 " timeline points claimed, %zu bytes left",
                     count, left(l));
  l->ntimeline = (size_t)count;
  for (size_t i = 0; i < l->ntimeline; i++) {
    uint64_t time_ns, current, peak;
    read_u64(l, &time_ns);
    read_u64(l, &current);
    read_u64(l, &peak);
    if (l->snapshot)
      l->snapshot->timeline[i] = (tm_timeline_point){
          .time_ns = time_ns, .current = (size_t)current, .peak = (size_t)peak};
  }
  return true;
}

/* The program's path: bytes without a NUL, interned; "" when empty. */
static bool read_program(loader *l, const unsigned char *bytes,
                         uint32_t length, const char **program) {
  if (memchr(bytes, '\0', length))
    return corrupted(l, "the program's path contains a NUL byte");
  if (!l->snapshot) {
    if (length > l->longest_string)
      l->longest_string = length;
  } else if (length) {
    memcpy(l->scratch, bytes, length);
    l->scratch[length] = '\0';
    *program = tm_intern(l->scratch);
  }
  return true;
}

/* The directories field: { length:u32, bytes } to its end, each without
 * a NUL; counted (and their longest noted) on the checking walk, interned
 * into the snapshot's array on the second. */
static bool read_directories(loader *l, const unsigned char *value,
                             uint32_t length, tm_process *process) {
  size_t n = 0;
  for (uint32_t at = 0; at < length; n++) {
    uint32_t size;
    if (length - at < 4 ||
        (size = get_le32(value + at)) > length - at - 4)
      return corrupted(l, "directory %zu runs past the end of its field", n);
    const unsigned char *bytes = value + at + 4;
    at += 4 + size;
    if (memchr(bytes, '\0', size))
      return corrupted(l, "directory %zu contains a NUL byte", n);
    if (!l->snapshot) {
      if (size > l->longest_string)
        l->longest_string = size;
      continue;
    }
    memcpy(l->scratch, bytes, size);
    l->scratch[size] = '\0';
    l->directories[n] = tm_intern(l->scratch);
  }
  if (!l->snapshot)
    l->ndirectories = n;
  process->directories = l->snapshot ? l->directories : NULL;
  process->ndirectories = l->snapshot ? n : 0;
  return true;
}

/* The process section: tagged fields, each known one at most once, an
 * unknown one skipped (docs/format.md). */
static bool walk_process(loader *l) {
  uint64_t n;
  if (!read_count(l, &n, TM_DUMP_FIELD_MIN_SIZE, "process fields"))
    return false;
  tm_process process = {.program = ""};
  unsigned seen = 0; /* a bit for each known tag */
  for (uint64_t i = 0; i < n; i++) {
    uint32_t tag, length;
    if (!read_u32(l, &tag) || !read_u32(l, &length) || length > left(l))
      return corrupted(l, "process field %" PRIu64 " runs past the end of "
                       "the payload", i);
    const unsigned char *value = l->at;
    l->at += length;
    uint64_t *number;
    switch (tag) {
    case TM_DUMP_FIELD_PROGRAM: number = NULL; break;
    case TM_DUMP_FIELD_PID: number = &process.pid; break;
    case TM_DUMP_FIELD_TIME: number = &process.time_ns; break;
    case TM_DUMP_FIELD_START: number = &process.start_ns; break;
    case TM_DUMP_FIELD_DIRECTORIES: number = NULL; break;
    default: continue; /* a later writer's: nothing this reader needs */
    }
    if (seen & 1u << tag)
      return corrupted(l, "process field %" PRIu64 " repeats tag %" PRIu32,
                       i, tag);
    seen |= 1u << tag;
    if (tag == TM_DUMP_FIELD_DIRECTORIES) {
      if (!read_directories(l, value, length, &process))
        return false;
    } else if (!number) {
      if (!read_program(l, value, length, &process.program))
        return false;
    } else if (length != TM_DUMP_FIELD_NUMBER_SIZE) {
      return corrupted(l, "process field %" PRIu64 " (tag %" PRIu32 ") has "
                       "%" PRIu32 " bytes, not %d", i, tag, length,
                       TM_DUMP_FIELD_NUMBER_SIZE);
    } else {
      *number = get_le64(value);
    }
  }
  if (l->snapshot)
    l->snapshot->process = process;
  return true;
}

/* The allocations: (domain, traceback, count, size) records. */
static bool walk_allocated(loader *l) {
  uint64_t n;
  if (!read_count(l, &n, TM_DUMP_ALLOCATED_SIZE, "allocation totals"))
    return false;
  for (uint64_t i = 0; i < n; i++) {
    uint32_t domain, traceback;
    uint64_t count, size;
    read_u32(l, &domain); /* all fit: read_count checked */
    read_u32(l, &traceback);
    read_u64(l, &count);
    read_u64(l, &size);
    if (traceback >= l->ntracebacks)
      return corrupted(l, "allocation total %" PRIu64 " names traceback %"
                       PRIu32 ", there are %zu", i, traceback,
                       l->ntracebacks);
    if (l->snapshot)
      l->snapshot->allocated[i] = (tm_allocated){
          .domain = domain,
          .count = (size_t)count,
          .size = (size_t)size,
          .traceback = &l->snapshot->tracebacks[traceback]};
  }
  l->nallocated = (size_t)n;
  return true;
}

static bool walk(loader *l) {
  if (!walk_strings(l) || !walk_tracebacks(l) || !walk_traces(l))
    return false;
  if (!read_u32(l, &l->traceback_limit))
    return corrupted(l, "the payload ends before the traceback limit");
  if (l->traceback_limit > TM_MAX_NFRAME)
    return corrupted(l, "traceback limit %" PRIu32 " is out of range (at "
                     "most %d)", l->traceback_limit, TM_MAX_NFRAME);
  const char *last = "the traceback limit";
  if (l->version >= TM_DUMP_TIMELINE_SINCE) {
    if (!walk_timeline(l))
      return false;
    last = "the timeline";
  }
  if (l->version >= TM_DUMP_PROCESS_SINCE) {
    if (!walk_process(l))
      return false;
    last = "the process section";
  }
  if (l->version >= TM_DUMP_ALLOCATED_SINCE) {
    if (!walk_allocated(l))
      return false;
    last = "the allocations";
  }
  if (left(l))
    return corrupted(l, "%zu byte%s after %s", left(l),
                     left(l) == 1 ? "" : "s", last);
  return true;
}

tm_snapshot *tm_dump_parse(const unsigned char *data, size_t size,
                           const char *name, size_t max_traces) {
  if (!check_header(data, size, name))
    return NULL;
  const unsigned char *payload = data + TM_DUMP_HEADER_SIZE;
  loader l = {.name = name, .version = get_le32(data + TM_DUMP_VERSION_OFFSET),
              .at = payload, .end = data + size, .max_traces = max_traces};
  if (!walk(&l))
    return NULL;
  l.snapshot = tm_snapshot_alloc(l.ntraces, l.ntracebacks, l.nframes);
  if (l.snapshot && !tm_snapshot_alloc_allocated(l.snapshot, l.nallocated)) {
    tm_snapshot_free(l.snapshot);
    l.snapshot = NULL;
  }
  if (l.snapshot && l.ntimeline) {
    l.snapshot->timeline =
        tm_real.malloc(l.ntimeline * sizeof *l.snapshot->timeline);
    l.snapshot->ntimeline = l.snapshot->timeline ? l.ntimeline : 0;
  }
  l.directories = l.ndirectories
                      ? tm_real.malloc(l.ndirectories * sizeof *l.directories)
                      : NULL;
  l.strings = tm_real.malloc((l.nstrings ? l.nstrings : 1) * sizeof *l.strings);
  l.scratch = tm_real.malloc(l.longest_string + 1);
  bool ok = l.snapshot && l.strings && l.scratch &&
            l.snapshot->ntimeline == l.ntimeline &&
            (l.directories || !l.ndirectories);
  if (!ok)
    tm_set_error(ENOMEM, "%s: out of memory for a snapshot of %zu traces",
                 name, l.ntraces);
  l.at = payload;
  if (ok && !walk(&l)) /* the same bytes as the checking walk: cannot fail */
    ok = false;
  if (ok)
    l.snapshot->traceback_limit = (int)l.traceback_limit;
  tm_real.free(l.strings);
  tm_real.free(l.scratch);
  if (!ok) {
    if (!l.snapshot || l.snapshot->process.directories != l.directories)
      tm_real.free(l.directories); /* not the snapshot's yet */
    tm_snapshot_free(l.snapshot);
    return NULL;
  }
  return l.snapshot;
}

/* ----- files ------------------------------------------------------------ */

/* Dumps may name the program's files and functions: a new one is for its
 * owner only, as perf.data and core files are. */
#define DUMP_MODE 0600

static bool write_file(const char *path, const unsigned char *bytes,
                       size_t size) {
  tm_file_step failed;
  int err = tm_replace_file(path, bytes, size, DUMP_MODE, &failed);
  if (err)
    tm_set_error(err, "%s: cannot %s: %s", path,
                 failed == TM_FILE_OPEN ? "create" : "write", strerror(err));
  return !err;
}

/* Reads into data[*length..want) until it has `want` bytes or the end;
 * 0 or an errno. */
static int read_upto(int fd, unsigned char *data, size_t *length,
                     size_t want) {
  while (*length < want) {
    ssize_t n = read(fd, data + *length, want - *length);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return errno;
    if (n == 0)
      return 0;
    *length += (size_t)n;
  }
  return 0;
}

/* The rest of the file after the header, at most `limit` bytes in all,
 * into a buffer that grows as bytes arrive (a pipe's size is unknown);
 * the header goes first.  NULL with the error set. */
static unsigned char *read_rest(int fd, const char *path,
                                const unsigned char *header, size_t limit,
                                size_t *size) {
  size_t capacity = limit < 64 * 1024 ? limit : 64 * 1024;
  unsigned char *data = tm_real.malloc(capacity);
  size_t length = TM_DUMP_HEADER_SIZE;
  int err = data ? 0 : ENOMEM;
  if (data)
    memcpy(data, header, TM_DUMP_HEADER_SIZE);
  while (!err) {
    err = read_upto(fd, data, &length, capacity);
    if (err || length < capacity || capacity == limit)
      break;
    size_t bigger = capacity <= limit / 2 ? capacity * 2 : limit;
    unsigned char *grown = tm_real.realloc(data, bigger);
    if (!grown)
      err = ENOMEM;
    else
      data = grown, capacity = bigger;
  }
  if (err) {
    tm_real.free(data);
    tm_set_error(err, "%s: cannot read: %s", path, strerror(err));
    return NULL;
  }
  *size = length;
  return data;
}

/* The snapshot in the file at `path`, a dump or a live file (live_load.c);
 * NULL with the error set.  Nothing after a dump's header is read before
 * the header checks out, so /dev/zero or a large file of another kind
 * fails at once; after it, at most what a regular file holds (fstat) or,
 * for a pipe, what the header claims and one byte more, which is enough
 * to tell a file that goes on.  O_NONBLOCK keeps the open of a FIFO
 * without a writer from waiting; its reads then see the end at once. */
static tm_snapshot *load_file(const char *path) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    tm_set_error(errno, "%s: cannot open: %s", path, strerror(errno));
    return NULL;
  }
  struct stat st;
  int flags = fcntl(fd, F_GETFL);
  int err = fstat(fd, &st) != 0 || flags < 0 ||
                    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0
                ? errno
                : 0;
  unsigned char header[TM_DUMP_HEADER_SIZE];
  size_t length = 0;
  if (!err)
    err = read_upto(fd, header, &length, sizeof header);
  tm_snapshot *s = NULL;
  if (err) {
    tm_set_error(err, "%s: cannot read: %s", path, strerror(err));
  } else if (length >= TM_LIVE_MAGIC_SIZE &&
             memcmp(header, TM_LIVE_MAGIC, TM_LIVE_MAGIC_SIZE) == 0) {
    s = tm_live_load(fd, path);
  } else if (check_start(header, length, path)) {
    uint64_t payload = get_le64(header + TM_DUMP_PAYLOAD_SIZE_OFFSET);
    uint64_t limit = S_ISREG(st.st_mode)
                         ? (uint64_t)st.st_size
                         : payload < UINT64_MAX - TM_DUMP_HEADER_SIZE
                               ? TM_DUMP_HEADER_SIZE + payload + 1
                               : UINT64_MAX;
    if (limit < TM_DUMP_HEADER_SIZE) /* a regular file that shrank */
      limit = TM_DUMP_HEADER_SIZE;
    size_t size = 0;
    unsigned char *data =
        read_rest(fd, path, header,
                  limit < SIZE_MAX ? (size_t)limit : SIZE_MAX, &size);
    /* Any count a 64-bit process could hold; calloc's overflow check and
     * ENOMEM do the rest. */
    s = data ? tm_dump_parse(data, size, path, PTRDIFF_MAX / sizeof(tm_trace))
             : NULL;
    err = errno;
    tm_real.free(data);
    errno = err;
  }
  err = errno;
  close(fd);
  errno = err;
  return s;
}

/* ----- the API ---------------------------------------------------------- */

TM_EXPORT int tm_snapshot_dump(const tm_snapshot *snapshot, const char *path) {
  if (!snapshot || !path) {
    tm_set_error(EINVAL, "tm_snapshot_dump: the %s is NULL",
                 snapshot ? "path" : "snapshot");
    return -1;
  }
  tm_enter();
  size_t size = 0;
  unsigned char *bytes = tm_dump_serialize(snapshot, &size);
  bool ok = bytes && write_file(path, bytes, size);
  int err = errno;
  tm_real.free(bytes);
  tm_leave();
  if (!ok)
    errno = err;
  return ok ? 0 : -1;
}

TM_EXPORT tm_snapshot *tm_snapshot_load(const char *path) {
  if (!path) {
    tm_set_error(EINVAL, "tm_snapshot_load: the path is NULL");
    return NULL;
  }
  tm_enter();
  tm_snapshot *s = load_file(path);
  int err = errno;
  tm_leave();
  if (!s)
    errno = err;
  return s;
}
