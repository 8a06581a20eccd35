/*
 * A live file (live_format.h) loaded as a snapshot, for tm_snapshot_load():
 * a running or a dead process's heap, read as a dump is read.
 *
 * The process writes its counters while this reads them.  Every region
 * that can move is copied between two reads of its sequence number and
 * copied again when that changed; a read that finds the shard directory
 * moved meanwhile starts over.  Counters are read as they are at that
 * moment, each 8-byte field whole: a (trace, size) whose blocks another
 * thread counted out before this read the allocating thread's count sums
 * below zero for a moment, and counts as none.
 *
 * What a live file does not hold, its snapshot cannot say: a captured
 * stack is known by its site only, so every traceback has one frame, the
 * site's; blocks traced by address (4 KiB and more) are known by their
 * number and bytes per (domain, trace), so each gets their average size,
 * the remainder spread a byte each over the first: the bytes and counts
 * of every line stay exact.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "live.h"
#include "snapshot.h"

/* How many times a region that keeps moving is read again. */
enum { RETRIES = 1000 };

/* More blocks than a process's address space can hold (16 bytes at least
 * each in 2^47 bytes): a damaged file, not a heap. */
#define MAX_BLOCKS ((uint64_t)1 << 43)

/* A size for the sums that are not one size's: the blocks traced by
 * address, the retired allocations. */
#define ANY_SIZE UINT32_MAX

typedef struct live_input {
  const char *path;
  int fd;
  const unsigned char *bytes;
  size_t size; /* mapped */
} live_input;

