/*
 * tracemalloc.h -- trace memory allocations in C and C++ programs.
 *
 * The C counterpart of Python's tracemalloc module.  Build the program with
 * tmcc/tmc++ (or clang with the TraceMalloc pass plugin and -ltracemalloc);
 * every allocation call site then carries its file and line, and the
 * functions below tell which lines allocated the memory that is alive now.
 *
 * Every function here may be called from any thread.  Functions that return
 * memory (snapshots, statistics) hand the caller ownership; free it with the
 * matching *_free function.  The returned memory is never traced itself.
 *
 * A function that is not declared in this header is not API.
 */
#ifndef TRACEMALLOC_H
#define TRACEMALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TM_VERSION        "0.1.0"
#define TM_VERSION_NUMBER 1000 /* major * 1000000 + minor * 1000 + patch */

/*
 * The version of the library the program runs with, as TM_VERSION_NUMBER.
 * Compare it with TM_VERSION_NUMBER to check that the header a program was
 * built with matches the library it runs with.
 */
int tm_libversion_number(void);

/* Largest traceback depth tm_start() accepts (Python's limit too). */
#define TM_MAX_NFRAME 65535

/* ---------------------------------------------------------------------
 * Starting and stopping
 * ------------------------------------------------------------------- */

/*
 * Start tracing allocations, storing up to `nframe` frames per traceback.
 * Frame 0 of an instrumented call site is its exact file and line.
 * Calling it while tracing changes the traceback limit only.
 *
 * Returns 0, or -1 with errno set to EINVAL when nframe is not in
 * [1, TM_MAX_NFRAME].  Python: tracemalloc.start(nframe=1).
 */
int tm_start(int nframe);

/*
 * Stop tracing and forget every trace (as tm_clear_traces()).  Blocks
 * traced before stay valid for the program; freeing them later is fine.
 * Python: tracemalloc.stop().
 */
void tm_stop(void);

/* true while allocations are traced.  Python: tracemalloc.is_tracing(). */
bool tm_is_tracing(void);

/*
 * Forget every trace and set the traced memory and its peak to 0, without
 * stopping.  Blocks allocated before are not traced any more.
 * Python: tracemalloc.clear_traces().
 */
void tm_clear_traces(void);

/* ---------------------------------------------------------------------
 * Counters
 * ------------------------------------------------------------------- */

/*
 * Store the size of the traced blocks that are alive now in *current and
 * the largest it has been since tracing started (or since the last
 * tm_reset_peak()) in *peak.  Either pointer may be NULL.  Both are 0 when
 * not tracing.  The peak is exact in a single-threaded program; with
 * threads see docs/api.md.  Python: tracemalloc.get_traced_memory().
 */
void tm_get_traced_memory(size_t *current /* OUT */, size_t *peak /* OUT */);

/* Set the peak to the current traced size.  Python: reset_peak(). */
void tm_reset_peak(void);

/*
 * Bytes of memory the tracer itself uses for its tables, including the
 * tag it places at the end of each traced block.
 * Python: tracemalloc.get_tracemalloc_memory().
 */
size_t tm_get_tracemalloc_memory(void);

/*
 * The nframe of the last tm_start(), 1 before any (tm_stop() keeps it).
 * Python: tracemalloc.get_traceback_limit().
 */
int tm_get_traceback_limit(void);

/* ---------------------------------------------------------------------
 * Snapshots and statistics
 * ------------------------------------------------------------------- */

/*
 * One frame of a traceback: a source file and a line (0: unknown), as
 * Python's Frame, plus the function the line is in ("" when unknown).
 * Frames compare by filename and lineno only, as in Python.
 */
typedef struct tm_frame {
  const char *filename;
  unsigned lineno;
  const char *function;
} tm_frame;

