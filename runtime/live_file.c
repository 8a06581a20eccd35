/*
 * The live file (live_format.h): the counters of a tracing process in a
 * file mapped shared, for readers outside it.
 *
 * The file is made when tracing starts ($TRACEMALLOC_LIVE_DIR, default
 * /dev/shm, "tracemalloc-<pid>.live", O_CREAT|O_EXCL|O_NOFOLLOW, 0600) and
 * removed at exit unless TRACEMALLOC_LIVE_KEEP=1; after kill -9 or the OOM
 * killer it stays.  Its memory is handed out in chunks mapped one after
 * the other: the header first, then the shard directory, the tables of
 * the heaps (trace_table.c), of the retired allocations and of the blocks
 * traced by address (domains.c), and the logs of sites and stacks.  Each
 * chunk's pages are allocated with posix_fallocate() before they are mapped, so
 * that a full /dev/shm is a table left out of the file (the header counts
 * it), never a SIGBUS in the program.  Without a file (TRACEMALLOC_LIVE=0,
 * no room, no directory) the same calls hand out tm_map()'s memory, and
 * tracing goes on as before.
 *
 * Tables are published through their region (tm_live_region): the writer
 * makes its sequence number odd, moves the table, makes it even again, so
 * a reader that saw it change reads again.  A table's memory is reused
 * only by another table of its size, which a reader holding the old
 * region's offset detects the same way.
 *
 * fork(): the child's mapping would write into its parent's file; the
 * child counts in a private copy of it, mapped at the same addresses, so
 * that every table pointer stays right, and later copies that into a file
 * of its own.  exec() and _exit() remove the file as exit does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "live.h"
#include "block_tag.h"
#include "spinlock.h"
#include "domains.h"
#include "stack_depot.h"
#include "trace_table.h"

_Static_assert(sizeof(tm_live_count) == sizeof(tm_count) &&
                   TM_LIVE_KEY_USED == TM_COUNT_USED &&
                   TM_LIVE_KEY_SIZE_BITS == TM_TAG_SIZE_BITS &&
                   TM_LIVE_PACKED_STACK == TM_TAG_TRACE_STACK &&
                   TM_LIVE_TRACE_STACK == TM_TRACE_IS_STACK,
               "the live file's counts are the heaps' own");

#define FIRST_CHUNK ((size_t)64 << 10) /* the header, the directory, the logs */
#define MAX_CHUNKS 64 /* growing by a quarter from 64 KiB: 16 GiB and more */
#define FIRST_SHARDS 64
#define FREE_LISTS 64 /* of freed blocks, one per size: tables come in few */

typedef struct chunk {
  unsigned char *base;
  uint64_t offset; /* in the file */
  size_t size;
} chunk;

static struct {
  atomic_flag lock;
  int fd;             /* -1: no file */
  bool enabled, keep; /* TRACEMALLOC_LIVE, TRACEMALLOC_LIVE_KEEP */
  const char *dir;    /* TRACEMALLOC_LIVE_DIR */
  char path[PATH_MAX];
  tm_live_header *_Atomic header; /* chunks[0]'s start; NULL: no file */
  chunk chunks[MAX_CHUNKS];
  size_t nchunks;
  uint64_t next;      /* the next free byte of the last chunk, an offset */
  struct {
    size_t size;       /* 0: an unused list */
    uint64_t head;     /* freed blocks of that size, linked through their
                          first 8 bytes; 0: none */
  } free_lists[FREE_LISTS];
  size_t mapped;      /* bytes of the chunks */
} live = {.fd = -1};

void tm_live_lock(void) { tm_spin_lock(&live.lock); }
void tm_live_unlock(void) { tm_spin_unlock(&live.lock); }

void tm_live_configure(bool enabled, const char *dir, bool keep) {
  live.enabled = enabled;
  live.dir = dir && *dir ? dir : TM_LIVE_DEFAULT_DIR;
  live.keep = keep;
}

static tm_live_header *header(void) {
  return atomic_load_explicit(&live.header, memory_order_acquire);
}

size_t tm_live_mapped_bytes(void) { return live.mapped; }

/* ----- regions ------------------------------------------------------------ */

static void region_begin(tm_live_region *r) {
  __atomic_store_n(&r->seq, r->seq + 1, __ATOMIC_RELAXED);
  __atomic_thread_fence(__ATOMIC_RELEASE);
}

static void region_end(tm_live_region *r) {
  __atomic_store_n(&r->seq, r->seq + 1, __ATOMIC_RELEASE);
}

static void publish(tm_live_region *r, uint64_t offset, uint64_t capacity) {
  region_begin(r);
  r->offset = offset;
  r->capacity = capacity;
  region_end(r);
}

