// RUN: %tmcc -O1 %s -o %t
// RUN: env LD_PRELOAD=$(%clang -print-file-name=libjemalloc.so.2) %t | FileCheck %s --check-prefixes=CHECK,JE,DIRECT
// RUN: env LD_PRELOAD=$(%clang -print-file-name=libjemalloc.so.2) TRACEMALLOC=1 %t | FileCheck %s --check-prefixes=CHECK,JE,DIRECT
// RUN: env LD_PRELOAD=$(%clang -print-file-name=libtcmalloc.so.4) %t | FileCheck %s --check-prefixes=CHECK,TC,DIRECT
// RUN: env LD_PRELOAD=$(%clang -print-file-name=libtcmalloc.so.4) TRACEMALLOC=1 %t | FileCheck %s --check-prefixes=CHECK,TC,DIRECT
// RUN: env LD_PRELOAD=$(%clang -print-file-name=libjemalloc.so.2) LD_BIND_NOW=1 %t | FileCheck %s --check-prefixes=CHECK,JE,DIRECT
// A tmcc program run with an allocator preloaded: the preloaded allocator
// comes before the runtime in the dynamic linker's lookup order, so it is
// the program's malloc family, whatever the runtime does and whether it
// traces or not, bound lazily or not; every function's block comes from it
// (its own counters say so) and its malloc_usable_size knows every block.
//
// With the runtime preloaded first, the program's calls reach the runtime,
// which forwards them to the allocator after it: traced, and served by it.
// RUN: env LD_PRELOAD="%libdir/libtracemalloc.so $(%clang -print-file-name=libjemalloc.so.2)" TRACEMALLOC=1 %t | FileCheck %s --check-prefixes=CHECK,JE,TRACED
// RUN: env LD_PRELOAD="%libdir/libtracemalloc.so $(%clang -print-file-name=libtcmalloc.so.4)" TRACEMALLOC=1 %t | FileCheck %s --check-prefixes=CHECK,TC,TRACED
#define _GNU_SOURCE
#include <dlfcn.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>

/* The preloaded allocator's own functions, found by name: jemalloc's
 * mallctl and sallocx, tcmalloc's MallocExtension C API. */
static int (*mallctl)(const char *, void *, size_t *, void *, size_t);
static size_t (*sallocx)(const void *, int);
static int (*tc_property)(const char *, size_t *);
static size_t (*tc_allocated_size)(const void *);

/* Bytes of the allocator's blocks in use by the program now. */
static int64_t in_use(void) {
  if (mallctl) {
    uint64_t allocated = 0, deallocated = 0;
    size_t len = sizeof allocated;
    mallctl("thread.allocated", &allocated, &len, NULL, 0);
    mallctl("thread.deallocated", &deallocated, &len, NULL, 0);
    return (int64_t)(allocated - deallocated);
  }
  size_t n = 0;
  tc_property("generic.current_allocated_bytes", &n);
  return (int64_t)n;
}

/* The block's usable size, asked of the allocator itself. */
static size_t own_usable_size(const void *p) {
  return mallctl ? sallocx(p, 0) : tc_allocated_size(p);
}

static void *volatile sink; /* the blocks escape: no call is optimised out */

int main(void) {
  *(void **)&mallctl = dlsym(RTLD_DEFAULT, "mallctl");
  *(void **)&sallocx = dlsym(RTLD_DEFAULT, "sallocx");
  *(void **)&tc_property =
      dlsym(RTLD_DEFAULT, "MallocExtension_GetNumericProperty");
  *(void **)&tc_allocated_size =
      dlsym(RTLD_DEFAULT, "MallocExtension_GetAllocatedSize");
  if (!(mallctl && sallocx) && !(tc_property && tc_allocated_size)) {
    puts("no preloaded allocator");
    return 1;
  }
  printf("allocator %s\n", mallctl ? "jemalloc" : "tcmalloc");
  // JE: allocator jemalloc
  // TC: allocator tcmalloc

  // Each call, with how many of the allocator's bytes it took (> 0) or
  // gave back (< 0); nothing else allocates between the two readings.
  void *blocks[8];
  int64_t moved[10];
  size_t traced_before = 0, traced = 0;
  tm_get_traced_memory(&traced_before, NULL);
  int64_t before = in_use();
  sink = blocks[0] = malloc(1000);
  moved[0] = in_use() - before, before = in_use();
  sink = blocks[1] = calloc(10, 100);
  moved[1] = in_use() - before, before = in_use();
  sink = blocks[2] = malloc(1000);
  sink = blocks[2] = realloc(blocks[2], 5000);
  moved[2] = in_use() - before, before = in_use();
  int rc = posix_memalign(&blocks[3], 4096, 1000);
  sink = blocks[3];
  moved[3] = in_use() - before, before = in_use();
  sink = blocks[4] = aligned_alloc(64, 1024);
  moved[4] = in_use() - before, before = in_use();
  sink = blocks[5] = memalign(256, 1000);
  moved[5] = in_use() - before, before = in_use();
  sink = blocks[6] = valloc(1000);
  moved[6] = in_use() - before, before = in_use();
  sink = blocks[7] = reallocarray(NULL, 10, 100);
  moved[7] = in_use() - before, before = in_use();

  tm_get_traced_memory(&traced, NULL);

  // The program's malloc_usable_size covers what was asked, and is the
  // allocator's own answer unless the runtime keeps a tag in the block.
  int enough = 1, same = 0;
  for (int i = 0; i < 8; i++) {
    size_t usable = malloc_usable_size(blocks[i]);
    enough &= usable >= 1000 && usable <= own_usable_size(blocks[i]);
    same += usable == own_usable_size(blocks[i]);
  }

  before = in_use();
  free(blocks[0]);
  moved[8] = in_use() - before;
  for (int i = 1; i < 8; i++)
    free(blocks[i]);
  moved[9] = in_use() - before;

  printf("malloc %d calloc %d realloc %d\n", moved[0] >= 1000,
         moved[1] >= 1000, moved[2] >= 4000);
  // CHECK-NEXT: malloc 1 calloc 1 realloc 1
  printf("posix_memalign %d (rc %d, aligned %d)\n", moved[3] >= 1000, rc,
         (uintptr_t)blocks[3] % 4096 == 0);
  // CHECK-NEXT: posix_memalign 1 (rc 0, aligned 1)
  printf("aligned_alloc %d memalign %d valloc %d reallocarray %d\n",
         moved[4] >= 1024, moved[5] >= 1000, moved[6] >= 1000,
         moved[7] >= 1000);
  // CHECK-NEXT: aligned_alloc 1 memalign 1 valloc 1 reallocarray 1
  printf("malloc_usable_size enough %d, the allocator's own %d\n", enough,
         same);
  // DIRECT-NEXT: malloc_usable_size enough 1, the allocator's own 8
  // TRACED-NEXT: malloc_usable_size enough 1, the allocator's own {{[0-8]}}
  printf("free %d, all %d\n", moved[8] <= -1000, moved[9] <= -12024);
  // CHECK-NEXT: free 1, all 1

  // Traced only when the runtime comes first: 1000 + 1000 + 5000 + 1000 +
  // 1024 + 1000 + 1000 + 1000 bytes.
  printf("traced %zu\n", traced - traced_before);
  // TRACED-NEXT: traced 12024
  puts("done");
  // CHECK: done
  return 0;
}
