// RUN: %tmcc -O2 -I%inputs/runtime %s -o %t -ljemalloc
// RUN: env -u TRACEMALLOC %t | FileCheck %s
// RUN: env -u TRACEMALLOC %t off | FileCheck %s --check-prefix=OFF
// With jemalloc linked (after the runtime, whatever the user's -l order),
// the program's malloc is the runtime's and forwards to jemalloc, which
// serves the blocks; the runtime heads every block, so free() of blocks
// allocated before tm_start, after tm_stop or never traced (1 MiB and
// page-aligned 64 KiB ones, whose 16 bytes in front may be unmapped) is
// safe; the statistics and traced memory are exactly glibc's.
// tcmalloc.c runs this same program with tcmalloc (-DTM_TCMALLOC).
#define _GNU_SOURCE
#include <dlfcn.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>

#include "print_stats.h"

#ifdef TM_TCMALLOC
#include <gperftools/malloc_extension_c.h>
#define ALLOCATOR "tcmalloc"
static size_t allocated_bytes(void) {
  size_t n = 0;
  MallocExtension_GetNumericProperty("generic.current_allocated_bytes", &n);
  return n;
}
#else
#include <jemalloc/jemalloc.h>
#define ALLOCATOR "jemalloc"
static size_t allocated_bytes(void) {
  uint64_t epoch = 1, n = 0;
  size_t len = sizeof epoch;
  mallctl("epoch", &epoch, &len, &epoch, len); // refresh the statistics
  size_t n_len = sizeof n;
  mallctl("thread.allocated", &n, &n_len, NULL, 0);
  return n;
}
#endif

static int aligned(const void *p, size_t a) { return (uintptr_t)p % a == 0; }

int main(int argc, char **argv) {
  int trace = argc < 2;
  puts("start"); // stdout's buffer is allocated now, before tracing

  // The program calls the runtime's malloc, whose blocks the allocator serves.
  Dl_info info;
  dladdr(dlsym(RTLD_DEFAULT, "malloc"), &info);
  size_t bytes = allocated_bytes();
  void *probe = malloc(1 << 20);
  printf("malloc from %s, served by " ALLOCATOR ": %d\n",
         strstr(info.dli_fname, "libtracemalloc") ? "runtime" : info.dli_fname,
         allocated_bytes() - bytes >= 1 << 20);
  // CHECK: malloc from runtime, served by {{jemalloc|tcmalloc}}: 1
  // OFF: malloc from runtime, served by {{jemalloc|tcmalloc}}: 1
  free(probe);

  // Before tracing: never traced.
  void *big_before = malloc(1 << 20);
  void *pm_before = NULL;
  int rc1 = posix_memalign(&pm_before, 4096, 64 << 10);
  void *al_before = aligned_alloc(64, 256);
  char *moving = malloc(100);
  strcpy(moving, "kept across realloc");

  if (trace)
    tm_start(1);
  free(malloc(2 << 20));                      // peak only
  void *big = malloc(1 << 20);                // BIG
  void *pm = NULL;
  int rc2 = posix_memalign(&pm, 4096, 64 << 10); // POSIX
  void *c = calloc(10, 100);                  // CALLOC
  moving = realloc(moving, 5000);             // MOVING
  char *t = malloc(300);                      // T_FROM
  strcpy(t, "traced");
  t = realloc(t, 600);                        // T_TO
  void *v = valloc(10);
  free(v);
  free(big_before); // allocated before tracing
  free(pm_before);
  print_stats();
  // CHECK-NEXT: {{.*}}jemalloc.c:[[#@LINE-13]]: size=1024 KiB, count=1, average=1024 KiB
  // CHECK-NEXT: {{.*}}jemalloc.c:[[#@LINE-12]]: size=64.0 KiB, count=1, average=64.0 KiB
  // CHECK-NEXT: {{.*}}jemalloc.c:[[#@LINE-11]]: size=5000 B, count=1, average=5000 B
  // CHECK-NEXT: {{.*}}jemalloc.c:[[#@LINE-13]]: size=1000 B, count=1, average=1000 B
  // CHECK-NEXT: {{.*}}jemalloc.c:[[#@LINE-10]]: size=600 B, count=1, average=600 B
  size_t current, peak;
  tm_get_traced_memory(&current, &peak);
  printf("traced %zu peak %zu\n", current, peak);
  // CHECK-NEXT: traced 1120712 peak 2097152
  // OFF: traced 0 peak 0

  printf("aligned %d %d %d %d rc=%d %d\n", aligned(pm, 4096),
         aligned(pm_before, 1), aligned(al_before, 64), aligned(big, 16), rc1,
         rc2);
  // CHECK: aligned 1 1 1 1 rc=0 0
  // OFF: aligned 1 1 1 1 rc=0 0
  printf("usable %d %d %d\n", malloc_usable_size(big) >= 1 << 20,
         malloc_usable_size(pm) >= 64 << 10, malloc_usable_size(t) >= 600);
  // CHECK: usable 1 1 1
  // OFF: usable 1 1 1
  tm_stop();

  // After tracing: a block traced then, reallocated and freed now.
  t = realloc(t, 10);
  printf("content %s / %.6s\n", moving, t);
  // CHECK: content kept across realloc / traced
  // OFF: content kept across realloc / traced
  void *m = memalign(4096, 3 << 20);
  free(m);
  free(realloc(malloc(10), 0));
  free(t);
  free(moving);
  free(c);
  free(pm);
  free(big);
  free(al_before);
  puts("done");
  // CHECK: done
  // OFF: done
  return 0;
}