/* ----- the file's memory ------------------------------------------------ */

static unsigned char *at_offset(uint64_t offset) {
  for (size_t i = 0; i < live.nchunks; i++)
    if (offset - live.chunks[i].offset < live.chunks[i].size)
      return live.chunks[i].base + (offset - live.chunks[i].offset);
  return NULL;
}

/* p's offset in the file; false when p is not the file's. */
static bool offset_of(const void *p, uint64_t *offset) {
  for (size_t i = 0; i < live.nchunks; i++) {
    const chunk *c = &live.chunks[i];
    if ((uintptr_t)p - (uintptr_t)c->base < c->size) {
      *offset = c->offset + (uint64_t)((const unsigned char *)p - c->base);
      return true;
    }
  }
  return false;
}

/* Maps `size` more bytes of the file, their pages allocated first. */
static bool add_chunk(size_t size) {
  uint64_t offset = live.nchunks
                        ? live.chunks[live.nchunks - 1].offset +
                              live.chunks[live.nchunks - 1].size
                        : 0;
  /* posix_fallocate: the C library writes the blocks itself where the
   * file system cannot allocate them. */
  int err = live.nchunks == MAX_CHUNKS
                ? ENOSPC
                : posix_fallocate(live.fd, (off_t)offset, (off_t)size);
  if (err) {
    errno = err;
    return false;
  }
  void *base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, live.fd,
                    (off_t)offset);
  if (base == MAP_FAILED)
    return false;
  live.chunks[live.nchunks++] =
      (chunk){.base = base, .offset = offset, .size = size};
  live.next = offset;
  live.mapped += size;
  if (header())
    __atomic_store_n(&header()->file_size, offset + size, __ATOMIC_RELEASE);
  return true;
}

/* The free list of blocks of `size` bytes, made if new; NULL when every
 * list has a size (a freed block is then lost to the file). */
static uint64_t *free_list(size_t size) {
  for (size_t i = 0; i < FREE_LISTS; i++)
    if (live.free_lists[i].size == size || !live.free_lists[i].size) {
      live.free_lists[i].size = size;
      return &live.free_lists[i].head;
    }
  return NULL;
}

/* `bytes` of zeroes in the file, under the lock; NULL without room.  A
 * block never straddles two chunks: it takes the rest of the last one, or
 * a new chunk of a quarter of what is mapped (or of the block): the pages
 * are allocated, so the rest of a chunk is memory the file holds unused,
 * at most a fifth of it. */
static void *file_alloc(size_t bytes, uint64_t *offset) {
  size_t size = (bytes + 63) & ~(size_t)63;
  uint64_t *list = free_list(size);
  if (list && *list) {
    *offset = *list;
    unsigned char *p = at_offset(*offset);
    memcpy(list, p, sizeof *list);
    memset(p, 0, size);
    return p;
  }
  const chunk *last = &live.chunks[live.nchunks - 1];
  if (live.next + size > last->offset + last->size) {
    size_t grown = (live.mapped / 4 + 0xffff) & ~(size_t)0xffff;
    if (!add_chunk(grown > size ? grown : size))
      return NULL;
  }
  *offset = live.next;
  live.next += size;
  return at_offset(*offset);
}

static void file_free(void *p, uint64_t offset, size_t bytes) {
  uint64_t *list = free_list((bytes + 63) & ~(size_t)63);
  if (!list)
    return;
  memcpy(p, list, sizeof *list);
  *list = offset;
}

void *tm_live_map(size_t bytes) {
  void *p = NULL;
  uint64_t offset;
  if (header()) {
    tm_live_lock();
    if (header() && !(p = file_alloc(bytes, &offset)))
      header()->lost++;
    tm_live_unlock();
  }
  return p ? p : tm_map(bytes);
}

void tm_live_unmap(void *p, size_t bytes) {
  uint64_t offset;
  if (!p)
    return;
  tm_live_lock();
  bool ours = offset_of(p, &offset);
  if (ours)
    file_free(p, offset, bytes);
  tm_live_unlock();
  if (!ours)
    tm_unmap(p, bytes);
}

/* Under the lock: publishes table p (NULL: none) in r; tm_map()'s memory
 * is published as none, the file cannot show it. */
static void publish_table(tm_live_region *r, const void *p,
                          uint64_t capacity) {
  uint64_t offset = 0;
  if (p && !offset_of(p, &offset))
    offset = 0;
  publish(r, offset, capacity);
}

/* ----- the shard directory and the header's regions ---------------------- */

