/* Unit tests of the symbolizer (runtime/symbolize.c), on the program's own
 * code, built with line tables.  `tm_symbolize_test` expects
 * llvm-symbolizer's answers; `tm_symbolize_test fallback` expects each
 * address to name its module (no symbolizer).  For symbolize.test, the
 * program prints the lines it expects ("<label> line <n>"), then each
 * address's frames: "<label>: <count>", then "  <file>:<line> in <function>"
 * per frame. */
#define _GNU_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "symbolize.h"
#include "tracemalloc.h"
#include "unit.h"

int tm_unit_checks, tm_unit_failures;
static bool fallback_mode;
static volatile int sink;

/* ----- addresses with known lines ----------------------------------------- */

/* The address inside the call instruction that called it. */
__attribute__((noinline)) static uintptr_t return_address(void) {
  return (uintptr_t)__builtin_return_address(0) - 1;
}

/* The empty asm after each call keeps it from becoming a tail call. */
#define KEEP(x) __asm__ volatile("" : : "r"(x) : "memory")
/* The call, storing the line it is written on. */
#define AT_LINE(line, call) ((line) = __LINE__, (call))

enum { START_LINE = __LINE__ + 1 };
__attribute__((noinline)) static int function_start(int x) {
  return x * 3 + sink;
}

static int caller_line;
__attribute__((noinline)) static uintptr_t caller(void) {
  uintptr_t pc = AT_LINE(caller_line, return_address());
  KEEP(pc);
  return pc;
}

static int inner_line, middle_line, outer_line;
static inline __attribute__((always_inline)) uintptr_t inner(void) {
  uintptr_t pc = AT_LINE(inner_line, return_address());
  KEEP(pc);
  return pc;
}
static inline __attribute__((always_inline)) uintptr_t middle(void) {
  uintptr_t pc = AT_LINE(middle_line, inner());
  KEEP(pc);
  return pc;
}
__attribute__((noinline)) static uintptr_t outer(void) {
  uintptr_t pc = AT_LINE(outer_line, middle());
  KEEP(pc);
  return pc;
}

/* More call sites, each new to the cache when it is asked for. */
static int later_line[4];
__attribute__((noinline)) static uintptr_t later(int i) {
  uintptr_t pc = 0;
  if (i == 0)
    pc = AT_LINE(later_line[0], return_address());
  if (i == 1)
    pc = AT_LINE(later_line[1], return_address());
  if (i == 2)
    pc = AT_LINE(later_line[2], return_address());
  if (i == 3)
    pc = AT_LINE(later_line[3], return_address());
  KEEP(pc);
  return pc;
}

/* ----- helpers ------------------------------------------------------------ */

static size_t print_frames(const char *label, uintptr_t pc,
                           const tm_frame **frames_out) {
  const tm_frame *frames;
  size_t n = 0;
  tm_symbolize(&pc, 1, &frames, &n);
  printf("%s: %zu\n", label, n);
  for (size_t i = 0; i < n; i++)
    printf("  %s:%u in %s\n", frames[i].filename, frames[i].lineno,
           frames[i].function);
  if (frames_out)
    *frames_out = frames;
  return n;
}

/* The children of this thread: the symbolizer, when one runs. */
static int children(pid_t *pids, int max) {
  char path[64], text[256] = "";
  snprintf(path, sizeof path, "/proc/self/task/%ld/children", (long)gettid());
  FILE *f = fopen(path, "r");
  if (f) {
    if (!fgets(text, sizeof text, f))
      text[0] = '\0';
    fclose(f);
  }
  int n = 0;
  for (char *p = text, *end; n < max; p = end) {
    long pid = strtol(p, &end, 10);
    if (end == p)
      break;
    pids[n++] = (pid_t)pid;
  }
  return n;
}

static bool process_exists(pid_t pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%ld", (long)pid);
  return access(path, F_OK) == 0;
}

/* ----- tests -------------------------------------------------------------- */