/*
 * A traceback, as Python's tracemalloc.Traceback: frames[0] is the oldest
 * frame, frames[nframe - 1] the most recent (the allocation call site).
 * total_nframe is the depth before truncation to the traceback limit.
 *
 * A block allocated through a wrapper (a function that returns the block
 * it allocated, which tmcc finds) is charged to the wrapper's caller: then
 * frames[nframe - 1] is the caller's call of the wrapper, and the
 * wrappers skipped follow it, frames[nframe] to frames[nframe + nwrapper
 * - 1], the last one the allocation call itself.  Python has no
 * counterpart; nwrapper is 0 otherwise.  The library makes every
 * traceback it hands out; tm_traceback_format() reads only the first
 * three fields of one made elsewhere.
 */
typedef struct tm_traceback {
  size_t nframe;
  size_t total_nframe;
  const tm_frame *frames;
  size_t nwrapper;
} tm_traceback;

/* What statistics are grouped by.  Python: the key_type strings. */
typedef enum tm_key {
  TM_KEY_LINENO,    /* 'lineno': the most recent frame's file and line */
  TM_KEY_FILENAME,  /* 'filename': the most recent frame's file */
  TM_KEY_TRACEBACK  /* 'traceback': the whole traceback */
} tm_key;

/*
 * One statistic: the blocks that share a key.  size_diff and count_diff
 * are 0 except in the results of a comparison of two snapshots.
 */
typedef struct tm_stat {
  size_t size;              /* bytes of the blocks */
  size_t count;             /* number of blocks */
  const tm_traceback *traceback;
  long long size_diff;
  long long count_diff;
} tm_stat;

/* One traced block of a snapshot.  Python: tracemalloc.Trace. */
typedef struct tm_trace {
  unsigned domain; /* 0: the heap; see tm_track() */
  size_t size;
  const tm_traceback *traceback;
} tm_trace;

typedef struct tm_snapshot tm_snapshot;
typedef struct tm_stats tm_stats;

/*
 * Take a snapshot of the traces of the blocks that are alive now.  It is
 * independent of the tracer afterwards: later allocations, tm_stop() and
 * dlclose() do not change it.
 *
 * Returns NULL with errno EINVAL when not tracing (Python raises
 * RuntimeError), or with errno ENOMEM.  Python: take_snapshot().
 */
tm_snapshot *tm_take_snapshot(void);

/* Free a snapshot.  NULL is a no-op. */
void tm_snapshot_free(tm_snapshot *snapshot);

/* Number of traces in the snapshot (0 for NULL).  Python: len(traces). */
size_t tm_snapshot_trace_count(const tm_snapshot *snapshot);

/* The i-th trace, or NULL when i is out of range; valid as long as the
 * snapshot.  Python: snapshot.traces[i]. */
const tm_trace *tm_snapshot_trace(const tm_snapshot *snapshot, size_t i);

/* The traceback limit tracing had when the snapshot was taken (0 for
 * NULL).  Python: snapshot.traceback_limit. */
int tm_snapshot_traceback_limit(const tm_snapshot *snapshot);

/*
 * What was allocated since tracing started (or since tm_clear_traces()),
 * by domain and traceback: every allocation, alive at the snapshot or
 * freed before it, so that code that allocates often shows even when its
 * blocks are short-lived.  A realloc counts as an allocation of its new
 * size; tm_track() of a block as one allocation.  No Python equivalent:
 * pprof's alloc_objects and alloc_space.
 */
typedef struct tm_allocated {
  unsigned domain;
  size_t count; /* allocations */
  size_t size;  /* the bytes they asked for, all together */
  const tm_traceback *traceback;
} tm_allocated;

/* Number of (domain, traceback) totals in the snapshot (0 for NULL). */
size_t tm_snapshot_allocated_count(const tm_snapshot *snapshot);

/* The i-th total, or NULL when i is out of range; valid as long as the
 * snapshot.  In no particular order. */
const tm_allocated *tm_snapshot_allocated(const tm_snapshot *snapshot,
                                          size_t i);

/*
 * Where and when a snapshot was taken.  What a snapshot does not know is
 * "" or 0: a snapshot loaded from a dump of format version 1 or 2 knows
 * none of it, and without /proc the program is unknown.  Later versions
 * may add fields at the end: read the struct through the pointer that
 * tm_snapshot_process() returns, never make one.
 */
