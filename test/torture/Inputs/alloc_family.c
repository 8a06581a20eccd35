// Every function of the malloc family, checked by the program itself, under
// whichever allocator and runtime the dynamic linker gives it: built with
// tmcc or with plain gcc, with jemalloc, tcmalloc or mimalloc preloaded
// before or after the runtime. It finds the runtime and the allocator with
// dlsym, so one source serves every build:
//
//   alloc_family            the checks, traced if TRACEMALLOC says so
//   alloc_family start      the same, tracing started and stopped by the
//                           program in the middle (blocks cross both ways)
//   ... --without pvalloc   a function the allocator does not define: the
//                           C library's would serve it, and its block
//                           would be freed by the allocator (as jemalloc's
//                           lack of pvalloc does without the runtime too)
//
// It prints which allocator serves its blocks, one line per function (or
// the first check that failed), the exact traced figures when the runtime
// traces, and the same from 4 threads that free each other's blocks.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failures;
/* Sizes the compiler cannot see, so that it neither warns nor folds. */
static volatile size_t huge = SIZE_MAX;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      printf("  FAILED at line %d: %s\n", __LINE__, #cond);                    \
      failures++;                                                              \
      return false;                                                            \
    }                                                                          \
  } while (0)

static bool aligned(const void *p, size_t a) { return (uintptr_t)p % a == 0; }

static bool filled(const unsigned char *p, int byte, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i] != byte)
      return false;
  return true;
}

/* The allocator that serves p, asked through its own interface. */
static const char *server(void *p) {
  bool (*mi_owns)(const void *) = (bool (*)(const void *))dlsym(
      RTLD_DEFAULT, "mi_is_in_heap_region");
  if (mi_owns)
    return mi_owns(p) ? "mimalloc" : "not mimalloc";
  int (*tc_owns)(const void *) =
      (int (*)(const void *))dlsym(RTLD_DEFAULT, "MallocExtension_GetOwnership");
  if (tc_owns)
    return tc_owns(p) == 1 ? "tcmalloc" : "not tcmalloc";
  int (*mallctl)(const char *, void *, size_t *, void *, size_t) =
      (int (*)(const char *, void *, size_t *, void *, size_t))dlsym(
          RTLD_DEFAULT, "mallctl");
  if (mallctl) {
    uint64_t before = 0, after = 0;
    size_t len = sizeof before;
    mallctl("thread.allocated", &before, &len, NULL, 0);
    void *volatile q = malloc(1 << 20); /* volatile: kept at -O1 */
    mallctl("thread.allocated", &after, &len, NULL, 0);
    free(q);
    return after - before >= 1 << 20 ? "jemalloc" : "not jemalloc";
  }
  return "glibc";
}

static const char *without[8];

static bool provided(const char *name) {
  for (int i = 0; without[i]; i++)
    if (strcmp(without[i], name) == 0)
      return false;
  return true;
}

/* A block of `size` bytes from the function named, or from malloc if the
 * allocator does not define it. */
#define FROM(name, call, size) (provided(name) ? (call) : malloc(size))

/* The runtime's C API, when the runtime is loaded. */
static struct {
  int (*start)(int);
  void (*stop)(void);
  bool (*is_tracing)(void);
  void (*traced_memory)(size_t *, size_t *);
} tm;

static size_t traced_now(void) {
  size_t current = 0, peak;
  if (tm.traced_memory)
    tm.traced_memory(&current, &peak);
  return current;
}

static bool check_malloc(void) {
  unsigned char *p = malloc(100);
  CHECK(p && aligned(p, 16) && malloc_usable_size(p) >= 100);
  memset(p, 0xab, 100);
  CHECK(filled(p, 0xab, 100));
  free(p);
  free(NULL);
  void *zero = malloc(0); /* glibc and the others: a unique pointer */
  free(zero);
  return true;
}

static bool check_calloc(void) {
  unsigned char *p = calloc(1000, 10);
  CHECK(p && filled(p, 0, 10000) && malloc_usable_size(p) >= 10000);
  free(p);
  CHECK(calloc(huge / 2, 3) == NULL);
  return true;
}

