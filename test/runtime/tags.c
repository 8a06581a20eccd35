// RUN: %tmcc -O1 -I%inputs/runtime %s -o %t
// RUN: env -u TRACEMALLOC %t | FileCheck %s
// A traced block carries its tag in the last 8 bytes of its usable size,
// or, from 4 KiB on, is traced by address: every size around that limit,
// every allocation function and realloc across the limit keep exact
// counts; the program may write every byte malloc_usable_size() grants
// without touching the tag; blocks allocated before tracing started are
// never taken for traced ones, whatever bytes they end with.
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>

#include "print_stats.h"

static size_t traced(void) {
  size_t current;
  tm_get_traced_memory(&current, NULL);
  return current;
}

/* Fills the whole usable size, as a program may. */
static void fill(void *p) { memset(p, 0xa5, malloc_usable_size(p)); }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  /* Untraced blocks whose last bytes look like anything at all. */
  enum { OLD = 64 };
  void *old[OLD];
  for (int i = 0; i < OLD; i++) {
    old[i] = malloc((size_t)i * 8);
    memset(old[i], i * 37, malloc_usable_size(old[i]));
  }

  tm_start(1);
  size_t total = 0;
  void *blocks[64];
  int n = 0;
  for (size_t size = 4064; size <= 4112; size += 8) {
    blocks[n] = malloc(size); // line 42
    fill(blocks[n++]);
    total += size;
  }
  printf("sizes around the limit: %s\n", traced() == total ? "exact" : "wrong");
  // CHECK: sizes around the limit: exact

  void *c = calloc(3, 1000);       // line 49
  void *a = aligned_alloc(64, 640); // line 50
  void *m = memalign(4096, 5000);  // line 51
  void *pm;
  posix_memalign(&pm, 256, 100);   // line 53
  fill(c), fill(a), fill(m), fill(pm);
  total += 3000 + 640 + 5000 + 100;
  printf("aligned and zeroed: %s, %s\n", traced() == total ? "exact" : "wrong",
         ((uintptr_t)a % 64 | (uintptr_t)m % 4096 | (uintptr_t)pm % 256)
             ? "misaligned" : "aligned");
  // CHECK: aligned and zeroed: exact, aligned

  /* realloc from tagged to large and back, keeping the contents. */
  char *r = malloc(100); // line 62
  memset(r, 'x', 100);
  r = realloc(r, 10000); // line 64
  int kept = r[0] == 'x' && r[99] == 'x';
  fill(r);
  r = realloc(r, 50); // line 67
  fill(r);
  total += 50;
  printf("realloc across the limit: %s, contents %s\n",
         traced() == total ? "exact" : "wrong", kept ? "kept" : "lost");
  // CHECK: realloc across the limit: exact, contents kept

  /* An old block reallocated while tracing is traced from then on. */
  old[5] = realloc(old[5], 200); // line 75
  total += 200;
  printf("old block reallocated: %s\n", traced() == total ? "traced" : "wrong");
  // CHECK: old block reallocated: traced

  print_stats();
  // CHECK-NEXT: {{.*}}tags.c:42: size=27.9 KiB, count=7, average=4088 B
  // CHECK-NEXT: {{.*}}tags.c:51: size=5000 B, count=1, average=5000 B
  // CHECK-NEXT: {{.*}}tags.c:49: size=3000 B, count=1, average=3000 B
  // CHECK-NEXT: {{.*}}tags.c:50: size=640 B, count=1, average=640 B
  // CHECK-NEXT: {{.*}}tags.c:75: size=200 B, count=1, average=200 B
  // CHECK-NEXT: {{.*}}tags.c:53: size=100 B, count=1, average=100 B
  // CHECK-NEXT: {{.*}}tags.c:67: size=50 B, count=1, average=50 B

  for (int i = 0; i < OLD; i++)
    free(old[i]);
  total -= 200;
  printf("old blocks freed: %s\n", traced() == total ? "exact" : "wrong");
  // CHECK: old blocks freed: exact
  for (int i = 0; i < n; i++)
    free(blocks[i]);
  free(c), free(a), free(m), free(pm), free(r);
  printf("all freed: %zu\n", traced());
  // CHECK: all freed: 0
  return 0;
}

// The same with jemalloc behind the runtime, whose usable sizes the
// runtime asks for rather than reads.
// RUN: %tmcc -O1 -I%inputs/runtime %s -o %t.je -ljemalloc
// RUN: env -u TRACEMALLOC %t.je | FileCheck %s