/* Under the lock: a directory with room for `index`. */
static bool shards_fit(unsigned index) {
  tm_live_region *dir = &header()->shards;
  if (index < dir->capacity)
    return true;
  uint64_t capacity = dir->capacity ? dir->capacity : FIRST_SHARDS;
  while (capacity <= index)
    capacity *= 2;
  uint64_t offset;
  tm_live_region *bigger = file_alloc(capacity * sizeof *bigger, &offset);
  if (!bigger)
    return false;
  if (dir->offset)
    memcpy(bigger, at_offset(dir->offset), dir->capacity * sizeof *bigger);
  uint64_t old_offset = dir->offset, old_capacity = dir->capacity;
  publish(dir, offset, capacity);
  if (old_offset)
    file_free(at_offset(old_offset), old_offset,
              old_capacity * sizeof *bigger);
  return true;
}

void tm_live_publish_shard(unsigned index, const void *table,
                           uint64_t capacity) {
  if (!header())
    return;
  tm_live_lock();
  /* The directory may move: found again under the lock. */
  if (header() && shards_fit(index))
    publish_table((tm_live_region *)at_offset(header()->shards.offset) + index,
                  table, capacity);
  tm_live_unlock();
}

/* A table of the header's, published. */
static void publish_in_header(size_t region, const void *table,
                              uint64_t capacity) {
  if (!header())
    return;
  tm_live_lock();
  if (header())
    publish_table((tm_live_region *)((char *)header() + region), table,
                  capacity);
  tm_live_unlock();
}

void tm_live_publish_retired(const void *table, uint64_t capacity) {
  publish_in_header(offsetof(tm_live_header, retired), table, capacity);
}

void tm_live_publish_domains(const void *table, uint64_t capacity) {
  publish_in_header(offsetof(tm_live_header, domains), table, capacity);
}

/* ----- the logs ----------------------------------------------------------- */

/* Under the lock: appends n bytes to a log, growing it by copying. */
static void log_append(tm_live_region *log, const void *bytes, size_t n) {
  size_t padded = (n + 7) & ~(size_t)7;
  if (log->used + padded > log->capacity) {
    uint64_t capacity = log->capacity ? log->capacity * 2 : 4096;
    while (capacity < log->used + padded)
      capacity *= 2;
    uint64_t offset;
    unsigned char *bigger = file_alloc(capacity, &offset);
    if (!bigger) {
      header()->lost++;
      return;
    }
    uint64_t old_offset = log->offset, old_capacity = log->capacity;
    if (old_offset)
      memcpy(bigger, at_offset(old_offset), log->used);
    publish(log, offset, capacity);
    if (old_offset)
      file_free(at_offset(old_offset), old_offset, old_capacity);
  }
  memcpy(at_offset(log->offset) + log->used, bytes, n);
  /* Published last: a reader reads no further than `used`. */
  __atomic_store_n(&log->used, log->used + padded, __ATOMIC_RELEASE);
}

static size_t cut(const char *s, size_t max) {
  size_t n = strlen(s);
  return n < max ? n : max;
}

void tm_live_add_site(uint32_t id, const tm_site_info *info) {
  /* Built under the lock, in static memory: registration may run on a
   * small thread stack (dlopen). */
  static unsigned char record[sizeof(tm_live_site) + 3 * PATH_MAX];
  if (!header())
    return;
  tm_live_lock();
  tm_live_site *s = (tm_live_site *)record;
  *s = (tm_live_site){.id = id,
                      .line = info->line,
                      .kind = info->kind,
                      .flags = info->flags,
                      .file_length = (uint16_t)cut(info->file, PATH_MAX),
                      .function_length =
                          (uint16_t)cut(info->function, PATH_MAX),
                      .directory_length =
                          (uint32_t)cut(info->directory, PATH_MAX)};
  unsigned char *at = record + sizeof *s;
  memcpy(at, info->file, s->file_length);
  at += s->file_length;
  memcpy(at, info->function, s->function_length);
  at += s->function_length;
  memcpy(at, info->directory, s->directory_length);
  at += s->directory_length;
  if (header())
    log_append(&header()->sites, record, (size_t)(at - record));
  tm_live_unlock();
}

void tm_live_add_stack(uint32_t id, uint32_t site) {
  if (!header())
    return;
  tm_live_stack record = {.id = id, .site = site};
  tm_live_lock();
  if (header())
    log_append(&header()->stacks, &record, sizeof record);
  tm_live_unlock();
}

/* ----- what the header says of the process ------------------------------- */

void tm_live_note_peak(int64_t peak) {
  tm_live_header *h = header();
  if (h)
    __atomic_store_n(&h->peak, peak, __ATOMIC_RELAXED);
}