static void test_lines(void) {
  printf("start line %d\n", (int)START_LINE);
  const tm_frame *f;
  size_t n = print_frames("start", (uintptr_t)&function_start + 1, &f);
  CHECK_EQ(n, 1);
  CHECK_EQ(f[0].lineno, fallback_mode ? 0 : START_LINE);

  uintptr_t pc = caller();
  printf("caller line %d\n", caller_line);
  n = print_frames("caller", pc, &f);
  CHECK_EQ(n, 1);
  CHECK_EQ(f[0].lineno, fallback_mode ? 0 : caller_line);
}

static void test_inlined(void) {
  uintptr_t pc = outer();
  printf("inlined lines %d %d %d\n", inner_line, middle_line, outer_line);
  const tm_frame *f;
  size_t n = print_frames("inlined", pc, &f);
  CHECK_EQ(n, fallback_mode ? 1 : 3);
  if (n == 3) {
    CHECK(strcmp(f[0].function, "inner") == 0);
    CHECK(strcmp(f[2].function, "outer") == 0);
    CHECK(f[0].filename == f[2].filename); /* interned */
  }
}

static void test_libc(void) {
  const tm_frame *f;
  size_t n = print_frames("libc", (uintptr_t)&qsort + 1, &f);
  CHECK_EQ(n, 1);
  CHECK(strcmp(f[0].function, "qsort") == 0);
}

/* The same address twice in a batch, and again: one answer, cached. */
static void test_cache(void) {
  uintptr_t pcs[3] = {caller(), caller(), (uintptr_t)&function_start + 1};
  const tm_frame *frames[3], *again[3];
  size_t counts[3], counts_again[3];
  tm_symbolize(pcs, 3, frames, counts);
  CHECK(frames[0] == frames[1]);
  tm_symbolize(pcs, 3, again, counts_again);
  for (int i = 0; i < 3; i++) {
    CHECK(again[i] == frames[i]);
    CHECK_EQ(counts_again[i], counts[i]);
  }
  tm_symbolize(pcs, 0, NULL, NULL);
}

/* More answers than a socket buffer holds, in one batch: every address
 * from the start of function_start on, a byte apart. */
static void test_large_batch(void) {
  enum { N = 20000 };
  static uintptr_t pcs[N];
  static const tm_frame *frames[N];
  static size_t counts[N];
  for (int i = 0; i < N; i++)
    pcs[i] = (uintptr_t)&function_start + (uintptr_t)i;
  tm_symbolize(pcs, N, frames, counts);
  int in_this_file = 0, empty = 0;
  for (int i = 0; i < N; i++) {
    empty += counts[i] < 1 || !frames[i] || !frames[i][0].filename;
    in_this_file += counts[i] >= 1 && frames[i] &&
                    strcmp(frames[i][0].filename, __FILE__) == 0;
  }
  CHECK_EQ(empty, 0);
  if (!fallback_mode)
    CHECK(in_this_file > 100);
  printf("large batch: %d addresses\n", N);
}

/* The files a process has open, as "0 1 2". */
static void open_files(pid_t pid, char *out, size_t len) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%ld/fd", (long)pid);
  int fds[64], n = 0;
  DIR *dir = opendir(path);
  for (struct dirent *e; dir && (e = readdir(dir)) && n < 64;)
    if (e->d_name[0] != '.')
      fds[n++] = atoi(e->d_name);
  if (dir)
    closedir(dir);
  for (int i = 1; i < n; i++) /* insertion sort */
    for (int j = i; j > 0 && fds[j - 1] > fds[j]; j--) {
      int t = fds[j];
      fds[j] = fds[j - 1];
      fds[j - 1] = t;
    }
  size_t used = 0;
  out[0] = '\0';
  for (int i = 0; i < n && used < len; i++)
    used +=
        (size_t)snprintf(out + used, len - used, "%s%d", i ? " " : "", fds[i]);
}

/* A killed symbolizer is reaped and replaced at the next batch; the new one
 * has no file of the program open but its socket. */
