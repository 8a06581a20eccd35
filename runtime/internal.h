/*
 * Declarations shared by the runtime's files.  Nothing here is API: the
 * API is include/tracemalloc.h, the pass contract is tm_abi.h.
 */
#ifndef TM_INTERNAL_H
#define TM_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "../include/tracemalloc.h"
#include "tm_abi.h"

/* Everything declared below is the runtime's own: referenced directly, not
 * through the GOT, from the other files of the library. */
#pragma GCC visibility push(hidden)

#define TM_EXPORT __attribute__((visibility("default")))
#define TM_IE_TLS __attribute__((tls_model("initial-exec")))
#define tm_likely(x) __builtin_expect(!!(x), 1)
#define tm_unlikely(x) __builtin_expect(!!(x), 0)
/* For the slow paths the allocation fast path calls: they save the
 * registers they use themselves, so that the fast path, which rarely
 * calls them, need not save its own around every call. */
#define TM_SLOW_PATH __attribute__((preserve_most, noinline))

/* The result of a call that was given the caller's own frame address
 * (__builtin_frame_address(0)) to unwind from, kept from being a
 * tail call: a tail call pops the caller's frame before it
 * jumps, and the callee's own pushes then overwrite the frame record that
 * the unwinder reads through `entry` (the return address and the caller's
 * frame pointer).  The empty statement after the call keeps the frame
 * alive until the call returns.  test/runtime/entry-frames.test checks
 * the generated code of the functions the program calls. */
#define TM_KEEP_FRAME(result)                                                \
  ({                                                                         \
    __typeof__(result) kept_ = (result);                                     \
    __asm__ volatile("" : "+r"(kept_));                                      \
    kept_;                                                                   \
  })

/* ----- the allocator we forward to (real_alloc.c) ----------------------- */

typedef struct tm_real_allocator {
  void *(*malloc)(size_t);
  void (*free)(void *);
  void *(*calloc)(size_t, size_t);
  void *(*realloc)(void *, size_t);
  void *(*memalign)(size_t, size_t);
  int (*posix_memalign)(void **, size_t, size_t);
  void *(*aligned_alloc)(size_t, size_t);
  void *(*valloc)(size_t);
  void *(*pvalloc)(size_t);
  size_t (*malloc_usable_size)(void *);
  /* realloc as the dynamic linker binds the name for the program: the
   * runtime's own, unless an allocator found before the runtime defines
   * it (a preloaded jemalloc).  Not the next definition: reallocarray
   * calls it, as glibc's does. */
  void *(*bound_realloc)(void *, size_t);
} tm_real_allocator;

/* Starts as stubs that resolve the real functions on first use. */
extern tm_real_allocator tm_real;

/* Points the exported malloc and free at what the state now asks for
 * (malloc_interpose.c).  Weak: the builds under a sanitizer leave the
 * malloc family to it and link no malloc_interpose.c. */
void tm_interpose_update(void) __attribute__((weak));
/* Sends the next call of the exported malloc or free through control.c's
 * start of its thread first, then puts the entry points back.  Async-signal-safe:
 * one atomic store.  Weak, as tm_interpose_update. */
void tm_interpose_divert(void) __attribute__((weak));

/* Called after tm_real, tracing or marked_blocks_issued changed. */
static inline void tm_interpose_changed(void) {
  if (tm_interpose_update)
    tm_interpose_update();
}

/* Finds the next definition of the malloc family (dlsym RTLD_NEXT), and
 * whether it is glibc's; fills tm_real and tm_global.glibc_malloc. */
void tm_resolve_real_allocator(void);

/* Under a sanitizer, which owns the program's malloc, traces its blocks
 * through its allocation hooks instead (sanitizer_hooks.c). */
void tm_install_sanitizer_hooks(void);

/* Blocks served while dlsym was resolving the real allocator: never freed. */
#define TM_BOOTSTRAP_SIZE (64 * 1024)
extern unsigned char tm_bootstrap_buffer[TM_BOOTSTRAP_SIZE];
static inline bool tm_bootstrap_owns(const void *p) {
  return (uintptr_t)p - (uintptr_t)tm_bootstrap_buffer < TM_BOOTSTRAP_SIZE;
}
size_t tm_bootstrap_size(const void *p);

/* ----- per-thread state ------------------------------------------------- */

/* TM_SITE_HINT_VAR (tm_abi.h): the site the instrumented code is calling
 * an allocation function from, or NULL. */
extern TM_EXPORT __thread const tm_site *__tm_site_hint TM_IE_TLS;
/* TM_SITE_FRAME_VAR: the frame of the function that set the hint. */
extern TM_EXPORT __thread const void *__tm_site_frame TM_IE_TLS;