typedef struct tm_process {
  const char *program; /* the program's file, as /proc/self/exe names it */
  uint64_t pid;        /* its process id */
  uint64_t time_ns;    /* when the snapshot was taken: wall-clock time
                          (CLOCK_REALTIME) in ns since the Unix epoch */
  uint64_t start_ns;   /* when tracing started (or its traces were last
                          cleared), on the same clock: the moment the
                          times of tm_snapshot_timeline() count from */
  /* The compilation directories of the program's instrumented code: a
   * frame's relative filename is relative to one of them. */
  size_t ndirectories;
  const char *const *directories;
} tm_process;

/* The program, process and times of the snapshot, valid as long as the
 * snapshot; NULL for a NULL snapshot.  Python has no counterpart. */
const tm_process *tm_snapshot_process(const tm_snapshot *snapshot);

/*
 * Group the snapshot's traces by `key` into statistics, sorted as Python
 * sorts them: biggest size first, then biggest count, then key.
 * With `cumulative`, every frame of a traceback counts, not only the most
 * recent one; it is only valid with TM_KEY_LINENO and TM_KEY_FILENAME.
 *
 * Returns NULL with errno EINVAL for a bad key or a cumulative traceback
 * key, or ENOMEM.  Python: Snapshot.statistics(key_type, cumulative).
 */
tm_stats *tm_snapshot_statistics(const tm_snapshot *snapshot, tm_key key,
                                 bool cumulative);

/* Number of statistics in `stats` (0 for NULL). */
size_t tm_stats_count(const tm_stats *stats);

/* The i-th statistic, or NULL when i is out of range.  Valid until
 * tm_stats_free(stats). */
const tm_stat *tm_stats_get(const tm_stats *stats, size_t i);

/* Free statistics.  NULL is a no-op. */
void tm_stats_free(tm_stats *stats);

/*
 * Format a statistic as Python's str(Statistic) does, byte for byte:
 *     leak.c:9: size=62.5 KiB, count=1000, average=64 B
 * snprintf-style: writes at most len bytes including the terminating NUL
 * and returns the length the whole text has (so a return >= len means it
 * was cut), or -1 with errno EINVAL when stat is NULL.
 */
int tm_stat_format(const tm_stat *stat, char *buf, size_t len);

/* ---------------------------------------------------------------------
 * Comparing snapshots
 * ------------------------------------------------------------------- */

/*
 * Statistics of the differences between `now` and `old`, grouped by `key`
 * as tm_snapshot_statistics() groups them: one record per key of either
 * snapshot, a key only in `old` with size and count 0.  size_diff and
 * count_diff are now minus old.  Sorted as Python sorts StatisticDiff:
 * biggest absolute size_diff first, then size, absolute count_diff, count,
 * key.  Errors as tm_snapshot_statistics().
 * Python: Snapshot.compare_to(old_snapshot, key_type, cumulative).
 */
tm_stats *tm_snapshot_compare_to(const tm_snapshot *now, const tm_snapshot *old,
                                 tm_key key, bool cumulative);

/*
 * Format a size in bytes as Python's tracemalloc does (its _format_size):
 * "512 B", "10.0 KiB", "100 KiB", with a sign ("+1.2 KiB", "-50 B") when
 * `sign`.  snprintf-style: returns the length of the whole text.
 */
int tm_format_size(double size, bool sign, char *buf, size_t len);

/*
 * Format a difference as Python's str(StatisticDiff) does:
 *     leak.c:9: size=62.5 KiB (+62.5 KiB), count=1000 (+1000), average=64 B
 * snprintf-style, as tm_stat_format().
 */
int tm_stat_diff_format(const tm_stat *stat, char *buf, size_t len);

/* ---------------------------------------------------------------------
 * Filters
 * ------------------------------------------------------------------- */

#define TM_ANY_LINENO (-1)  /* Python's lineno=None */
#define TM_ANY_DOMAIN (-1)  /* Python's domain=None */

typedef enum tm_filter_kind {
  TM_FILTER_TRACES, /* Python's Filter */
  TM_FILTER_DOMAIN  /* Python's DomainFilter: only inclusive and domain */
} tm_filter_kind;