void tm_live_note_tracing(bool tracing, int nframe) {
  tm_live_header *h = header();
  if (!h)
    return;
  __atomic_store_n(&h->nframe, (uint32_t)nframe, __ATOMIC_RELAXED);
  __atomic_store_n(&h->tracing, tracing, __ATOMIC_RELAXED);
}

void tm_live_note_cleared(uint64_t start_ns) {
  tm_live_header *h = header();
  if (!h)
    return;
  __atomic_store_n(&h->start_ns, start_ns, __ATOMIC_RELAXED);
  __atomic_store_n(&h->peak, 0, __ATOMIC_RELAXED);
  __atomic_fetch_add(&h->generation, 1, __ATOMIC_RELEASE);
}

/* ----- making and removing the file ---------------------------------------- */

static bool live_path(pid_t pid, char *path, size_t len) {
  int n = snprintf(path, len, "%s/" TM_LIVE_PREFIX "%ld" TM_LIVE_SUFFIX,
                   live.dir, (long)pid);
  return n > 0 && (size_t)n < len;
}

/* The file at `path`, new.  One left by an earlier program of this pid
 * (it exec()ed, or died and the pid came round again) is replaced: only
 * its owner can remove it from the sticky /dev/shm, and O_EXCL refuses a
 * link planted meanwhile. */
static int create_file(const char *path) {
  int flags = O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
  int fd = open(path, flags, 0600);
  if (fd < 0 && errno == EEXIST) {
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_uid == geteuid() && unlink(path) == 0)
      fd = open(path, flags, 0600);
    else
      errno = EEXIST;
  }
  return fd;
}

static void program_path(char *out, size_t len) {
  ssize_t n = readlink("/proc/self/exe", out, len - 1);
  out[n > 0 ? n : 0] = '\0';
}

/* Under the lock: the file and its header, or nothing. */
static bool open_file(void) {
  if (!live_path(getpid(), live.path, sizeof live.path))
    return false;
  live.fd = create_file(live.path);
  if (live.fd < 0) {
    tm_report("warning: no live file (TRACEMALLOC_LIVE_DIR=%s): %s: %s",
              live.dir, live.path, strerror(errno));
    return false;
  }
  live.nchunks = 0;
  if (!add_chunk(FIRST_CHUNK)) {
    tm_report("warning: no live file: %s: %s", live.path, strerror(errno));
    close(live.fd);
    unlink(live.path);
    live.fd = -1;
    return false;
  }
  tm_live_header *h = (tm_live_header *)live.chunks[0].base;
  memcpy(h->magic, TM_LIVE_MAGIC, TM_LIVE_MAGIC_SIZE);
  h->version = TM_LIVE_VERSION;
  h->header_size = sizeof *h;
  h->file_size = live.chunks[0].size;
  h->pid = (uint64_t)getpid();
  program_path(h->program, sizeof h->program);
  live.next = (sizeof *h + 63) & ~(uint64_t)63;
  memset(live.free_lists, 0, sizeof live.free_lists);
  atomic_store_explicit(&live.header, h, memory_order_release);
  return shards_fit(FIRST_SHARDS - 1);
}

static void add_existing_site(uint32_t id, const tm_site_info *info) {
  tm_live_add_site(id, info);
}

static void add_existing_stack(const tm_stack *stack) {
  tm_live_add_stack(stack->id, stack->site);
}

void tm_live_start(uint64_t start_ns) {
  if (header()) { /* tracing again, in the same file */
    __atomic_store_n(&header()->start_ns, start_ns, __ATOMIC_RELAXED);
    return;
  }
  if (!live.enabled)
    return;
  tm_enter();
  tm_live_lock();
  bool opened = open_file();
  tm_live_unlock();
  if (opened) {
    header()->start_ns = start_ns;
    /* What was registered before: a site or stack registered meanwhile
     * may be logged twice, with the same content. */
    tm_sites_foreach(add_existing_site);
    tm_depot_foreach(add_existing_stack);
  }
  tm_leave();
}


/* ----- fork ------------------------------------------------------------- */

/*
 * The child's counters are the file's as fork() found them: copied in the
 * parent, while every heap is held, because the parent goes on counting
 * into the shared pages the moment fork() returns, before the child could
 * copy them itself.  The copy costs the parent a memcpy of the file at
 * each fork (posix_spawn and vfork run no fork handlers, and copy
 * nothing).
 */
static struct {
  unsigned char *bytes; /* the chunks, back to back; NULL: none */
  size_t size;
} fork_copy;

/* The counters are in memory no file shows (a forked child, an exec that
 * failed): the next report of a heap makes this process its own file. */