static bool check_realloc(void) {
  unsigned char *p = realloc(NULL, 300);
  CHECK(p);
  memset(p, 0x5a, 300);
  p = realloc(p, 70000); /* grows, probably moves */
  CHECK(p && filled(p, 0x5a, 300) && malloc_usable_size(p) >= 70000);
  p = realloc(p, 20); /* shrinks */
  CHECK(p && filled(p, 0x5a, 20) && malloc_usable_size(p) >= 20);
  CHECK(realloc(p, huge - 4096) == NULL);
  CHECK(filled(p, 0x5a, 20)); /* a failed realloc keeps the block */
  free(p);
  return true;
}

static bool check_reallocarray(void) {
  unsigned char *p = reallocarray(NULL, 20, 50);
  CHECK(p && malloc_usable_size(p) >= 1000);
  memset(p, 0x33, 1000);
  p = reallocarray(p, 400, 50);
  CHECK(p && filled(p, 0x33, 1000) && malloc_usable_size(p) >= 20000);
  CHECK(reallocarray(p, huge / 8, 16) == NULL);
  CHECK(filled(p, 0x33, 1000));
  free(p);
  return true;
}

static bool check_posix_memalign(void) {
  for (size_t align = sizeof(void *); align <= 65536; align *= 4) {
    void *p = NULL;
    CHECK(posix_memalign(&p, align, 3000) == 0 && p && aligned(p, align));
    CHECK(malloc_usable_size(p) >= 3000);
    memset(p, 1, 3000);
    free(p);
  }
  void *p = &p;
  CHECK(posix_memalign(&p, 24, 100) == EINVAL && p == &p);
  return true;
}

static bool check_aligned_alloc(void) {
  for (size_t align = 16; align <= 8192; align *= 8) {
    void *p = aligned_alloc(align, 2 * align);
    CHECK(p && aligned(p, align) && malloc_usable_size(p) >= 2 * align);
    memset(p, 2, 2 * align);
    free(p);
  }
  return true;
}

static bool check_memalign(void) {
  for (size_t align = 32; align <= 16384; align *= 8) {
    void *p = memalign(align, 5000);
    CHECK(p && aligned(p, align) && malloc_usable_size(p) >= 5000);
    memset(p, 3, 5000);
    free(p);
  }
  return true;
}

static bool check_valloc(void) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  void *p = valloc(10);
  CHECK(p && aligned(p, page) && malloc_usable_size(p) >= 10);
  free(p);
  return true;
}

static bool check_pvalloc(void) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  void *p = pvalloc(page + 1); /* rounded up to whole pages */
  CHECK(p && aligned(p, page) && malloc_usable_size(p) >= 2 * page);
  memset(p, 4, 2 * page);
  free(p);
  return true;
}

/* Known allocations: while tracing, traced memory grows by their sizes
 * exactly (pvalloc's rounded to a page) and comes back when they are freed. */
static void traced_figures(void) {
  size_t before = traced_now();
  void *blocks[9];
  blocks[0] = malloc(100);
  blocks[1] = calloc(10, 100);
  blocks[2] = realloc(malloc(300), 600);
  blocks[3] = reallocarray(NULL, 20, 50);
  blocks[4] = malloc(65536);
  if (provided("posix_memalign")) {
    free(blocks[4]);
    posix_memalign(&blocks[4], 4096, 65536);
  }
  blocks[5] = FROM("aligned_alloc", aligned_alloc(64, 256), 256);
  blocks[6] = FROM("memalign", memalign(4096, 3000), 3000);
  blocks[7] = FROM("valloc", valloc(10), 10);
  blocks[8] = FROM("pvalloc", pvalloc(10), 4096);
  size_t during = traced_now();
  for (int i = 0; i < 9; i++)
    free(blocks[i]);
  printf("traced: %+zd while allocated, %+zd after free\n",
         (ssize_t)(during - before), (ssize_t)(traced_now() - before));
}

/* Threads free each other's blocks: each allocates into its own slots with
 * every function, and frees what another thread left in its own. */
enum { THREADS = 4, SLOTS = 256, ROUNDS = 20000 };
static void *slots[THREADS][SLOTS];
static pthread_mutex_t slot_lock = PTHREAD_MUTEX_INITIALIZER;

