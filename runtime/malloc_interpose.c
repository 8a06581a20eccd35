/*
 * The malloc family as the program sees it.
 *
 * Every call lands here first and is forwarded to the real allocator
 * (tm_real).  While tracing, a block gets a header in front (block_header.h)
 * and a trace in the live-block table, attributed to the site the
 * instrumented call site left in __tm_site_hint.  Whatever the runtime does,
 * a call returns what the real allocator's call would have returned: the
 * same NULL, errno and alignment guarantees.  Requests the traced path
 * cannot express (invalid alignments, overflowing sizes) are forwarded
 * untraced, so the real allocator gives its own answer.
 *
 * Untraced requests go through tm_untraced: the real functions under
 * glibc, the headed_* functions below under any other allocator, where
 * every block carries a header (tm_global.every_block_headed).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "block_header.h"
#include "stack_depot.h"
#include "trace_table.h"

/* The frame of the exported function the program called: unwinding
 * starts above it, so the runtime's own frames never show. */
#define TM_ENTRY_FRAME __builtin_frame_address(0)

static bool is_power_of_two(size_t x) { return x && !(x & (x - 1)); }

/* Traces the block at base + offset (size bytes for the user) and writes its
 * header.  offset is a power of two >= TM_HEADER_SIZE. */
static inline __attribute__((always_inline)) void *
trace_block(void *base, size_t offset, size_t size, const void *entry) {
  void *p = (unsigned char *)base + offset;
  const tm_site *site = __tm_site_hint;
  uint32_t id = site ? __atomic_load_n(&site->id, __ATOMIC_RELAXED) : 0;
  tm_header_write(p, tm_trace_insert(p, size, tm_trace_id(id, entry),
                                     (unsigned)__builtin_ctzl(offset)));
  return p;
}

/* Forgets a headed block's trace and header; returns what the real
 * allocator handed out for it. */
static inline __attribute__((always_inline)) void *
untrace_block(void *p, tm_block_header *h) {
  uint64_t record = h->record;
  tm_trace_remove(p, record);
  h->check = 0;
  return (unsigned char *)p - tm_record_offset(record);
}

/* Writes the header of an untraced block at base + offset. */
static void *head_block(void *base, size_t offset) {
  void *p = (unsigned char *)base + offset;
  tm_header_write(p, tm_record_make(NULL, (unsigned)__builtin_ctzl(offset)));
  return p;
}

/*
 * The block at base + offset gets its header: a traced one, attributed
 * from the exported function whose frame is `entry`, or an untraced one
 * (every block is headed when the allocator behind the runtime is not
 * glibc's).  The block_* functions below serve both; each caller passes a
 * constant `traced`, so the choice costs nothing once inlined.
 */
#define TM_TRACED true
#define TM_UNTRACED false
static inline __attribute__((always_inline)) void *
with_header(void *base, size_t offset, size_t size, const void *entry,
            bool traced) {
  return traced ? trace_block(base, offset, size, entry)
                : head_block(base, offset);
}

static inline __attribute__((always_inline)) void *
block_malloc(size_t size, const void *entry, bool traced) {
  /* (Two instructions; __builtin_add_overflow takes six here.) */
  if (tm_unlikely(size > SIZE_MAX - TM_HEADER_SIZE))
    return tm_real.malloc(size); /* the real allocator's NULL and errno */
  void *base = tm_real.malloc(size + TM_HEADER_SIZE);
  return base ? with_header(base, TM_HEADER_SIZE, size, entry, traced) : NULL;
}

static inline __attribute__((always_inline)) void *
block_calloc(size_t n, size_t m, const void *entry, bool traced) {
  size_t size, total;
  if (__builtin_mul_overflow(n, m, &size) ||
      __builtin_add_overflow(size, TM_HEADER_SIZE, &total))
    return tm_real.calloc(n, m);
  void *base = tm_real.calloc(1, total);
  return base ? with_header(base, TM_HEADER_SIZE, size, entry, traced) : NULL;
}

/* size bytes aligned to alignment (a power of two) with room for a header
 * in front: the block starts at *base + *offset.  Returns 0 or the error
 * posix_memalign would return. */
static int memalign_with_header(void **base, size_t *offset,
                                size_t alignment, size_t size) {
  *offset = alignment > TM_HEADER_SIZE ? alignment : TM_HEADER_SIZE;
  size_t total;
  if (__builtin_add_overflow(size, *offset, &total))
    return ENOMEM;
  return tm_real.posix_memalign(base, *offset, total);
}

/* For memalign, aligned_alloc, posix_memalign, valloc and pvalloc, once
 * the caller checked that the real function would accept the alignment.
 * Returns 0 or the error posix_memalign would return. */
static inline __attribute__((always_inline)) int
block_memalign(void **out, size_t alignment, size_t size, const void *entry,
               bool traced) {
  void *base;
  size_t offset;
  int err = memalign_with_header(&base, &offset, alignment, size);
  if (err)
    return err;
  *out = with_header(base, offset, size, entry, traced);
  return 0;
}