static void test_restart(void) {
  pid_t before[4], after[4];
  int n = children(before, 4);
  printf("symbolizer processes: %d\n", n);
  if (n != 1)
    return;
  int inheritable = dup(STDOUT_FILENO); /* not close-on-exec */
  kill(before[0], SIGKILL);
  uintptr_t pc = later(0);
  printf("restarted line %d\n", later_line[0]);
  print_frames("restarted", pc, NULL);
  CHECK_EQ(children(after, 4), 1);
  CHECK(after[0] != before[0]);
  CHECK(!process_exists(before[0])); /* reaped, not a zombie */
  char files[256];
  open_files(after[0], files, sizeof files);
  printf("symbolizer's files: %s\n", files);
  close(inheritable);
}

/* A fork()ed child starts its own symbolizer; the parent keeps its own. */
static void test_fork(void) {
  pid_t before[4], after[4];
  int n = children(before, 4);
  pid_t child = fork();
  if (child == 0) {
    uintptr_t pc = later(1);
    printf("child line %d\n", later_line[1]);
    print_frames("child", pc, NULL);
    pid_t own[4];
    int mine = children(own, 4);
    printf("child's symbolizer processes: %d, the parent's: %s\n", mine,
           n && mine && own[0] == before[0] ? "yes" : "no");
    _exit(tm_unit_failures ? 1 : 0);
  }
  int status;
  waitpid(child, &status, 0);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  uintptr_t pc = later(2);
  printf("parent line %d\n", later_line[2]);
  print_frames("parent", pc, NULL);
  int m = children(after, 4);
  CHECK_EQ(m, n);
  if (n && m)
    CHECK(after[0] == before[0]);
}

/* The symbolizer's own allocations, starting it included, are not traced. */
static void test_untraced(void) {
  pid_t pids[4];
  if (children(pids, 4) == 1)
    kill(pids[0], SIGKILL); /* so that this batch starts a new one */
  tm_start(1);
  size_t before, after, peak;
  tm_get_traced_memory(&before, NULL);
  tm_reset_peak();
  const tm_frame *f;
  size_t n;
  uintptr_t pc = later(3);
  tm_symbolize(&pc, 1, &f, &n);
  tm_get_traced_memory(&after, &peak);
  tm_stop();
  CHECK_EQ(after, before);
  CHECK_EQ(peak, before); /* not even a block freed before the end */
  CHECK_EQ(n, 1);
  CHECK_EQ(f[0].lineno, fallback_mode ? 0 : later_line[3]);
}

/* Threads asking for the same addresses at once get the same answers. */
enum { THREADS = 4, SHARED = 512 };
static uintptr_t shared_pcs[SHARED];
static const tm_frame *shared_frames[THREADS][SHARED];

static void *symbolize_shared(void *arg) {
  size_t t = (size_t)arg, counts[SHARED];
  uintptr_t pcs[SHARED];
  for (size_t i = 0; i < SHARED; i++) /* each thread in its own order */
    pcs[i] = shared_pcs[(i * (2 * t + 1)) % SHARED];
  const tm_frame *frames[SHARED];
  for (size_t start = 0; start < SHARED; start += 64)
    tm_symbolize(pcs + start, 64, frames + start, counts + start);
  for (size_t i = 0; i < SHARED; i++)
    shared_frames[t][(i * (2 * t + 1)) % SHARED] = frames[i];
  return NULL;
}

static void test_threads(void) {
  for (size_t i = 0; i < SHARED; i++)
    shared_pcs[i] = (uintptr_t)&qsort + i;
  pthread_t threads[THREADS];
  for (size_t t = 0; t < THREADS; t++)
    pthread_create(&threads[t], NULL, symbolize_shared, (void *)t);
  for (size_t t = 0; t < THREADS; t++)
    pthread_join(threads[t], NULL);
  int different = 0;
  for (size_t t = 1; t < THREADS; t++)
    for (size_t i = 0; i < SHARED; i++)
      different += shared_frames[t][i] != shared_frames[0][i];
  CHECK_EQ(different, 0);
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  fallback_mode = argc > 1 && strcmp(argv[1], "fallback") == 0;
  test_lines();
  test_inlined();
  test_libc();
  test_cache();
  test_restart();
  test_fork();
  test_untraced();
  test_threads();
  test_large_batch(); /* last: it caches every address of this file */
  printf("%d checks, %d failed\n", tm_unit_checks, tm_unit_failures);
  return tm_unit_failures != 0;
}