/* The id of the site the hint names (0: no instrumented site, or a site
 * of a module the runtime refused). */
static inline uint32_t tm_hint_site_id(void) {
  const tm_site *site = __tm_site_hint;
  return site ? __atomic_load_n(&site->id, __ATOMIC_RELAXED) : 0;
}

/* TM_TRACING_VAR: non-zero while tracing.  The instrumented call sites
 * set the hint only then; the runtime reads it as tm_tracing, its own name
 * for the same byte (an alias: no indirection through the GOT). */
extern TM_EXPORT _Atomic unsigned char __tm_tracing;
extern _Atomic unsigned char tm_tracing;

typedef struct tm_thread {
  struct tm_heap *heap; /* the live-block table shard this thread fills */
  int busy;             /* > 0 inside the runtime: allocations untraced */
  uintptr_t stack_lo, stack_hi; /* the thread's stack, for unwinding */
  uintptr_t last_pc;       /* the last return address interned alone, */
  uint32_t last_pc_stack;  /* and its stack id (stack_depot.c) */
  const struct tm_stack *last_stack; /* the last stack captured */
} tm_thread;

extern __thread tm_thread tm_self TM_IE_TLS;

/* Brackets runtime code that may call into libc functions that allocate. */
static inline void tm_enter(void) { tm_self.busy++; }
static inline void tm_leave(void) { tm_self.busy--; }

/* ----- global tracing state (tracing.c) --------------------------------- */

typedef struct tm_state {
  atomic_int nframe;
  /* Set once a traced block (or one from the bootstrap buffer) was handed
   * out; until then free() forwards every pointer untouched. */
  atomic_bool marked_blocks_issued;
  /* The real allocator is glibc's: a block's usable size is read from its
   * chunk header instead of asked (block_tag.h).  Set once, when the real
   * allocator is resolved. */
  atomic_bool glibc_malloc;
  /* A block of a size traced through a tag was traced by address instead
   * (its trace id does not fit a tag): free() must look there too. */
  atomic_bool small_blocks_by_address;
  uint64_t tag_secret; /* what the keys of the tags are drawn from */
  /* Keys the tags of traced blocks (block_tag.h); drawn anew whenever
   * every trace is forgotten. */
  _Atomic uint64_t tag_key;
  /* A sanitizer owns the program's malloc: its blocks are traced through
   * its hooks, by address (sanitizer_hooks.c), and carry no tag. */
  atomic_bool sanitizer_allocator;
  /* Traced bytes flushed from the heaps' pending deltas, and the peak. */
  _Atomic int64_t current;
  _Atomic int64_t peak;
  /* TRACEMALLOC_PEAK_DUMP: a peak at least this high asks for a dump
   * (INT64_MAX: never). */
  _Atomic int64_t peak_dump_at;
} tm_state;

extern tm_state tm_global;

static inline bool tm_should_trace(void) {
  return atomic_load_explicit(&tm_tracing, memory_order_relaxed) &&
         tm_self.busy == 0;
}

/* The time of `clock` in nanoseconds: CLOCK_MONOTONIC measures durations,
 * CLOCK_REALTIME gives dates. */