static inline __attribute__((always_inline)) void *
block_memalign_or_errno(size_t alignment, size_t size, const void *entry,
                        bool traced) {
  void *p;
  int err = block_memalign(&p, alignment, size, entry, traced);
  if (err) {
    errno = err;
    return NULL;
  }
  return p;
}

/* pvalloc's size: whole pages, one for 0 (as glibc's); false on overflow. */
static bool pvalloc_size(size_t size, size_t page, size_t *rounded) {
  if (__builtin_add_overflow(size, page - 1, rounded))
    return false;
  *rounded = size ? *rounded & ~(page - 1) : page;
  return true;
}

/* ----- every block headed (any allocator but glibc's) ------------------- */

/* Each headed_* function first makes sure the header secret is set: a
 * header written before would never verify.  (During initialisation
 * itself nothing is headed before the secret.) */
static void *headed_malloc(size_t size) {
  tm_ensure_init();
  return block_malloc(size, NULL, TM_UNTRACED);
}

static void *headed_calloc(size_t n, size_t m) {
  tm_ensure_init();
  return block_calloc(n, m, NULL, TM_UNTRACED);
}

static int headed_posix_memalign(void **out, size_t alignment, size_t size) {
  tm_ensure_init();
  if (!is_power_of_two(alignment) || alignment % sizeof(void *) != 0)
    return tm_real.posix_memalign(out, alignment, size); /* EINVAL */
  return block_memalign(out, alignment, size, NULL, TM_UNTRACED);
}

/* memalign and aligned_alloc: an alignment that is not a power of two gets
 * the real function's answer; if that is a block (glibc rounds such an
 * alignment up), the block is given back and a headed one, aligned to the
 * next power of two, returned instead. */
static void *headed_any_alignment(void *(*real)(size_t, size_t),
                                  size_t alignment, size_t size) {
  if (!is_power_of_two(alignment)) {
    void *probe = real(alignment, size);
    if (!probe || alignment > (SIZE_MAX >> 1) + 1)
      return probe; /* NULL, or an answer no header can reproduce */
    tm_real.free(probe);
    alignment = alignment ? (size_t)1 << (64 - __builtin_clzl(alignment)) : 1;
  }
  /* posix_memalign wants at least sizeof(void *): alignment only grows. */
  return block_memalign_or_errno(
      alignment < sizeof(void *) ? sizeof(void *) : alignment, size, NULL,
      TM_UNTRACED);
}

static void *headed_memalign(size_t alignment, size_t size) {
  tm_ensure_init();
  return headed_any_alignment(tm_real.memalign, alignment, size);
}

static void *headed_aligned_alloc(size_t alignment, size_t size) {
  tm_ensure_init();
  return headed_any_alignment(tm_real.aligned_alloc, alignment, size);
}

static void *headed_valloc(size_t size) {
  tm_ensure_init();
  return block_memalign_or_errno((size_t)sysconf(_SC_PAGESIZE), size, NULL,
                                 TM_UNTRACED);
}

static void *headed_pvalloc(size_t size) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE), rounded;
  if (!pvalloc_size(size, page, &rounded)) {
    errno = ENOMEM;
    return NULL;
  }
  tm_ensure_init();
  return block_memalign_or_errno(page, rounded, NULL, TM_UNTRACED);
}

const tm_untraced_allocator tm_headed_allocator = {
    .malloc = headed_malloc,
    .calloc = headed_calloc,
    .memalign = headed_memalign,
    .posix_memalign = headed_posix_memalign,
    .aligned_alloc = headed_aligned_alloc,
    .valloc = headed_valloc,
    .pvalloc = headed_pvalloc,
};

/* ----- the interposed functions ----------------------------------------- */

/* Out of line, so that malloc's untraced path stays a few instructions. */
static __attribute__((noinline)) void *traced_malloc(size_t size,
                                                     const void *entry) {
  return block_malloc(size, entry, TM_TRACED);
}

static inline void *allocate(size_t size, const void *entry) {
  if (tm_likely(!tm_should_trace()))
    return tm_untraced.malloc(size);
  return traced_malloc(size, entry);
}

TM_EXPORT void *malloc(size_t size) { return allocate(size, TM_ENTRY_FRAME); }

/* free() once blocks with a header or from the bootstrap buffer exist. */
static __attribute__((noinline)) void free_marked(void *p) {
  tm_block_header *h = p ? tm_header_of(p) : NULL;
  if (h)
    tm_real.free(untrace_block(p, h));
  else if (tm_likely(!tm_bootstrap_owns(p)))
    tm_real.free(p); /* free(NULL) included: the real one accepts it */
}

TM_EXPORT void free(void *p) {
  if (tm_likely(!atomic_load_explicit(&tm_global.marked_blocks_issued,
                                      memory_order_relaxed)))
    tm_real.free(p); /* nothing to look for: the programs' blocks as such */
  else
    free_marked(p);
}

TM_EXPORT void *calloc(size_t n, size_t m) {
  if (tm_likely(!tm_should_trace()))
    return tm_untraced.calloc(n, m);
  return block_calloc(n, m, TM_ENTRY_FRAME, TM_TRACED);
}