static atomic_bool wanted;

void tm_live_before_fork(void) {
  if (!header())
    return;
  void *copy = mmap(NULL, live.mapped, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (copy == MAP_FAILED)
    return; /* the child will copy what it finds */
  size_t at = 0;
  for (size_t i = 0; i < live.nchunks; i++) {
    memcpy((unsigned char *)copy + at, live.chunks[i].base,
           live.chunks[i].size);
    at += live.chunks[i].size;
  }
  fork_copy.bytes = copy;
  fork_copy.size = live.mapped;
}

static void drop_fork_copy(void) {
  if (fork_copy.bytes)
    munmap(fork_copy.bytes, fork_copy.size);
  fork_copy.bytes = NULL;
}

void tm_live_after_fork_parent(void) { drop_fork_copy(); }

/* The bytes of chunk i as fork() found them. */
static const unsigned char *forked_bytes(size_t i) {
  if (!fork_copy.bytes)
    return live.chunks[i].base;
  size_t at = 0;
  for (size_t j = 0; j < i; j++)
    at += live.chunks[j].size;
  return fork_copy.bytes + at;
}

/* Replaces every chunk's mapping by private memory holding its bytes as
 * fork() found them. */
static void keep_privately(void) {
  for (size_t i = 0; i < live.nchunks; i++) {
    chunk *c = &live.chunks[i];
    void *copy = mmap(NULL, c->size, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (copy == MAP_FAILED)
      continue; /* keeps writing into the parent's file: nothing better */
    memcpy(copy, forked_bytes(i), c->size);
    mremap(copy, c->size, c->size, MREMAP_MAYMOVE | MREMAP_FIXED, c->base);
  }
}

/*
 * A forked child counts in private memory at first, and gets a file of
 * its own at its first report of 64 KiB (tm_live_make_own): most children
 * exec or exit at once, and would leave a file per fork behind.
 */
void tm_live_after_fork_child(void) {
  if (!header())
    return;
  keep_privately();
  drop_fork_copy();
  close(live.fd);
  live.fd = -1;
  header()->pid = (uint64_t)getpid();
  atomic_store_explicit(&wanted, live.enabled, memory_order_relaxed);
}

bool tm_live_wanted(void) {
  return atomic_load_explicit(&wanted, memory_order_relaxed);
}

/* With every heap, the domains and the file held: the chunks' bytes into
 * a new file of this pid, mapped over them. */
static void make_own_held(void) {
  tm_domains_lock();
  tm_live_lock();
  char path[PATH_MAX];
  int fd = live_path(getpid(), path, sizeof path) ? create_file(path) : -1;
  bool copied = fd >= 0;
  for (size_t i = 0; copied && i < live.nchunks; i++) {
    const chunk *c = &live.chunks[i];
    copied = pwrite(fd, c->base, c->size, (off_t)c->offset) ==
             (ssize_t)c->size;
  }
  for (size_t i = 0; copied && i < live.nchunks; i++) {
    chunk *c = &live.chunks[i];
    copied = mmap(c->base, c->size, PROT_READ | PROT_WRITE,
                  MAP_SHARED | MAP_FIXED, fd, (off_t)c->offset) != MAP_FAILED;
  }
  if (copied) {
    if (live.fd >= 0) /* the file an exec that failed removed */
      close(live.fd);
    live.fd = fd;
    memcpy(live.path, path, sizeof path);
  } else if (fd >= 0) {
    /* A chunk mapped from it already keeps its pages, unnamed. */
    close(fd);
    unlink(path);
  }
  tm_live_unlock();
  tm_domains_unlock();
}

void tm_live_make_own(void) {
  if (!atomic_exchange(&wanted, false))
    return;
  tm_enter();
  tm_trace_hold_all(make_own_held);
  tm_leave();
}

/* ----- exec and _exit ---------------------------------------------------- */

/* Whether this process owns the file: a vfork()ed child shares its
 * parent's memory, the file's state with it, but not its pid.  No lock:
 * called from wherever the program execs or exits, a signal handler among
 * them; the path changes only in a child of fork, before it runs. */
static bool file_is_ours(void) {
  return header() && live.fd >= 0 && header()->pid == (uint64_t)getpid();
}

void tm_live_before_exec(void) {
  if (file_is_ours())
    unlink(live.path);
}

void tm_live_after_failed_exec(void) {
  if (file_is_ours())
    atomic_store_explicit(&wanted, live.enabled, memory_order_relaxed);
}

void tm_live_before_exit(void) {
  if (file_is_ours() && !live.keep)
    unlink(live.path);
}
