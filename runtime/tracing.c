/*
 * Starting and stopping, the counters, and the runtime's one-time set-up.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/auxv.h>

#include "../include/tracemalloc.h"
#include "domains.h"
#include "live.h"
#include "options.h"
#include "symbolize.h"
#include "trace_table.h"
#include "unwind.h"

tm_state tm_global = {.peak_dump_at = INT64_MAX};
/* What the instrumented call sites read and write (tm_abi.h). */
TM_EXPORT _Atomic unsigned char __tm_tracing;
extern _Atomic unsigned char tm_tracing __attribute__((alias("__tm_tracing")));
TM_EXPORT __thread const tm_site *__tm_site_hint;
TM_EXPORT __thread const void *__tm_site_frame;
__thread tm_thread tm_self TM_IE_TLS;

/* ----- fork --------------------------------------------------------------- */

/*
 * Every lock of the runtime is held across fork(), so that the child finds
 * none taken by a thread that did not survive, and its structures whole.
 * They are taken in one order (docs/design.md, "Locks and fork"): each
 * before every lock a holder of it may take.  The heaps come before the
 * timeline because an owner inside its heap records a point.
 */
static void before_fork(void) {
  tm_sites_lock();
  tm_trace_before_fork();
  tm_domains_lock();
  tm_timeline_lock();
  tm_depot_lock();
  tm_live_lock();
  tm_live_before_fork();
  tm_internal_alloc_lock();
}

static void unlock_after_fork(bool child) {
  tm_internal_alloc_unlock();
  if (child)
    tm_live_after_fork_child();
  else
    tm_live_after_fork_parent();
  tm_live_unlock();
  tm_depot_unlock();
  tm_timeline_unlock();
  tm_domains_unlock();
  if (child)
    tm_trace_after_fork_child();
  else
    tm_trace_after_fork_parent();
  tm_sites_unlock();
}

static void after_fork_in_parent(void) { unlock_after_fork(false); }
static void after_fork_in_child(void) { unlock_after_fork(true); }

/* ----- one-time initialisation ------------------------------------------ */

static uint64_t random_secret(void) {
  /* 16 random bytes the kernel gives every process: no syscall, no file. */
  const unsigned char *random = (const unsigned char *)getauxval(AT_RANDOM);
  uint64_t secret = (uint64_t)(uintptr_t)&secret * 0x9e3779b97f4a7c15ull;
  if (random) {
    uint64_t bytes;
    memcpy(&bytes, random + 8, sizeof bytes);
    secret ^= bytes;
  }
  return secret | 1;
}

void tm_ensure_init(void) {
  /* 0: not started, 1: in progress, 2: done. */
  static atomic_int state;
  static _Thread_local bool initialising TM_IE_TLS;
  int expected = 0;
  if (atomic_load_explicit(&state, memory_order_acquire) == 2 || initialising)
    return;
  if (!atomic_compare_exchange_strong(&state, &expected, 1)) {
    /* Another thread is initialising: nothing may run before it is done
     * (a tag written before the secret is set would never verify). */
    while (atomic_load_explicit(&state, memory_order_acquire) != 2)
      sched_yield();
    return;
  }
  initialising = true;
  tm_enter();
  tm_remember_stderr();
  tm_resolve_real_allocator();
  if (tm_resolve_process_end)
    tm_resolve_process_end();
  tm_global.tag_secret = random_secret();
  atomic_store(&tm_global.nframe, 1);
  tm_trace_init();
  tm_install_sanitizer_hooks();
  tm_unwind_prepare();
  pthread_atfork(before_fork, after_fork_in_parent, after_fork_in_child);
  tm_symbolize_install_fork_handlers();
  tm_leave();
  atomic_store_explicit(&state, 2, memory_order_release);
  initialising = false;
  tm_options_apply_at_start();
}

/* Runs before the program's own constructors: the runtime is a dependency
 * of the program, so its constructors run first. */
__attribute__((constructor(101))) static void runtime_constructor(void) {
  tm_ensure_init();
}

__attribute__((destructor(101))) static void runtime_destructor(void) {
  tm_options_apply_at_exit();
}

/* ----- the API ---------------------------------------------------------- */

TM_EXPORT int tm_libversion_number(void) { return TM_VERSION_NUMBER; }

TM_EXPORT int tm_start(int nframe) {
  if (nframe < 1 || nframe > TM_MAX_NFRAME) {
    errno = EINVAL;
    return -1;
  }
  tm_ensure_init();
  atomic_store(&tm_global.nframe, nframe);
  atomic_store(&tm_global.marked_blocks_issued, true);
  if (!tm_is_tracing()) {
    tm_timeline_restart();
    /* Before the first count, so that every heap counts in the file. */
    tm_live_start(tm_clock_ns(CLOCK_REALTIME));
  }
  tm_live_note_tracing(true, nframe);
  atomic_store(&tm_tracing, 1);
  tm_interpose_changed();
  return 0;
}

/* Domain blocks first: their bytes are in the counters the heaps clear. */
static void forget_all_traces(void) {
  tm_domains_clear();
  tm_trace_clear_all();
  tm_timeline_restart();
  tm_live_note_cleared(tm_clock_ns(CLOCK_REALTIME));
}

TM_EXPORT void tm_stop(void) {
  if (atomic_exchange(&tm_tracing, 0)) {
    tm_interpose_changed();
    tm_live_note_tracing(false, atomic_load(&tm_global.nframe));
    forget_all_traces();
  }
}

TM_EXPORT bool tm_is_tracing(void) { return atomic_load(&tm_tracing); }

TM_EXPORT void tm_clear_traces(void) {
  if (tm_is_tracing())
    forget_all_traces();
}

TM_EXPORT void tm_get_traced_memory(size_t *current, size_t *peak) {
  int64_t now = 0, top = 0;
  if (tm_is_tracing()) {
    now = tm_trace_current();
    top = atomic_load(&tm_global.peak);
    if (now < 0) /* only while another thread is between two updates */
      now = 0;
    if (top < now)
      top = now;
  }
  if (current)
    *current = (size_t)now;
  if (peak)
    *peak = (size_t)top;
}

TM_EXPORT void tm_reset_peak(void) {
  if (tm_is_tracing()) {
    atomic_store(&tm_global.peak, tm_trace_current());
    tm_trace_forget_headroom();
  }
}

TM_EXPORT size_t tm_get_tracemalloc_memory(void) {
  return tm_trace_memory() + tm_mapped_bytes() + tm_live_mapped_bytes();
}

TM_EXPORT int tm_scope_begin_(int nframe) {
  return !tm_is_tracing() && tm_start(nframe) == 0;
}

TM_EXPORT void tm_scope_end_(int *started) {
  if (*started)
    tm_stop();
}

TM_EXPORT int tm_get_traceback_limit(void) {
  tm_ensure_init();
  return atomic_load(&tm_global.nframe);
}
