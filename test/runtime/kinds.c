// RUN: %tmcc -O2 -I%inputs/runtime %s -o %t && %t | FileCheck %s
// Every allocation function of the malloc family is traced at the line that
// calls it, with the size the caller asked for; realloc moves a block's
// trace to the realloc line with the new size; freed blocks disappear; and
// the returned pointers keep the alignment that was asked for.
#define _GNU_SOURCE
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>

#include "print_stats.h"

static void *keep[64];
static int kept;
static void *hold(void *p) { return keep[kept++] = p; }

int main(void) {
  puts("start"); // stdout's buffer is allocated now, before tracing
  tm_start(1);
  for (int i = 0; i < 5; i++)
    hold(calloc(10, 100));                        // CALLOC
  char *grow = malloc(10);                        // GROW_FROM
  strcpy(grow, "123456789");
  grow = realloc(grow, 3000);                     // GROW_TO
  char *shrink = malloc(4000);                    // SHRINK_FROM
  strcpy(shrink, "abc");
  shrink = realloc(shrink, 40);                   // SHRINK_TO
  void *a = aligned_alloc(64, 256);               // ALIGNED
  void *pm = NULL;
  int rc = posix_memalign(&pm, 4096, 100);        // POSIX
  void *m = memalign(32, 33);                     // MEMALIGN
  void *v = valloc(10);                           // VALLOC
  void *pv = pvalloc(10);                         // PVALLOC
  char *d = strndup("abcdefgh", 3);               // STRNDUP
  int *arr = reallocarray(NULL, 25, sizeof(int)); // REALLOCARRAY
  free(malloc(1 << 20));                          // FREED
  print_stats();
  // Sorted as Python sorts: size, then count, then (file, line), biggest first.
  // CHECK:      {{.*}}kinds.c:[[#@LINE-18]]: size=5000 B, count=5, average=1000 B
  // CHECK-NEXT: {{.*}}kinds.c:[[#@LINE-7]]: size=4096 B, count=1, average=4096 B
  // CHECK-NEXT: {{.*}}kinds.c:[[#@LINE-17]]: size=3000 B, count=1, average=3000 B
  // CHECK-NEXT: {{.*}}kinds.c:[[#@LINE-14]]: size=256 B, count=1, average=256 B
  // CHECK-NEXT: {{.*}}kinds.c:[[#@LINE-8]]: size=100 B, count=1, average=100 B
  // CHECK-NEXT: {{.*}}kinds.c:[[#@LINE-14]]: size=100 B, count=1, average=100 B
  // CHECK-NEXT: {{.*}}kinds.c:[[#@LINE-18]]: size=40 B, count=1, average=40 B
  // CHECK-NEXT: {{.*}}kinds.c:[[#@LINE-15]]: size=33 B, count=1, average=33 B
  // CHECK-NEXT: {{.*}}kinds.c:[[#@LINE-15]]: size=10 B, count=1, average=10 B
  // CHECK-NEXT: {{.*}}kinds.c:[[#@LINE-14]]: size=4 B, count=1, average=4 B

  printf("content %s %s %s\n", grow, shrink, d);
  // CHECK: content 123456789 abc abc
  printf("aligned %d %d %d %d %d rc=%d\n", (uintptr_t)a % 64 == 0,
         (uintptr_t)pm % 4096 == 0, (uintptr_t)m % 32 == 0,
         (uintptr_t)v % 4096 == 0, (uintptr_t)pv % 4096 == 0, rc);
  // CHECK: aligned 1 1 1 1 1 rc=0
  printf("usable %d %d %d\n", malloc_usable_size(grow) >= 3000,
         malloc_usable_size(a) >= 256, malloc_usable_size(NULL) == 0);
  // CHECK: usable 1 1 1

  size_t current, peak;
  tm_get_traced_memory(&current, &peak);
  // 5000 + 3000 + 40 + 256 + 100 + 33 + 10 + 4096 + 4 + 100 (arr)
  printf("current=%zu peak=%zu\n", current, peak);
  // CHECK: current=12639 peak=1061215

  free(grow); free(shrink); free(a); free(pm); free(m); free(v); free(pv);
  free(d); free(arr);
  for (int i = 0; i < kept; i++)
    free(keep[i]);
  tm_get_traced_memory(&current, &peak);
  printf("after free current=%zu\n", current);
  // CHECK: after free current=0
  return 0;
}