/* realloc of a block that has no header. */
static void *realloc_unheaded(void *p, size_t size, const void *entry) {
  if (tm_bootstrap_owns(p)) {
    void *q = allocate(size, entry);
    size_t old = tm_bootstrap_size(p);
    if (q)
      memcpy(q, p, old < size ? old : size);
    return q;
  }
  size_t total;
  if (size == 0 || !tm_should_trace() ||
      __builtin_add_overflow(size, TM_HEADER_SIZE, &total))
    return tm_real.realloc(p, size);
  /* Traced from now on: make room for the header in front of the data. */
  size_t old = tm_real.malloc_usable_size(p);
  unsigned char *base = tm_real.realloc(p, total);
  if (!base)
    return NULL;
  memmove(base + TM_HEADER_SIZE, base, old < size ? old : size);
  return trace_block(base, TM_HEADER_SIZE, size, entry);
}

TM_EXPORT void *realloc(void *p, size_t size) {
  if (!p)
    return allocate(size, TM_ENTRY_FRAME);
  tm_block_header *h = tm_header_of(p);
  if (!h)
    return realloc_unheaded(p, size, TM_ENTRY_FRAME);

  uint64_t record = h->record;
  size_t offset = tm_record_offset(record);
  void *base = (unsigned char *)p - offset;
  if (size == 0) {
    /* glibc frees the block and returns NULL; another allocator may
     * return a fresh minimal block, which then has no header: where every
     * block must have one, it is given back for a headed malloc(0). */
    void *fresh = tm_real.realloc(untrace_block(p, h), 0);
    if (!fresh ||
        !atomic_load_explicit(&tm_global.every_block_headed,
                              memory_order_relaxed))
      return fresh;
    tm_real.free(fresh);
    return allocate(0, TM_ENTRY_FRAME);
  }
  size_t total;
  if (__builtin_add_overflow(size, offset, &total)) {
    errno = ENOMEM;
    return NULL;
  }
  /* If the block moves, its old place must not keep a valid header. */
  uint64_t check = h->check;
  h->check = 0;
  unsigned char *moved = tm_real.realloc(base, total);
  if (!moved) {
    h->check = check; /* the old block, its header and trace are intact */
    return NULL;
  }
  void *q = moved + offset;
  tm_trace_remove(p, record);
  if (tm_should_trace())
    return trace_block(moved, offset, size, TM_ENTRY_FRAME);
  tm_header_write(q, tm_record_make(NULL, (unsigned)__builtin_ctzl(offset)));
  return q;
}

TM_EXPORT void *reallocarray(void *p, size_t n, size_t m) {
  size_t size;
  if (__builtin_mul_overflow(n, m, &size)) {
    errno = ENOMEM;
    return NULL;
  }
  return realloc(p, size);
}

TM_EXPORT int posix_memalign(void **out, size_t alignment, size_t size) {
  if (tm_likely(!tm_should_trace()))
    return tm_untraced.posix_memalign(out, alignment, size);
  if (!is_power_of_two(alignment) || alignment % sizeof(void *) != 0)
    return tm_real.posix_memalign(out, alignment, size);
  return block_memalign(out, alignment, size, TM_ENTRY_FRAME, TM_TRACED);
}

TM_EXPORT void *aligned_alloc(size_t alignment, size_t size) {
  if (tm_likely(!tm_should_trace()))
    return tm_untraced.aligned_alloc(alignment, size);
  if (!is_power_of_two(alignment))
    return tm_real.aligned_alloc(alignment, size);
  return block_memalign_or_errno(alignment, size, TM_ENTRY_FRAME, TM_TRACED);
}

TM_EXPORT void *memalign(size_t alignment, size_t size) {
  if (tm_likely(!tm_should_trace()))
    return tm_untraced.memalign(alignment, size);
  if (!is_power_of_two(alignment))
    return tm_real.memalign(alignment, size);
  return block_memalign_or_errno(alignment, size, TM_ENTRY_FRAME, TM_TRACED);
}

TM_EXPORT void *valloc(size_t size) {
  if (tm_likely(!tm_should_trace()))
    return tm_untraced.valloc(size);
  return block_memalign_or_errno((size_t)sysconf(_SC_PAGESIZE), size,
                                 TM_ENTRY_FRAME, TM_TRACED);
}

TM_EXPORT void *pvalloc(size_t size) {
  if (tm_likely(!tm_should_trace()))
    return tm_untraced.pvalloc(size);
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t rounded;
  if (!pvalloc_size(size, page, &rounded))
    return tm_real.pvalloc(size);
  return block_memalign_or_errno(page, rounded, TM_ENTRY_FRAME, TM_TRACED);
}

TM_EXPORT size_t malloc_usable_size(void *p) {
  if (!p)
    return 0;
  if (tm_bootstrap_owns(p))
    return tm_bootstrap_size(p);
  tm_block_header *h = tm_header_of(p);
  if (!h)
    return tm_real.malloc_usable_size(p);
  size_t offset = tm_record_offset(h->record);
  return tm_real.malloc_usable_size((unsigned char *)p - offset) - offset;
}
