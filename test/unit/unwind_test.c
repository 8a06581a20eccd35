/*
 * The walk through code without frame pointers (unwind_cfi.c) against the
 * system's unwinder (glibc's backtrace(), libgcc's DWARF unwinder): from
 * the bottom of chains of frames of every shape (unwind_frames.c, built
 * without frame pointers; nothing of this program is code the walk
 * trusts to keep them), both must find the same return addresses, to the
 * outermost frame, whether the rules come from the cache or not, with
 * room for every address or for four, in threads at once, and in a signal
 * handler, where the walk hands over to the system's unwinder.  And the
 * stack bounds every walk checks its reads against.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "unwind.h"
#include "unwind_frames.h"

int tm_unit_checks, tm_unit_failures;

__attribute__((noinline)) void unwind_frames_bottom(unwind_walk *w) {
  bool broken;
  uintptr_t resume;
  w->n = tm_unwind(__builtin_frame_address(0), true, w->pcs, w->max,
                   TM_UNWIND_MAX_DEPTH, &w->depth, &broken, &resume);
  w->followed = broken && resume &&
                tm_unwind_cfi(resume, w->pcs, &w->n, w->max, &w->depth);
  if (!w->followed)
    w->n = tm_unwind_rest(w->pcs, w->n, w->max, &w->depth);
  w->system_n = backtrace(w->system, UNWIND_WALK_MAX);
}

/* Walks from the bottom of path's frames and compares with the system's
 * unwinder, whose first frame is unwind_frames_bottom's own (after
 * ThreadSanitizer's, which intercepts backtrace()); returns the number of
 * differences (said on stdout), *depth the depth.  No CHECK: threads call
 * it. */
static __attribute__((noinline)) int
walk_differences(const char *path, size_t max, bool expect_followed,
                 size_t *depth) {
  unwind_walk w = {.max = max};
  unwind_frames_run(&w, path);
  int skip = 1;
  while (skip < w.system_n && (uintptr_t)w.system[skip] != w.pcs[0])
    skip++;
  size_t expected = (size_t)(w.system_n - skip);
  int differ = 0;
  if (w.followed != expect_followed)
    differ += printf("path \"%s\": %s the system's unwinder\n", path,
                     w.followed ? "not handed to" : "handed to") > 0;
  if (w.depth != expected || w.n != (expected < max ? expected : max))
    differ += printf("path \"%s\": %zu frames kept of %zu, the system's "
                     "unwinder found %zu\n", path, w.n, w.depth, expected) > 0;
  for (size_t i = 0; i < w.n && i < expected && !differ; i++)
    if (w.pcs[i] != (uintptr_t)w.system[skip + (int)i])
      differ += printf("path \"%s\": frame %zu is %#lx, the system's "
                       "unwinder says %p\n", path, i,
                       (unsigned long)w.pcs[i], w.system[skip + (int)i]) > 0;
  *depth = w.depth;
  return differ;
}

static __attribute__((noinline)) size_t walk_path(const char *path, size_t max, bool expect_followed) {
  size_t depth;
  CHECK_EQ(walk_differences(path, max, expect_followed, &depth), 0);
  return depth;
}

static const char *const paths[] = {
    "s", "d", "r", "g", "L", "sdrg", "gds", "rgrg", "dgd", "Lsdrg",
    "sdrgsdrgsdrgsdrgsdrgsdrgsdrgsdrgsdrgsdrg", /* 40 frames */
};
#define NPATHS (sizeof paths / sizeof paths[0])

static void *walk_all(void *arg) {
  int rounds = *(const int *)arg;
  intptr_t differ = 0;
  size_t depth;
  for (int r = 0; r < rounds; r++)
    for (size_t i = 0; i < NPATHS; i++)
      differ += walk_differences(paths[i], i % 2 ? UNWIND_WALK_MAX : 4, true,
                                 &depth);
  return (void *)differ;
}

static size_t signal_depth;

static void on_signal(int sig) {
  (void)sig;
  /* The handler returns into the C library's signal trampoline, whose
   * frame has no rule the walk keeps. */
  signal_depth = walk_path("sd", UNWIND_WALK_MAX, false);
}

/* ----- stack bounds ------------------------------------------------------ */

/* A thread's bounds from /proc/self/maps (unwind.c), against glibc's: the
 * same top, a bottom at or above glibc's (which counts the guard page) and
 * below the stack pointer. */
static void *check_bounds(void *arg) {
  (void)arg;
  uintptr_t lo, hi, sp = (uintptr_t)__builtin_frame_address(0);
  tm_unwind_stack_bounds(&lo, &hi);
  pthread_attr_t attr;
  void *addr = NULL;
  size_t size = 0;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    pthread_attr_getstack(&attr, &addr, &size);
    pthread_attr_destroy(&attr);
  }
  CHECK(lo <= sp && sp < hi);
  CHECK_EQ(hi, (uintptr_t)addr + size);
  CHECK(lo >= (uintptr_t)addr && hi - lo > size / 2);
  return NULL;
}

/* A file mapped from a directory nested past PATH_MAX: a line of
 * /proc/self/maps longer than the buffer the runtime reads it into. */
static void map_from_deep_directory(void) {
  char name[201];
  memset(name, 'd', 200);
  name[200] = '\0';
  int here = open(".", O_RDONLY | O_DIRECTORY);
  for (int i = 0; i < 24; i++)
    CHECK((mkdir(name, 0700) == 0 || errno == EEXIST) && chdir(name) == 0);
  int fd = open("mapped", O_RDWR | O_CREAT, 0600);
  CHECK(fd >= 0 && ftruncate(fd, 4096) == 0);
  CHECK(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0) != MAP_FAILED);
  close(fd);
  CHECK(fchdir(here) == 0);
  close(here);
}

int main(void) {
  tm_unwind_prepare();
  map_from_deep_directory();
  for (int i = 0; i < 2; i++) { /* with a long line and after it */
    pthread_t thread;
    pthread_create(&thread, NULL, check_bounds, NULL);
    pthread_join(thread, NULL);
  }
  /* The main thread's reach as far as its rlimit lets it grow. */
  uintptr_t lo, hi, sp = (uintptr_t)__builtin_frame_address(0);
  tm_unwind_stack_bounds(&lo, &hi);
  CHECK(lo <= sp && sp < hi && hi - lo >= 1024 * 1024);
  printf("stack bounds: checked\n");

  size_t base = walk_path("", UNWIND_WALK_MAX, true);
  /* Every shape adds a frame; first from rules worked out, then from the
   * cache. */
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < NPATHS; i++) {
      size_t depth = walk_path(paths[i], UNWIND_WALK_MAX, true);
      if (pass)
        printf("path \"%s\": %zu frames more than the empty path's\n",
               paths[i], depth - base);
    }
  walk_path(paths[NPATHS - 1], 4, true);

  int rounds = 50;
  pthread_t threads[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&threads[i], NULL, walk_all, &rounds);
  for (int i = 0; i < 4; i++) {
    void *differ;
    pthread_join(threads[i], &differ);
    CHECK_EQ((intptr_t)differ, 0);
  }
  printf("4 threads: walked\n");

  signal(SIGUSR1, on_signal);
  raise(SIGUSR1);
  printf("in a signal handler: %s\n",
         signal_depth > base ? "the system's unwinder's frames" : "too few frames");

  printf("%d checks, %d failed\n", tm_unit_checks, tm_unit_failures);
  return tm_unit_failures != 0;
}