/*
 * A filter on traces, as Python's Filter and DomainFilter.  A TM_FILTER_TRACES
 * filter matches a trace whose most recent frame (any frame with
 * all_frames) has a filename matching filename_pattern (fnmatch(3) rules,
 * '*' crossing '/') and, unless lineno is TM_ANY_LINENO, that line; and,
 * unless domain is TM_ANY_DOMAIN, whose domain is that domain.
 * Use TM_FILTER() and TM_DOMAIN_FILTER() to fill one.
 */
typedef struct tm_filter {
  tm_filter_kind kind;
  bool inclusive;
  const char *filename_pattern;
  int lineno;
  bool all_frames;
  long long domain;
} tm_filter;

#define TM_FILTER(inclusive, pattern)                                       \
  ((tm_filter){TM_FILTER_TRACES, (inclusive), (pattern), TM_ANY_LINENO,     \
               false, TM_ANY_DOMAIN})
#define TM_DOMAIN_FILTER(inclusive, domain)                                 \
  ((tm_filter){TM_FILTER_DOMAIN, (inclusive), NULL, TM_ANY_LINENO, false,   \
               (domain)})

/*
 * A new snapshot with the traces the filters keep: a trace is kept when it
 * matches at least one inclusive filter (if there are any) and no
 * exclusive filter rejects it.  n == 0 copies the snapshot.
 * Returns NULL with errno EINVAL for a NULL snapshot, NULL filters with
 * n > 0 or a filter without a pattern; ENOMEM.
 * Python: Snapshot.filter_traces(filters).
 */
tm_snapshot *tm_snapshot_filter_traces(const tm_snapshot *snapshot,
                                       const tm_filter *filters, size_t n);

/* ---------------------------------------------------------------------
 * Domains: blocks of other allocators
 * ------------------------------------------------------------------- */

/*
 * Trace a block of `size` bytes at `ptr` in `domain` (a pool, an arena, a
 * GPU allocator; 0 is the heap), attributed to the line that calls
 * tm_track.  Tracking an address again replaces its trace.
 * Returns 0, -2 when not tracing, -1 with errno ENOMEM without memory or
 * EINVAL when `size` would take the bytes traced by address (tm_track's
 * blocks in all domains, and the heap's of 4 KiB or more) beyond
 * 2^62 - 1: a size above that, SIZE_MAX say, is always refused, and a
 * refused call changes nothing, so the traced totals never overflow.
 * Python: PyTraceMalloc_Track(domain, ptr, size).
 */
int tm_track(unsigned domain, uintptr_t ptr, size_t size);

/*
 * Stop tracing the block at `ptr` in `domain`; an unknown block is a no-op.
 * Returns 0, or -2 when not tracing.  Python: PyTraceMalloc_Untrack().
 */
int tm_untrack(unsigned domain, uintptr_t ptr);

/* ---------------------------------------------------------------------
 * Tracebacks of blocks
 * ------------------------------------------------------------------- */

/*
 * The traceback of the live traced heap block that starts at `ptr`, or NULL
 * when it is not traced (allocated before tracing, by the tracer, or not
 * a block start).  The traceback stays valid for the life of the process.
 * Python: tracemalloc.get_object_traceback(obj).
 */
const tm_traceback *tm_get_object_traceback(const void *ptr);

/*
 * Format a traceback as Python's Traceback.format() does, lines separated
 * by '\n' (and one after the last):
 *       File "leak.c", line 9
 *         for (int i = 0; i < 1000; i++) keep[i] = malloc(64);
 * the second line only when the source file is readable.  With limit > 0,
 * the `limit` most recent frames; with limit < 0, all but the -limit most
 * recent (Python's frames[:limit]), so the oldest ones; 0 means no limit
 * (Python's None).  Oldest first unless
 * most_recent_first.  snprintf-style, as tm_stat_format().
 */
int tm_traceback_format(const tm_traceback *traceback, int limit,
                        bool most_recent_first, char *buf, size_t len);

/* ---------------------------------------------------------------------
 * Dump and load
 * ------------------------------------------------------------------- */

