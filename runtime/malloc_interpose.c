/*
 * The malloc family as the program sees it.
 *
 * Every call lands here first and is forwarded to the real allocator
 * (tm_real).  While tracing, a block is asked TM_TAG_SIZE bytes larger,
 * gets a tag at its end (block_tag.h) and a trace in the live-block table,
 * attributed to the site the instrumented call site left in
 * __tm_site_hint; a block of TM_TAG_LIMIT usable bytes or more is traced
 * by address instead (domain 0 of domains.c).  Whatever the runtime does,
 * a call returns what the real allocator's call would have returned: the
 * same NULL, errno and alignment guarantees, and the same block, which
 * the program may use up to what it asked for.  A request too large to
 * carry a tag is forwarded untraced, so the real allocator gives its own
 * answer.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "trace_table.h"
#include "control.h"
#include "domains.h"
#include "spinlock.h"
#include "stack_depot.h"

/* The frame of the exported function the program called: unwinding
 * starts above it, so the runtime's own frames never show. */
#define TM_ENTRY_FRAME __builtin_frame_address(0)

#define HEAP_DOMAIN 0 /* the domain of the malloc family's blocks */

/* Whether a request of `size` bytes is traced: tracing, and room for the
 * tag. */
static inline bool should_trace(size_t size) {
  return tm_unlikely(tm_should_trace()) && size <= SIZE_MAX - TM_TAG_SIZE;
}

/*
 * The real allocators a traced path may be compiled for: the exported
 * malloc and free jump to a path made for the one the process has, which
 * then finds a block's tag without asking which it is; the other
 * functions of the family ask (tm_tag_place).
 */
typedef enum { ANY_ALLOCATOR, GLIBC_ALLOCATOR, OTHER_ALLOCATOR } allocator;

static inline __attribute__((always_inline)) unsigned char *
tag_place(void *p, allocator a) {
  switch (a) {
  case GLIBC_ALLOCATOR: return tm_tag_place_glibc(p);
  case OTHER_ALLOCATOR: return tm_tag_place_asked(p);
  default: return tm_tag_place(p);
  }
}

/* Traces p, a block the real allocator returned for size + TM_TAG_SIZE
 * bytes, as `size` bytes allocated from the exported function whose frame
 * is `entry`.  Returns p. */
static inline __attribute__((always_inline)) void *
trace_block(void *p, size_t size, const void *entry, allocator a) {
  uint32_t trace = tm_trace_id(tm_hint_site_id(), entry);
  unsigned char *place = tag_place(p, a);
  uint32_t packed;
  if (tm_likely(place != NULL)) {
    if (tm_likely(tm_tag_pack_trace(trace, &packed))) {
      tm_trace_insert(p, place, size, packed, 1);
      return p;
    }
    /* Free must look for it by address too, from now on. */
    atomic_store_explicit(&tm_global.small_blocks_by_address, true,
                          memory_order_relaxed);
  }
  tm_domains_insert(HEAP_DOMAIN, (uintptr_t)p, size, trace, 1);
  return p;
}

/* trace_block out of line, for the paths that rarely need all of it. */
static TM_SLOW_PATH void *trace_block_elsewise(void *p, size_t size,
                                               const void *entry) {
  return trace_block(p, size, entry, ANY_ALLOCATOR);
}

/* trace_block on a path compiled for tracing by line (a traceback limit
 * of 1): a block from a known site whose id fits a tag is counted under
 * that id as it is, without a look at the limit; any other takes the
 * general path. */
static inline __attribute__((always_inline)) void *
trace_block_by_line(void *p, size_t size, const void *entry, allocator a) {
  uint32_t site = tm_hint_site_id();
  unsigned char *place = tag_place(p, a);
  if (tm_likely(place != NULL) && tm_likely(tm_tag_site_packs_as_is(site)))
    return tm_trace_insert(p, place, size, site, 1), p;
  return trace_block_elsewise(p, size, entry);
}

/* Whether a block of a tagged size may be traced by address: once a trace
 * id too large for a tag was seen. */
static inline bool small_blocks_by_address(void) {
  return atomic_load_explicit(&tm_global.small_blocks_by_address,
                              memory_order_relaxed);
}

/* Forgets the trace of p, whose tag would be at `place`; false when p may
 * still be traced by address. */
static inline __attribute__((always_inline)) bool
untrace_tagged(void *p, unsigned char *place) {
  uint32_t payload;
  return tm_trace_remove(p, place, &payload) ||
         tm_likely(!small_blocks_by_address());
}

