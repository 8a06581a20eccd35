// RUN: %clang -O0 -fPIC -shared -Wl,-z,lazy -DLIBRARY %s -o %t.so
// RUN: %clang -O1 -rdynamic %s %t.so -o %t
// RUN: env LD_PRELOAD=%libdir/libtracemalloc.so TRACEMALLOC=0 %t | FileCheck %s
// RUN: env LD_PRELOAD=%libdir/libtracemalloc.so TRACEMALLOC=1 %t | FileCheck %s
// RUN: %t | FileCheck %s
// A program that defines and exports its own malloc family, run with the
// runtime preloaded: the program comes first in the dynamic linker's
// lookup order, so its functions serve every call, its own and those of a
// shared library it links (bound lazily, on first call), whether the
// runtime traces or not.  Its free and realloc abort on a block that is not
// theirs.
#define _GNU_SOURCE
#include <stddef.h>

#ifdef LIBRARY
#include <malloc.h>
#include <stdlib.h>

/* A library's calls of each function of the family, as written (-O0); the
 * blocks it returns are the caller's to free. */
void library_calls(void *out[8], void *theirs) {
  out[0] = malloc(100);
  out[1] = calloc(10, 10);
  out[2] = realloc(malloc(10), 100);
  posix_memalign(&out[3], 64, 100);
  out[4] = aligned_alloc(64, 128);
  out[5] = memalign(64, 100);
  out[6] = valloc(100);
  out[7] = pvalloc(100);
  free(realloc(theirs, 200 + malloc_usable_size(theirs)));
}
#else
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A bump allocator over a static arena, 16 bytes of size in front of each
 * block, counting its calls. */
static _Alignas(4096) unsigned char arena[16 << 20];
static size_t used;
enum { MALLOC, CALLOC, REALLOC, ALIGNED, FREE, USABLE, NFUNCTIONS };
static size_t calls[NFUNCTIONS];

static void *take(size_t alignment, size_t size) {
  if (alignment < 16)
    alignment = 16;
  size_t at = (used + 16 + alignment - 1) & ~(alignment - 1);
  if (size > sizeof arena || at > sizeof arena - size) {
    errno = ENOMEM;
    return NULL;
  }
  used = at + size;
  memcpy(arena + at - 16, &size, sizeof size);
  return arena + at;
}

static size_t size_of(const void *p) {
  size_t size;
  memcpy(&size, (const unsigned char *)p - 16, sizeof size);
  return size;
}

static void check_mine(const void *p, const char *who) {
  if (p && ((uintptr_t)p - (uintptr_t)arena >= sizeof arena)) {
    const char message[] = ": a block that is not the program's\n";
    write(2, who, strlen(who));
    write(2, message, sizeof message - 1);
    abort();
  }
}

void *malloc(size_t size) {
  calls[MALLOC]++;
  return take(16, size);
}

void *calloc(size_t n, size_t m) {
  calls[CALLOC]++;
  size_t size;
  if (__builtin_mul_overflow(n, m, &size)) {
    errno = ENOMEM;
    return NULL;
  }
  return take(16, size); /* the arena is never reused: still zero */
}

void *realloc(void *p, size_t size) {
  calls[REALLOC]++;
  check_mine(p, "realloc");
  void *q = take(16, size);
  if (p && q)
    memcpy(q, p, size_of(p) < size ? size_of(p) : size);
  return q;
}

void free(void *p) {
  calls[FREE]++;
  check_mine(p, "free");
}

int posix_memalign(void **out, size_t alignment, size_t size) {
  calls[ALIGNED]++;
  void *p = take(alignment, size);
  if (!p)
    return ENOMEM;
  *out = p;
  return 0;
}

void *aligned_alloc(size_t alignment, size_t size) {
  calls[ALIGNED]++;
  return take(alignment, size);
}

void *memalign(size_t alignment, size_t size) {
  calls[ALIGNED]++;
  return take(alignment, size);
}

void *valloc(size_t size) {
  calls[ALIGNED]++;
  return take(4096, size);
}

void *pvalloc(size_t size) {
  calls[ALIGNED]++;
  return take(4096, (size + 4095) & ~(size_t)4095);
}

size_t malloc_usable_size(void *p) {
  calls[USABLE]++;
  check_mine(p, "malloc_usable_size");
  return p ? size_of(p) : 0;
}

void library_calls(void *out[8], void *theirs);

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  char *s = strdup("the C library allocates too");
  free(s);

  size_t before[NFUNCTIONS];
  memcpy(before, calls, sizeof calls);
  void *blocks[8];
  library_calls(blocks, malloc(50));
  for (int i = 0; i < 8; i++)
    free(blocks[i]);
  size_t delta[NFUNCTIONS];
  for (int i = 0; i < NFUNCTIONS; i++)
    delta[i] = calls[i] - before[i];
  printf("malloc %zu calloc %zu realloc %zu aligned %zu free %zu usable %zu\n",
         delta[MALLOC], delta[CALLOC], delta[REALLOC], delta[ALIGNED],
         delta[FREE], delta[USABLE]);
  // CHECK: malloc 3 calloc 1 realloc 2 aligned 5 free 9 usable 1
  puts("done");
  // CHECK-NEXT: done
  return 0;
}
#endif