/*
 * Write the snapshot to `path` in the format of docs/format.md: versioned,
 * self-contained (file and function names inside), readable on another
 * machine.  A regular file at `path` is replaced whole, keeping its
 * permission bits (a new dump is 0600 minus the umask); a device, a FIFO
 * or a symbolic link is written through, never replaced.  Returns 0, or
 * -1 with errno and tm_last_error() set (ENOSPC from /dev/full, ENXIO for
 * a FIFO without a reader).  Python: Snapshot.dump(filename).
 */
int tm_snapshot_dump(const tm_snapshot *snapshot, const char *path);

/*
 * Read a snapshot written by tm_snapshot_dump().  A missing, truncated,
 * corrupted or wrong-version file returns NULL with errno and a message in
 * tm_last_error(); the loader never reads out of bounds.
 * Python: Snapshot.load(filename).
 */
tm_snapshot *tm_snapshot_load(const char *path);

/* What the calling thread's last failed call said, "" if none failed. */
const char *tm_last_error(void);

/* ---------------------------------------------------------------------
 * Memory over time
 * ------------------------------------------------------------------- */

/* The traced memory at one moment since tracing started. */
typedef struct tm_timeline_point {
  uint64_t time_ns; /* since tm_start() (or the last tm_clear_traces()) */
  size_t current;   /* traced bytes alive */
  size_t peak;      /* the peak so far */
} tm_timeline_point;

/*
 * The traced memory over time, up to the moment the snapshot was taken
 * (the last point): *points gets the points, oldest first, valid as long
 * as the snapshot; returns how many.  The runtime records a point when the
 * traced memory has moved by a step since the last one (64 KiB, or 1/64
 * of the peak when that is more), keeps at most 4096 and halves them,
 * doubling the step, when full, as massif does: bounded memory, off the
 * allocation path.  0 (and *points NULL) for a NULL snapshot.
 */
size_t tm_snapshot_timeline(const tm_snapshot *snapshot,
                            const tm_timeline_point **points);

/* ---------------------------------------------------------------------
 * Allocation wrappers
 * ------------------------------------------------------------------- */

/*
 * Mark a function that returns a new block of the size given by its
 * argument number `size_arg` (1-based; two numbers for count and size, as
 * calloc's): its callers become the allocation sites, and the malloc
 * inside it is charged to them.  Put it on the declaration the callers
 * see:
 *     void *xmalloc(size_t n) TM_ALLOCATOR(1);
 *     void *xrealloc(void *p, size_t n) TM_ALLOCATOR(2);
 * It is GCC's and Clang's alloc_size attribute, which also tells the
 * compiler the block's size.  Functions declared with
 * __attribute__((malloc)) or alloc_size (glib's g_malloc, for one) are
 * wrappers already; tmcc -ftm-wrapper=f,g names more.
 */
#define TM_ALLOCATOR(...) __attribute__((alloc_size(__VA_ARGS__)))

/* ---------------------------------------------------------------------
 * Scoped tracing
 * ------------------------------------------------------------------- */

/* Implementation of TM_TRACING_SCOPE; not to be called directly. */
int tm_scope_begin_(int nframe);
void tm_scope_end_(int *started);
#define TM_CONCAT_(a, b) a##b
#define TM_CONCAT(a, b) TM_CONCAT_(a, b)

/*
 * Trace allocations from here to the end of the enclosing block: starts
 * tracing with `nframe` frames, and stops it (forgetting the traces, as
 * tm_stop()) on every way out of the block: its end, return, break, goto.
 * Take the snapshots you need inside the block.  If tracing was already on,
 * the scope neither restarts nor stops it.  Needs GCC or Clang (it uses
 * __attribute__((cleanup))); longjmp out of the block skips the stop.
 *
 *     {
 *       TM_TRACING_SCOPE(1);
 *       ... allocate, take a snapshot ...
 *     }   // tracing stops here
 */
#define TM_TRACING_SCOPE(nframe)                                            \
  __attribute__((cleanup(tm_scope_end_))) int TM_CONCAT(tm_scope_, __LINE__) \
      = tm_scope_begin_(nframe)

#ifdef __cplusplus
}
#endif

#endif /* TRACEMALLOC_H */