static bool fail(const live_input *in, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(const live_input *in, int err, const char *fmt, ...) {
  char message[256];
  va_list args;
  va_start(args, fmt);
  vsnprintf(message, sizeof message, fmt, args);
  va_end(args);
  tm_set_error(err, "%s: %s", in->path, message);
  return false;
}

static bool corrupted(const live_input *in, const char *what) {
  return fail(in, EINVAL, "corrupted live file: %s", what);
}

static uint64_t load64(const void *p) {
  return __atomic_load_n((const uint64_t *)p, __ATOMIC_ACQUIRE);
}

static const tm_live_header *header_of(const live_input *in) {
  return (const tm_live_header *)in->bytes;
}

/* Maps the whole file again when its size changed since it was mapped. */
static bool map_whole(live_input *in) {
  struct stat st;
  if (fstat(in->fd, &st) != 0)
    return fail(in, errno, "cannot read: %s", strerror(errno));
  if (!S_ISREG(st.st_mode))
    return fail(in, EINVAL, "a live file must be a regular file");
  if (in->bytes && (size_t)st.st_size == in->size)
    return true;
  if (in->bytes)
    munmap((void *)in->bytes, in->size);
  in->bytes = NULL;
  in->size = (size_t)st.st_size;
  if (in->size < sizeof(tm_live_header))
    return fail(in, EINVAL, "truncated live file: %zu bytes, less than its "
                "header", in->size);
  void *p = mmap(NULL, in->size, PROT_READ, MAP_SHARED, in->fd, 0);
  if (p == MAP_FAILED)
    return fail(in, errno, "cannot map: %s", strerror(errno));
  in->bytes = p;
  return true;
}

static bool check_header(live_input *in) {
  if (!map_whole(in))
    return false;
  const tm_live_header *h = header_of(in);
  if (memcmp(h->magic, TM_LIVE_MAGIC, TM_LIVE_MAGIC_SIZE) != 0)
    return fail(in, EINVAL, "not a tracemalloc live file (wrong magic bytes)");
  if (h->version != TM_LIVE_VERSION)
    return fail(in, ENOTSUP, "live file version %u, this tracemalloc reads "
                "version %d", h->version, TM_LIVE_VERSION);
  if (h->header_size != sizeof *h)
    return corrupted(in, "its header's size is wrong");
  /* The file may have grown since it was mapped. */
  if (load64(&h->file_size) > in->size &&
      (!map_whole(in) || load64(&header_of(in)->file_size) > in->size))
    return fail(in, EINVAL, "truncated live file: %zu bytes, its header says "
                "%llu", in->size,
                (unsigned long long)load64(&header_of(in)->file_size));
  return true;
}

/* A region's bytes, copied between two equal reads of its sequence
 * number; `entry` bytes per entry of a table, 0 for a log. */
typedef struct region_copy {
  unsigned char *bytes; /* tm_real.malloc()'s; NULL for an empty region */
  uint64_t seq, offset; /* the region's when copied */
  uint64_t n;           /* entries of a table, bytes of a log */
} region_copy;

static bool copy_region(live_input *in, uint64_t at, size_t entry,
                        region_copy *out) {
  *out = (region_copy){0};
  bool half_moved = false;
  for (int attempt = 0; attempt < RETRIES; attempt++) {
    if (at > in->size - sizeof(tm_live_region))
      return corrupted(in, "a region lies outside the file");
    const tm_live_region *r = (const tm_live_region *)(in->bytes + at);
    uint64_t seq = load64(&r->seq);
    half_moved = seq & 1;
    if (half_moved) {
      sched_yield();
      continue;
    }
    uint64_t offset = load64(&r->offset), capacity = load64(&r->capacity);
    uint64_t used = load64(&r->used);
    if (entry && capacity & (capacity - 1))
      return corrupted(in, "a table's size is not a power of two");
    if (entry && capacity > UINT64_MAX / entry)
      return corrupted(in, "a table is larger than any file");
    if (!entry && used > capacity)
      return corrupted(in, "a log uses more than its room");
    uint64_t bytes = entry ? capacity * entry : used;
    if (offset == 0) {
      out->seq = seq;
      return true; /* nothing there yet */
    }
    if (offset > in->size || bytes > in->size - offset) {
      /* Moved into a part of the file added since: map it, look again. */
      if (!map_whole(in))
        return false;
      if (offset > in->size || bytes > in->size - offset)
        return corrupted(in, "a region lies outside the file");
      continue;
    }
    unsigned char *copy = tm_real.malloc(bytes ? bytes : 1);
    if (!copy)
      return fail(in, ENOMEM, "no memory for a region of %llu bytes",
                  (unsigned long long)bytes);
    memcpy(copy, in->bytes + offset, bytes);
    if (load64(&r->seq) == seq) {
      *out = (region_copy){.bytes = copy, .seq = seq, .offset = offset,
                           .n = entry ? capacity : used};
      return true;
    }
    tm_real.free(copy);
  }
  if (half_moved)
    return fail(in, EAGAIN, "a region stayed half moved: its process died "
                "while it moved it, or still moves it");
  return fail(in, EAGAIN, "a region changed %d times while it was read",
              RETRIES);
}

/* ----- sites and stacks --------------------------------------------------- */

typedef struct site {
  uint32_t id, line;
  const char *file, *function, *directory; /* interned */
  size_t traceback; /* in the snapshot; SIZE_MAX: none yet */
} site;

static int by_site_id(const void *a, const void *b) {
  uint32_t x = ((const site *)a)->id, y = ((const site *)b)->id;
  return (x > y) - (x < y);
}

static int by_stack_id(const void *a, const void *b) {
  uint32_t x = ((const tm_live_stack *)a)->id,
           y = ((const tm_live_stack *)b)->id;
  return (x > y) - (x < y);
}

static const char *intern_bytes(const unsigned char *p, size_t n) {
  char *s = tm_real.malloc(n + 1);
  if (!s)
    return NULL;
  memcpy(s, p, n);
  s[n] = '\0';
  const char *interned = tm_intern(s);
  tm_real.free(s);
  return interned;
}

typedef struct site_list {
  site *sites;
  size_t n;
} site_list;

/* The sites log's records, sorted by id. */
static bool parse_sites(const live_input *in, const region_copy *log,
                        site_list *out) {
  size_t capacity = 0;
  for (uint64_t at = 0; at < log->n;) {
    tm_live_site record;
    if (log->n - at < sizeof record)
      return corrupted(in, "a site record runs past the sites log");
    memcpy(&record, log->bytes + at, sizeof record);
    uint64_t strings = (uint64_t)record.file_length + record.function_length +
                       record.directory_length;
    if (strings > log->n - at - sizeof record)
      return corrupted(in, "a site's names run past the sites log");
    if (out->n == capacity) {
      capacity = capacity ? capacity * 2 : 64;
      site *bigger = tm_real.realloc(out->sites, capacity * sizeof *bigger);
      if (!bigger)
        return fail(in, ENOMEM, "no memory for the sites");
      out->sites = bigger;
    }
    const unsigned char *names = log->bytes + at + sizeof record;
    site *s = &out->sites[out->n++];
    *s = (site){
        .id = record.id,
        .line = record.line,
        .file = intern_bytes(names, record.file_length),
        .function = intern_bytes(names + record.file_length,
                                 record.function_length),
        .directory = intern_bytes(names + record.file_length +
                                      record.function_length,
                                  record.directory_length),
        .traceback = SIZE_MAX};
    if (!s->file || !s->function || !s->directory)
      return fail(in, ENOMEM, "no memory for the sites");
    at += (sizeof record + strings + 7) & ~(uint64_t)7;
  }
  if (out->n)
    qsort(out->sites, out->n, sizeof *out->sites, by_site_id);
  return true;
}

/* ----- the sums ----------------------------------------------------------- */

/* What one (domain, trace, size) adds up to over the file's tables. */
typedef struct sum {
  uint32_t domain, trace, size; /* trace: the trace id plus one, 0 unused */
  int64_t blocks, bytes;        /* alive */
  uint64_t allocs, allocated;   /* since tracing started */
} sum;

typedef struct sum_table {
  sum *slots;
  size_t mask, used;
} sum_table;

static size_t sum_hash(uint32_t domain, uint32_t trace, uint32_t size) {
  uint64_t h = ((uint64_t)trace << 32 | size) * 0x9e3779b97f4a7c15ull;
  return (size_t)((h ^ domain * 0xff51afd7ed558ccdull) >> 20);
}

static bool sums_grow(sum_table *t) {
  size_t mask = t->slots ? t->mask * 2 + 1 : 1023;
  sum *slots = tm_real.calloc(mask + 1, sizeof *slots);
  if (!slots)
    return false;
  for (size_t i = 0; t->slots && i <= t->mask; i++) {
    const sum *s = &t->slots[i];
    if (!s->trace)
      continue;
    size_t j = sum_hash(s->domain, s->trace, s->size) & mask;
    while (slots[j].trace)
      j = (j + 1) & mask;
    slots[j] = *s;
  }
  tm_real.free(t->slots);
  t->slots = slots;
  t->mask = mask;
  return true;
}

/* The sum of (domain, trace id, size), made when new; NULL without
 * memory. */
static sum *sum_of(sum_table *t, uint32_t domain, uint32_t id, uint32_t size) {
  if ((t->used + 1) * 2 > (t->slots ? t->mask + 1 : 0) && !sums_grow(t))
    return NULL;
  uint32_t trace = id + 1;
  size_t i = sum_hash(domain, trace, size) & t->mask;
  for (;; i = (i + 1) & t->mask) {
    sum *s = &t->slots[i];
    if (!s->trace) {
      *s = (sum){.domain = domain, .trace = trace, .size = size};
      t->used++;
      return s;
    }
    if (s->trace == trace && s->domain == domain && s->size == size)
      return s;
  }
}

/* A packed trace (a tag's) as a trace id. */
static uint32_t unpacked(uint32_t packed) {
  return packed & TM_LIVE_PACKED_STACK
             ? (packed & ~TM_LIVE_PACKED_STACK) | TM_LIVE_TRACE_STACK
             : packed;
}

static bool add_shard(sum_table *t, const region_copy *table) {
  const tm_live_count *counts = (const tm_live_count *)table->bytes;
  for (uint64_t i = 0; i < table->n; i++) {
    if (!(counts[i].key & TM_LIVE_KEY_USED))
      continue;
    uint32_t payload = (uint32_t)counts[i].key;
    uint32_t size = payload & ((1u << TM_LIVE_KEY_SIZE_BITS) - 1);
    sum *s = sum_of(t, 0, unpacked(payload >> TM_LIVE_KEY_SIZE_BITS), size);
    if (!s)
      return false;
    s->blocks += counts[i].blocks;
    s->bytes += counts[i].blocks * (int64_t)size;
    s->allocs += counts[i].allocs;
    s->allocated += counts[i].allocs * size;
  }
  return true;
}

static bool add_retired(sum_table *t, const region_copy *table) {
  const tm_live_retired *r = (const tm_live_retired *)table->bytes;
  for (uint64_t i = 0; i < table->n; i++) {
    if (!r[i].key)
      continue;
    sum *s = sum_of(t, 0, unpacked(r[i].key - 1), ANY_SIZE);
    if (!s)
      return false;
    s->allocs += r[i].allocs;
    s->allocated += r[i].bytes;
  }
  return true;
}

static bool add_domains(sum_table *t, const region_copy *table) {
  const tm_live_domain *d = (const tm_live_domain *)table->bytes;
  for (uint64_t i = 0; i < table->n; i++) {
    if (!d[i].trace_plus1)
      continue;
    sum *s = sum_of(t, d[i].domain, d[i].trace_plus1 - 1, ANY_SIZE);
    if (!s)
      return false;
    s->blocks += d[i].live_blocks;
    s->bytes += d[i].live_bytes;
    s->allocs += d[i].allocs;
    s->allocated += d[i].bytes;
  }
  return true;
}

/* ----- the snapshot ------------------------------------------------------- */

/* Everything one read copied out of the file. */
typedef struct live_read {
  sum_table sums;
  site_list sites;
  region_copy stacks; /* tm_live_stack records, sorted by id */
  tm_live_header header;
} live_read;

static void live_read_free(live_read *r) {
  tm_real.free(r->sums.slots);
  tm_real.free(r->sites.sites);
  tm_real.free(r->stacks.bytes);
  *r = (live_read){0};
}

/* The site a trace id is charged to; NULL for uninstrumented code. */
static site *site_of_trace(const live_read *r, uint32_t trace) {
  if (trace & TM_LIVE_TRACE_STACK) {
    tm_live_stack key = {.id = trace};
    const tm_live_stack *stack =
        bsearch(&key, r->stacks.bytes, r->stacks.n / sizeof key, sizeof key,
                by_stack_id);
    trace = stack ? stack->site : 0;
  }
  site key = {.id = trace};
  return trace && r->sites.n ? bsearch(&key, r->sites.sites, r->sites.n,
                                       sizeof key, by_site_id)
                             : NULL;
}

/* The live blocks of a sum, none when a torn read left them below zero. */
static uint64_t live_blocks(const sum *s) {
  return s->blocks > 0 && s->bytes >= 0 ? (uint64_t)s->blocks : 0;
}

static int by_domain_then_traceback(const void *a, const void *b) {
  const tm_allocated *x = a, *y = b;
  if (x->domain != y->domain)
    return x->domain < y->domain ? -1 : 1;
  return (x->traceback > y->traceback) - (x->traceback < y->traceback);
}

/* One traceback per site that has a sum (and one for uninstrumented
 * code); every sum's traceback index in `at`. */
static size_t number_tracebacks(live_read *r, size_t *unknown, size_t *at) {
  size_t n = 0, k = 0;
  *unknown = SIZE_MAX;
  for (size_t i = 0; i <= r->sums.mask; i++) {
    const sum *s = &r->sums.slots[i];
    if (!s->trace)
      continue;
    site *where = site_of_trace(r, s->trace - 1);
    size_t *index = where ? &where->traceback : unknown;
    if (*index == SIZE_MAX)
      *index = n++;
    at[k++] = *index;
  }
  return n;
}

static void fill_tracebacks(tm_snapshot *snap, const live_read *r,
                            size_t unknown) {
  for (size_t i = 0; i < r->sites.n; i++) {
    const site *s = &r->sites.sites[i];
    if (s->traceback == SIZE_MAX)
      continue;
    snap->frames[s->traceback] =
        (tm_frame){.filename = s->file, .lineno = s->line,
                   .function = s->function};
  }
  if (unknown != SIZE_MAX)
    snap->frames[unknown] = (tm_frame){.filename = tm_intern("<unknown>"),
                                       .lineno = 0,
                                       .function = tm_intern("")};
  for (size_t i = 0; i < snap->ntracebacks; i++)
    snap->tracebacks[i] = (tm_traceback){
        .nframe = 1, .total_nframe = 1, .frames = &snap->frames[i]};
}

/* Each sum's live blocks as traces, and its allocations as a total per
 * (domain, traceback). */
static bool fill_traces(tm_snapshot *snap, const live_read *r,
                        const size_t *at) {
  size_t t = 0, k = 0, nallocated = 0;
  tm_allocated *allocated = snap->allocated;
  for (size_t i = 0; i <= r->sums.mask; i++) {
    const sum *s = &r->sums.slots[i];
    if (!s->trace)
      continue;
    const tm_traceback *tb = &snap->tracebacks[at[k++]];
    uint64_t blocks = live_blocks(s);
    uint64_t each = s->size != ANY_SIZE ? s->size
                    : blocks             ? (uint64_t)s->bytes / blocks
                                         : 0;
    uint64_t rest = s->size != ANY_SIZE || !blocks
                        ? 0 : (uint64_t)s->bytes % blocks;
    for (uint64_t b = 0; b < blocks; b++)
      snap->traces[t++] = (tm_trace){.domain = s->domain,
                                     .size = (size_t)(each + (b < rest)),
                                     .traceback = tb};
    if (s->allocs)
      allocated[nallocated++] =
          (tm_allocated){.domain = s->domain, .count = (size_t)s->allocs,
                         .size = (size_t)s->allocated, .traceback = tb};
  }
  /* Sums of one traceback (its sizes, its stacks) add up. */
  qsort(allocated, nallocated, sizeof *allocated, by_domain_then_traceback);
  size_t n = 0;
  for (size_t i = 0; i < nallocated; i++) {
    if (n && !by_domain_then_traceback(&allocated[n - 1], &allocated[i])) {
      allocated[n - 1].count += allocated[i].count;
      allocated[n - 1].size += allocated[i].size;
    } else {
      allocated[n++] = allocated[i];
    }
  }
  snap->nallocated = n;
  return true;
}

/* The sites' compilation directories, each once, owned by the snapshot. */
static bool fill_directories(tm_snapshot *snap, const live_read *r) {
  const char **dirs = tm_real.malloc((r->sites.n ? r->sites.n : 1) *
                                     sizeof *dirs);
  if (!dirs)
    return false;
  size_t n = 0;
  for (size_t i = 0; i < r->sites.n; i++) {
    const char *d = r->sites.sites[i].directory;
    size_t j = 0;
    while (j < n && dirs[j] != d)
      j++;
    if (*d && j == n)
      dirs[n++] = d;
  }
  snap->process.directories = dirs;
  snap->process.ndirectories = n;
  return true;
}

static tm_snapshot *make_snapshot(const live_input *in, live_read *r) {
  uint64_t ntraces = 0, nsums = r->sums.used, nallocated = 0;
  for (size_t i = 0; r->sums.slots && i <= r->sums.mask; i++) {
    ntraces += live_blocks(&r->sums.slots[i]);
    nallocated += r->sums.slots[i].allocs != 0;
    if (ntraces > MAX_BLOCKS) {
      corrupted(in, "more blocks than a process can hold");
      return NULL;
    }
  }
  size_t *at = tm_real.malloc((nsums ? nsums : 1) * sizeof *at);
  size_t unknown = SIZE_MAX;
  size_t ntracebacks = at && nsums ? number_tracebacks(r, &unknown, at) : 0;
  tm_snapshot *snap =
      at ? tm_snapshot_alloc((size_t)ntraces, ntracebacks, ntracebacks) : NULL;
  if (!snap || !tm_snapshot_alloc_allocated(snap, (size_t)nallocated) ||
      !fill_directories(snap, r)) {
    tm_real.free(at);
    tm_snapshot_free(snap);
    fail(in, ENOMEM, "no memory for a snapshot of %llu blocks",
         (unsigned long long)ntraces);
    return NULL;
  }
  fill_tracebacks(snap, r, unknown);
  if (nsums)
    fill_traces(snap, r, at);
  tm_real.free(at);
  const tm_live_header *h = &r->header;
  snap->traceback_limit = (int)h->nframe;
  snap->process.program = tm_intern(h->program);
  snap->process.pid = h->pid;
  snap->process.start_ns = h->start_ns;
  snap->process.time_ns = tm_clock_ns(CLOCK_REALTIME);
  return snap;
}

/* ----- one read ----------------------------------------------------------- */

#define REGION_AT(field) offsetof(tm_live_header, field)

static bool add_table(live_input *in, live_read *r, uint64_t at, size_t entry,
                      bool (*add)(sum_table *, const region_copy *)) {
  region_copy table;
  if (!copy_region(in, at, entry, &table))
    return false;
  bool ok = !table.bytes || add(&r->sums, &table) ||
            fail(in, ENOMEM, "no memory for the sums");
  tm_real.free(table.bytes);
  return ok;
}

/* One attempt; *moved when the shard directory moved meanwhile. */
static bool read_once(live_input *in, live_read *r, bool *moved) {
  region_copy dir = {0}, sites_log = {0};
  bool ok = check_header(in) &&
            copy_region(in, REGION_AT(shards), sizeof(tm_live_region), &dir);
  const tm_live_region *shards = (const tm_live_region *)dir.bytes;
  for (uint64_t i = 1; ok && shards && i < dir.n; i++)
    if (shards[i].offset)
      /* The shard's own region, in the file: its sequence number is live. */
      ok = add_table(in, r, dir.offset + i * sizeof(tm_live_region),
                     sizeof(tm_live_count), add_shard);
  ok = ok &&
       add_table(in, r, REGION_AT(retired), sizeof(tm_live_retired),
                 add_retired) &&
       add_table(in, r, REGION_AT(domains), sizeof(tm_live_domain),
                 add_domains) &&
       copy_region(in, REGION_AT(sites), 0, &sites_log) &&
       copy_region(in, REGION_AT(stacks), 0, &r->stacks) &&
       parse_sites(in, &sites_log, &r->sites);
  if (ok && r->stacks.n % sizeof(tm_live_stack))
    ok = corrupted(in, "the stacks log ends inside a record");
  if (ok && r->stacks.bytes)
    qsort(r->stacks.bytes, r->stacks.n / sizeof(tm_live_stack),
          sizeof(tm_live_stack), by_stack_id);
  *moved = ok && load64(&header_of(in)->shards.seq) != dir.seq;
  if (ok) {
    memcpy(&r->header, header_of(in), sizeof r->header);
    r->header.program[sizeof r->header.program - 1] = '\0';
  }
  tm_real.free(dir.bytes);
  tm_real.free(sites_log.bytes);
  return ok;
}

tm_snapshot *tm_live_load(int fd, const char *path) {
  live_input in = {.path = path, .fd = fd};
  tm_snapshot *snap = NULL;
  for (int attempt = 0; attempt < RETRIES && !snap; attempt++) {
    live_read r = {0};
    bool moved = false;
    bool ok = read_once(&in, &r, &moved);
    if (ok && !moved)
      snap = make_snapshot(&in, &r);
    live_read_free(&r);
    if (!ok || (!moved && !snap))
      break;
    if (attempt == RETRIES - 1)
      fail(&in, EAGAIN, "the shard directory moved %d times while it was "
           "read", RETRIES);
  }
  if (in.bytes)
    munmap((void *)in.bytes, in.size);
  return snap;
}