static void *churn(void *arg) {
  int self = (int)(intptr_t)arg;
  unsigned seed = (unsigned)self + 1;
  for (int i = 0; i < ROUNDS; i++) {
    seed = seed * 1103515245 + 12345;
    size_t n = 1 + (seed >> 8) % 3000;
    void *p = NULL;
    switch ((seed >> 20) % 8) {
    case 0: p = malloc(n); break;
    case 1: p = calloc(n, 2); break;
    case 2: p = realloc(malloc(n / 2 + 1), n); break;
    case 3: p = reallocarray(NULL, n, 3); break;
    case 4:
      if (!provided("posix_memalign") || posix_memalign(&p, 64, n))
        p = malloc(n);
      break;
    case 5: p = FROM("aligned_alloc", aligned_alloc(256, 256 * (n % 8 + 1)), n); break;
    case 6: p = FROM("memalign", memalign(1024, n), n); break;
    case 7: p = FROM("valloc", valloc(n), n); break;
    }
    if (!p)
      abort();
    memset(p, self, 1);
    int victim = (self + i) % THREADS, slot = (int)((seed >> 4) % SLOTS);
    pthread_mutex_lock(&slot_lock);
    void *old = slots[victim][slot];
    slots[victim][slot] = p;
    pthread_mutex_unlock(&slot_lock);
    free(old);
  }
  return NULL;
}

static void thread_round(void) {
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, churn, (void *)(intptr_t)i);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  for (int i = 0; i < THREADS; i++)
    for (int j = 0; j < SLOTS; j++) {
      free(slots[i][j]);
      slots[i][j] = NULL;
    }
}

/* The second round: the first leaves glibc's cache of thread stacks (and
 * their thread-local storage) allocated, which the second reuses. */
static void threads(void) {
  thread_round();
  size_t before = traced_now();
  thread_round();
  printf("threads: %d x %d allocations, traced %+zd after free\n", THREADS,
         ROUNDS, (ssize_t)(traced_now() - before));
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  tm.start = (int (*)(int))dlsym(RTLD_DEFAULT, "tm_start");
  tm.stop = (void (*)(void))dlsym(RTLD_DEFAULT, "tm_stop");
  tm.is_tracing = (bool (*)(void))dlsym(RTLD_DEFAULT, "tm_is_tracing");
  tm.traced_memory = (void (*)(size_t *, size_t *))dlsym(
      RTLD_DEFAULT, "tm_get_traced_memory");
  bool start = false;
  for (int i = 1, n = 0; i < argc; i++)
    if (strcmp(argv[i], "start") == 0)
      start = true;
    else if (strcmp(argv[i], "--without") == 0 && i + 1 < argc && n < 7)
      without[n++] = argv[++i];

  void *p = malloc(1000);
  printf("runtime %s; blocks served by %s\n",
         tm.start ? "loaded" : "absent", server(p));
  /* Blocks allocated before tracing starts, freed and reallocated while
   * tracing; and the other way round below. */
  char *before = malloc(200);
  strcpy(before, "allocated before tracing");
  if (start && tm.start)
    tm.start(16);
  printf("tracing: %s\n", tm.is_tracing && tm.is_tracing() ? "on" : "off");
  free(p);
  before = realloc(before, 5000);

  static const struct {
    const char *name;
    bool (*check)(void);
  } checks[] = {{"malloc", check_malloc},
                {"calloc", check_calloc},
                {"realloc", check_realloc},
                {"reallocarray", check_reallocarray},
                {"posix_memalign", check_posix_memalign},
                {"aligned_alloc", check_aligned_alloc},
                {"memalign", check_memalign},
                {"valloc", check_valloc},
                {"pvalloc", check_pvalloc}};
  for (size_t i = 0; i < sizeof checks / sizeof *checks; i++)
    if (!provided(checks[i].name))
      printf("%s: not defined by the allocator\n", checks[i].name);
    else if (checks[i].check())
      printf("%s: ok\n", checks[i].name);
  if (tm.is_tracing && tm.is_tracing())
    traced_figures();
  threads();

  char *during = malloc(300);
  strcpy(during, "allocated while tracing");
  if (start && tm.stop)
    tm.stop();
  during = realloc(during, 40000);
  printf("kept: %s / %s\n", before, during);
  free(before);
  free(during);
  printf("%d failures\n", failures);
  return failures != 0;
}