static bool untrace_by_address(void *p) {
  uint64_t size;
  uint32_t trace;
  return tm_domains_remove(HEAP_DOMAIN, (uintptr_t)p, &size, &trace);
}

/* pvalloc's size: whole pages, one for 0 (as glibc's); false on overflow. */
static bool pvalloc_size(size_t size, size_t page, size_t *rounded) {
  if (__builtin_add_overflow(size, page - 1, rounded))
    return false;
  *rounded = size ? *rounded & ~(page - 1) : page;
  return true;
}

/* ----- the interposed functions ----------------------------------------- */

/*
 * What the exported malloc and free jump to: the real allocator's own
 * functions while the runtime has nothing to do (not tracing; no traced
 * block yet), the traced paths otherwise (tm_interpose_update).  So
 * interposition costs a program that does not trace one indirect jump per
 * call.  A traced path still checks for itself: it may be reached just
 * after tracing stopped, or from the runtime's own allocations.
 */
static void *forward_malloc(size_t size) { return tm_real.malloc(size); }
static void forward_free(void *p) { tm_real.free(p); }

/* Written with atomic stores, read with plain loads, which fold into the
 * jump (an atomic load would cost a register and an instruction): an
 * aligned pointer's load cannot tear, and either value is right to jump
 * to while it is being replaced. */
static struct {
  void *(*malloc)(size_t);
  void (*free)(void *);
} entry_points = {forward_malloc, forward_free};
static atomic_flag entry_lock = ATOMIC_FLAG_INIT;

/* malloc, traced, from the exported function whose frame is
 * `entry_frame`; `by_line`: on a path for a traceback limit of 1. */
static inline __attribute__((always_inline)) void *
allocate(size_t size, const void *entry_frame, allocator a, bool by_line) {
  /* The paths compiled for an allocator are reached only while tracing
   * (or just after: tm_trace_insert checks again), so they leave out that
   * test. */
  bool traced = a == ANY_ALLOCATOR ? should_trace(size)
                                   : tm_self.busy == 0 &&
                                         size <= SIZE_MAX - TM_TAG_SIZE;
  if (tm_unlikely(!traced))
    return tm_real.malloc(size);
  void *p = tm_real.malloc(size + TM_TAG_SIZE);
  if (!p)
    return NULL;
  return by_line ? trace_block_by_line(p, size, entry_frame, a)
                 : trace_block(p, size, entry_frame, a);
}

/* The paths the exported malloc jumps to while tracing, one for each
 * allocator and traceback limit (tm_interpose_update): entered by a jump
 * from malloc(), so that their frame is the one whose record names the
 * program's call, and kept (no tail call), since tracebacks unwind from
 * it. */
#define TRACED_MALLOC(name, allocator, by_line)                              \
  static __attribute__((noinline)) void *name(size_t size) {                 \
    return TM_KEEP_FRAME(allocate(size, TM_ENTRY_FRAME, allocator, by_line)); \
  }
TRACED_MALLOC(traced_malloc_glibc_by_line, GLIBC_ALLOCATOR, true)
TRACED_MALLOC(traced_malloc_glibc, GLIBC_ALLOCATOR, false)
TRACED_MALLOC(traced_malloc_other_by_line, OTHER_ALLOCATOR, true)
TRACED_MALLOC(traced_malloc_other, OTHER_ALLOCATOR, false)

TM_EXPORT void *malloc(size_t size) { return entry_points.malloc(size); }

/* free() of a block with no tag: a large one, one traced by address, or
 * one of the bootstrap buffer, which is never given back. */
static __attribute__((noinline)) void free_untagged(void *p) {
  if (tm_bootstrap_owns(p))
    return;
  untrace_by_address(p);
  tm_real.free(p);
}

/* free() once traced blocks or blocks from the bootstrap buffer exist. */
static inline __attribute__((always_inline)) void free_marked(void *p,
                                                              allocator a) {
  if (!p)
    return;
  /* glibc's path takes the buffer's blocks for large ones (block_tag.h);
   * another allocator must not be asked about them. */
  if (a != GLIBC_ALLOCATOR && tm_unlikely(tm_bootstrap_owns(p)))
    return;
  unsigned char *place = tag_place(p, a);
  if (tm_unlikely(place == NULL) || tm_unlikely(!untrace_tagged(p, place))) {
    free_untagged(p);
    return;
  }
  tm_real.free(p);
}