static inline uint64_t tm_clock_ns(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* timeline.c: records the traced memory when it moved by a step since the
 * last point (called when a heap reports its bytes); restarts the
 * timeline (tm_start, tm_clear_traces); copies it, with a point for now,
 * into memory from tm_real.malloc (NULL and 0 without memory), and sets
 * *start_ns to the wall-clock time (CLOCK_REALTIME) its times count from. */
void tm_timeline_record(int64_t current, int64_t peak);
void tm_timeline_restart(void);
tm_timeline_point *tm_timeline_copy(size_t *n, uint64_t *start_ns);
/* The timeline's lock, for fork() (tracing.c). */
void tm_timeline_lock(void);
void tm_timeline_unlock(void);

/* A new peak crossed tm_global.peak_dump_at (dump_thread.c): moves the
 * threshold on, and returns whether the calling thread is the one to
 * capture the heap (tm_peak_capture) once it has left its heap.  Called
 * from the accounting slow path. */
bool tm_peak_reached(int64_t peak);
/* Copies the live-block table out for the peak dump, which the dump
 * thread then symbolizes and writes. */
TM_SLOW_PATH void tm_peak_capture(void);

/* Finds the next definitions of exec* and _exit (process_end.c).  Weak:
 * the builds under a sanitizer link no process_end.c. */
void tm_resolve_process_end(void) __attribute__((weak));

/* Initialises the runtime once: real allocator, secret, fork handlers,
 * environment variables.  Safe to call from anywhere, any number of times. */
void tm_ensure_init(void);

/* ----- the runtime's own memory (internal_alloc.c) ---------------------- */

void *tm_map(size_t size);
void tm_unmap(void *p, size_t size);
/* Bytes mapped by tm_map and not unmapped. */
size_t tm_mapped_bytes(void);

/* An append-only arena for records that live as long as the process. */
void *tm_arena_alloc(size_t size);
/* Copies a string into the arena once; equal strings share one copy. */
const char *tm_intern(const char *s);
/* FNV-1a of a NUL-terminated string. */
uint64_t tm_hash_string(const char *s);
/* The arena's and the strings' locks, for fork() (tracing.c). */
void tm_internal_alloc_lock(void);
void tm_internal_alloc_unlock(void);

/* ----- site registry (sites.c) ------------------------------------------ */

typedef struct tm_site_info {
  const char *file;
  const char *directory;
  const char *function;
  uint32_t line;
  uint32_t column;
  uint16_t kind;
  uint16_t flags;
  /* The one-frame traceback of a block allocated here, for
   * tm_get_object_traceback(): as long-lived as the registry. */
  tm_frame frame;
  tm_traceback traceback;
} tm_site_info;

/* The site with that id; id 0 is the site of uninstrumented code. */
const tm_site_info *tm_site_lookup(uint32_t id);

/* Sites whose function returns their block (TM_SITE_RETURNED) get their
 * ids from here up: the one comparison the hot path makes of a site id
 * (tm_site_id_is_plain, tm_tag_site_packs_as_is) then sends their blocks
 * to the path that captures a stack, which charges the wrapper's caller. */
#define TM_SITE_RETURNED_ID_BASE (1u << 20)

/* Whether a site id names a known site whose block is charged to it. */
static inline bool tm_site_id_is_plain(uint32_t id) {
  return id - 1 < TM_SITE_RETURNED_ID_BASE - 1;
}

static inline bool tm_site_id_is_returned(uint32_t id) {
  return id >= TM_SITE_RETURNED_ID_BASE;
}

/* Whether a symbolized frame is at that line of that file, which a site
 * record names as the compiler was given it (so by its base name). */
bool tm_frame_is_at(const tm_frame *frame, const char *file, unsigned line);

/* Whether the call at that frame's line is a TM_KIND_FORWARD record's: a
 * call whose result its function returns, so that a wrapper's block
 * belongs further up. */
bool tm_site_forwards(const tm_frame *frame);

/* path relative to the compilation directory of a registered site, when it
 * lies under one (so it reads as the site records name files), else path. */
const char *tm_site_relative_path(const char *path);
/* The distinct compilation directories of the registered sites, in a
 * new array from tm_real.malloc (NULL when there are none, or without
 * memory); their number in *n. */
const char **tm_site_directories(size_t *n);
/* Calls fn on every registered site, under the registry's lock. */
void tm_sites_foreach(void (*fn)(uint32_t id, const tm_site_info *info));
/* The registry's lock, for fork() (tracing.c). */
void tm_sites_lock(void);
void tm_sites_unlock(void);

/* ----- the runtime's threads (service_thread.c) ------------------------- */

/* Starts fn(arg) in a detached thread that takes none of the program's
 * signals; 0 or pthread_create's error. */
int tm_start_service_thread(void *(*fn)(void *), void *arg);

/* ----- messages --------------------------------------------------------- */

/* Writes "tracemalloc: <text>\n" to stderr without allocating, and
 * nothing when descriptor 2 is no longer the stderr of start-up. */
void tm_report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Notes which file descriptor 2 is (or that it is closed), once, at
 * start-up; until then every stderr counts as the original. */
void tm_remember_stderr(void);
/* Whether descriptor 2 is open on the file it was open on at start-up. */
bool tm_stderr_is_original(void);
/* Writes all n bytes to fd; false on an error.  Async-signal-safe. */
bool tm_write_all(int fd, const char *text, size_t n);

/* ----- errors (error.c) and dump files (dump.c) --------------------------- */

/* Sets errno to errnum and the calling thread's tm_last_error() message. */
void tm_set_error(int errnum, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

struct tm_snapshot;

/* The bytes of a dump of the snapshot (docs/format.md), allocated with
 * tm_real.malloc, their number in *size; NULL with tm_set_error(). */
unsigned char *tm_dump_serialize(const struct tm_snapshot *snapshot,
                                 size_t *size /* OUT */);

/* A snapshot read from the `size` bytes of a whole dump file, or NULL with
 * tm_set_error(); `name` names the file in messages.  A dump of more than
 * max_traces traces is refused before anything is allocated for them.
 * Reads nothing outside [data, data + size). */
struct tm_snapshot *tm_dump_parse(const unsigned char *data, size_t size,
                                  const char *name, size_t max_traces);

#pragma GCC visibility pop

#endif /* TM_INTERNAL_H */
