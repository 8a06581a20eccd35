// RUN: %tmcc -fsanitize=address -O1 -I%inputs/runtime %s -o %t
// RUN: env TRACEMALLOC=1 %t | FileCheck %s
// RUN: env TRACEMALLOC=3 %t | FileCheck %s --check-prefix=TRACEBACK
// RUN: env -u TRACEMALLOC %t | FileCheck %s --check-prefix=OFF
// RUN: env TRACEMALLOC=1 not %t use-after-free 2>&1 | FileCheck %s --check-prefix=UAF
// Under AddressSanitizer the program's malloc is ASan's: the runtime
// traces its blocks through the sanitizer's allocation hooks, with the
// same attribution (the sites' lines, tracebacks through the callers) and
// exact sizes, while ASan keeps finding what it finds.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>

#include "print_stats.h"

static void *blocks[1000];

__attribute__((noinline)) static void *make(size_t n) {
  return malloc(n); // line 20
}

__attribute__((noinline)) static void fill(void) {
  for (int i = 0; i < 1000; i++)
    blocks[i] = make(64); // line 25
  __asm__ volatile("");
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0); /* no stdout buffer among the blocks */
  char *name = strdup("tracemalloc"); // line 31
  fill(); // line 32
  size_t current, peak;
  tm_get_traced_memory(&current, &peak);
  printf("tracing=%d current=%zu peak=%zu\n", tm_is_tracing(), current, peak);
  for (int i = 0; i < 500; i++)
    free(blocks[i]);
  blocks[1000 - 1] = realloc(blocks[1000 - 1], 1064); // line 38
  tm_get_traced_memory(&current, &peak);
  printf("current=%zu peak=%zu\n", current, peak);
  print_stats();
  const tm_traceback *tb = tm_get_object_traceback(blocks[500]);
  for (size_t i = 0; tb && i < tb->nframe; i++)
    printf("frame %s:%u in %s\n", tb->frames[i].filename, tb->frames[i].lineno,
           tb->frames[i].function);
  if (argc > 1)
    return blocks[0] != NULL && ((char *)blocks[1])[0]; /* freed above */
  free(name);
  for (int i = 500; i < 1000; i++)
    free(blocks[i]);
  tm_get_traced_memory(&current, &peak);
  printf("end current=%zu\n", current);
  return 0;
}
// CHECK:      tracing=1 current=64012 peak=64012
// CHECK-NEXT: current=33012 peak=64012
// CHECK-NEXT: {{.*}}asan.c:25: size=31.2 KiB, count=499, average=64 B
// CHECK-NEXT: {{.*}}asan.c:38: size=1064 B, count=1, average=1064 B
// CHECK-NEXT: {{.*}}asan.c:31: size=12 B, count=1, average=12 B
// CHECK-NEXT: frame {{.*}}asan.c:25 in fill
// CHECK-NEXT: end current=0

// Oldest frame first, as in the other tracebacks; make() returns its
// block, so its callers are charged.
// TRACEBACK:      frame {{.*}}libc{{.*}}
// TRACEBACK-NEXT: frame {{.*}}asan.c:32 in main
// TRACEBACK-NEXT: frame {{.*}}asan.c:25 in fill
// TRACEBACK-NEXT: end current=0

// OFF:      tracing=0 current=0 peak=0
// OFF:      end current=0

// UAF: current=33012 peak=64012
// UAF: ERROR: AddressSanitizer: heap-use-after-free