static void free_marked_glibc(void *p) { free_marked(p, GLIBC_ALLOCATOR); }
static void free_marked_other(void *p) { free_marked(p, OTHER_ALLOCATOR); }

TM_EXPORT void free(void *p) { entry_points.free(p); }

/* The paths the state asks for. */
static void *(*malloc_path(void))(size_t) {
  bool glibc = tm_glibc_malloc();
  bool by_line = atomic_load(&tm_global.nframe) == 1;
  if (!atomic_load(&tm_tracing))
    return tm_real.malloc;
  return glibc ? (by_line ? traced_malloc_glibc_by_line : traced_malloc_glibc)
               : (by_line ? traced_malloc_other_by_line : traced_malloc_other);
}

static void (*free_path(void))(void *) {
  if (!atomic_load(&tm_global.marked_blocks_issued))
    return tm_real.free;
  return tm_glibc_malloc() ? free_marked_glibc : free_marked_other;
}

void tm_interpose_update(void) {
  /* Under a lock, each update reads the state after the change that
   * called it: the last one to write has seen every change. */
  tm_spin_lock(&entry_lock);
  __atomic_store_n(&entry_points.malloc, malloc_path(), __ATOMIC_RELAXED);
  __atomic_store_n(&entry_points.free, free_path(), __ATOMIC_RELAXED);
  tm_spin_unlock(&entry_lock);
}

/* malloc and free, once diverted by a control signal: the program's own
 * context, where a thread can be made, which the signal handler is not.
 * Inside the runtime (pthread_create's own allocations among them) they
 * only go on to the path the state asks for, and the diversion waits for
 * the program's next call. */
static void run_diverted(void) {
  if (tm_self.busy == 0) {
    tm_control_start_thread();
    tm_interpose_update();
  }
}

static void *diverted_malloc(size_t size) {
  run_diverted();
  return malloc_path()(size);
}

static void diverted_free(void *p) {
  run_diverted();
  free_path()(p);
}

void tm_interpose_divert(void) {
  __atomic_store_n(&entry_points.malloc, diverted_malloc, __ATOMIC_RELAXED);
  __atomic_store_n(&entry_points.free, diverted_free, __ATOMIC_RELAXED);
}

TM_EXPORT void *calloc(size_t n, size_t m) {
  size_t size;
  if (tm_likely(!tm_should_trace()) || __builtin_mul_overflow(n, m, &size) ||
      !should_trace(size))
    return tm_real.calloc(n, m);
  void *p = tm_real.calloc(1, size + TM_TAG_SIZE);
  return p ? TM_KEEP_FRAME(
                 trace_block(p, size, TM_ENTRY_FRAME, ANY_ALLOCATOR))
           : NULL;
}

/* realloc of a block from the bootstrap buffer: moved to a real block. */
static void *realloc_bootstrap(void *p, size_t size, const void *entry) {
  void *q = allocate(size, entry, ANY_ALLOCATOR, false);
  size_t old = tm_bootstrap_size(p);
  if (q)
    memcpy(q, p, old < size ? old : size);
  return q;
}

/* realloc and reallocarray, called from the exported function whose frame
 * is `entry`. */
static inline __attribute__((always_inline)) void *
reallocate(void *p, size_t size, const void *entry) {
  if (!p)
    return allocate(size, entry, ANY_ALLOCATOR, false);
  if (tm_unlikely(tm_bootstrap_owns(p)))
    return TM_KEEP_FRAME(realloc_bootstrap(p, size, entry));
  bool traced = size != 0 && should_trace(size);
  bool marked = atomic_load_explicit(&tm_global.marked_blocks_issued,
                                     memory_order_relaxed);
  if (!marked && !traced)
    return tm_real.realloc(p, size);

  /* p's trace, taken out now: once the real realloc has given the
   * address back, another thread's new block may be traced under it, and
   * a tag left in the old block would pass for a later block's. */
  bool tagged = false, large = false;
  uint32_t payload;
  uint64_t large_size;
  uint32_t large_trace;
  unsigned char *place = tm_tag_place(p);
  if (place)
    tagged = tm_trace_remove(p, place, &payload);
  if (!tagged && (!place || small_blocks_by_address()))
    large = tm_domains_remove(HEAP_DOMAIN, (uintptr_t)p, &large_size,
                              &large_trace);

  void *q = tm_real.realloc(p, traced ? size + TM_TAG_SIZE : size);
  if (!q && size != 0) {
    /* Failed: p is intact, and gets its trace back. */
    if (tagged)
      tm_trace_insert(p, place, tm_tag_payload_size(payload),
                      tm_tag_payload_packed_trace(payload), 0);
    if (large)
      tm_domains_insert(HEAP_DOMAIN, (uintptr_t)p, large_size, large_trace, 0);
    return NULL;
  }
  return q && traced
             ? TM_KEEP_FRAME(trace_block(q, size, entry, ANY_ALLOCATOR))
             : q;
}

TM_EXPORT void *realloc(void *p, size_t size) {
  return reallocate(p, size, TM_ENTRY_FRAME);
}

/* realloc under a name that always means the runtime's own. */
extern __typeof__(realloc) own_realloc __attribute__((alias("realloc")));

/* glibc's reallocarray calls realloc as the program's calls bind it; so
 * does this one.  An allocator preloaded before the runtime that defines
 * realloc but not reallocarray (jemalloc, tcmalloc) gets the block back,
 * as it would without the runtime.  Otherwise the runtime's own realloc,
 * entered from here, so that tracebacks start at the program's call. */
TM_EXPORT void *reallocarray(void *p, size_t n, size_t m) {
  size_t size;
  if (__builtin_mul_overflow(n, m, &size)) {
    errno = ENOMEM;
    return NULL;
  }
  if (tm_unlikely(tm_real.bound_realloc != own_realloc))
    return tm_real.bound_realloc(p, size);
  return reallocate(p, size, TM_ENTRY_FRAME);
}

TM_EXPORT int posix_memalign(void **out, size_t alignment, size_t size) {
  if (tm_likely(!should_trace(size)))
    return tm_real.posix_memalign(out, alignment, size);
  int err = tm_real.posix_memalign(out, alignment, size + TM_TAG_SIZE);
  if (!err)
    (void)TM_KEEP_FRAME(
        trace_block(*out, size, TM_ENTRY_FRAME, ANY_ALLOCATOR));
  return err;
}

TM_EXPORT void *aligned_alloc(size_t alignment, size_t size) {
  if (tm_likely(!should_trace(size)))
    return tm_real.aligned_alloc(alignment, size);
  void *p = tm_real.aligned_alloc(alignment, size + TM_TAG_SIZE);
  return p ? TM_KEEP_FRAME(
                 trace_block(p, size, TM_ENTRY_FRAME, ANY_ALLOCATOR))
           : NULL;
}

TM_EXPORT void *memalign(size_t alignment, size_t size) {
  if (tm_likely(!should_trace(size)))
    return tm_real.memalign(alignment, size);
  void *p = tm_real.memalign(alignment, size + TM_TAG_SIZE);
  return p ? TM_KEEP_FRAME(
                 trace_block(p, size, TM_ENTRY_FRAME, ANY_ALLOCATOR))
           : NULL;
}

/* valloc and pvalloc, traced: page-aligned memalign with room for the tag
 * (pvalloc itself would round the tag up to one more page). */
static void *page_aligned(size_t size, size_t page, const void *entry) {
  void *p = tm_real.memalign(page, size + TM_TAG_SIZE);
  return p ? trace_block(p, size, entry, ANY_ALLOCATOR) : NULL;
}

TM_EXPORT void *valloc(size_t size) {
  if (tm_likely(!should_trace(size)))
    return tm_real.valloc(size);
  return TM_KEEP_FRAME(
      page_aligned(size, (size_t)sysconf(_SC_PAGESIZE), TM_ENTRY_FRAME));
}

TM_EXPORT void *pvalloc(size_t size) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE), rounded;
  if (tm_likely(!tm_should_trace()) || !pvalloc_size(size, page, &rounded) ||
      !should_trace(rounded))
    return tm_real.pvalloc(size);
  return TM_KEEP_FRAME(page_aligned(rounded, page, TM_ENTRY_FRAME));
}

TM_EXPORT size_t malloc_usable_size(void *p) {
  if (!p)
    return 0;
  if (tm_bootstrap_owns(p))
    return tm_bootstrap_size(p);
  size_t usable = tm_real.malloc_usable_size(p);
  unsigned char *place;
  uint32_t payload;
  if (atomic_load_explicit(&tm_global.marked_blocks_issued,
                           memory_order_relaxed) &&
      (place = tm_tag_place(p)) && tm_tag_read(p, place, &payload))
    return usable - TM_TAG_SIZE; /* the tag is not the program's to write */
  return usable;
}
