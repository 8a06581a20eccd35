/*
 * The allocator the runtime forwards to: the next definition of each malloc
 * family function after ours (glibc's, or jemalloc's, tcmalloc's, ... when
 * the program links one), found with dlsym(RTLD_NEXT).
 *
 * dlsym itself may allocate (dlerror's buffer) before any real function is
 * known.  Those few requests are served from a static bootstrap buffer; the
 * interposed free() and realloc() recognise its blocks (tm_bootstrap_owns)
 * and never hand them to the real allocator.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

_Alignas(64) unsigned char tm_bootstrap_buffer[TM_BOOTSTRAP_SIZE];
static atomic_size_t bootstrap_used;

/* Each bootstrap block is preceded by 16 bytes holding its size. */
static void *bootstrap_alloc(size_t size) {
  if (size > TM_BOOTSTRAP_SIZE) {
    errno = ENOMEM;
    return NULL;
  }
  size_t rounded = 16 + ((size + 15) & ~(size_t)15);
  size_t at = atomic_fetch_add(&bootstrap_used, rounded);
  if (at > TM_BOOTSTRAP_SIZE - rounded) {
    errno = ENOMEM;
    return NULL;
  }
  memcpy(tm_bootstrap_buffer + at, &size, sizeof size);
  return tm_bootstrap_buffer + at + 16; /* static storage: already zeroed */
}

size_t tm_bootstrap_size(const void *p) {
  size_t size;
  memcpy(&size, (const unsigned char *)p - 16, sizeof size);
  return size;
}

/* ----- stubs: the first call through each pointer resolves them all ------ */

static _Thread_local bool resolving TM_IE_TLS;

static void *stub_malloc(size_t n) {
  if (resolving)
    return bootstrap_alloc(n);
  tm_resolve_real_allocator();
  return tm_real.malloc(n);
}
static void *stub_calloc(size_t n, size_t m) {
  size_t total;
  if (__builtin_mul_overflow(n, m, &total)) {
    errno = ENOMEM;
    return NULL;
  }
  if (resolving)
    return bootstrap_alloc(total);
  tm_resolve_real_allocator();
  return tm_real.calloc(n, m);
}
static void stub_free(void *p) {
  tm_resolve_real_allocator();
  tm_real.free(p);
}
static void *stub_realloc(void *p, size_t n) {
  tm_resolve_real_allocator();
  return tm_real.realloc(p, n);
}
static void *stub_memalign(size_t a, size_t n) {
  tm_resolve_real_allocator();
  return tm_real.memalign(a, n);
}
static int stub_posix_memalign(void **out, size_t a, size_t n) {
  tm_resolve_real_allocator();
  return tm_real.posix_memalign(out, a, n);
}
static void *stub_aligned_alloc(size_t a, size_t n) {
  tm_resolve_real_allocator();
  return tm_real.aligned_alloc(a, n);
}
static void *stub_valloc(size_t n) {
  tm_resolve_real_allocator();
  return tm_real.valloc(n);
}
static void *stub_pvalloc(size_t n) {
  tm_resolve_real_allocator();
  return tm_real.pvalloc(n);
}
static size_t stub_malloc_usable_size(void *p) {
  tm_resolve_real_allocator();
  return tm_real.malloc_usable_size(p);
}

tm_real_allocator tm_real = {
    .malloc = stub_malloc,
    .free = stub_free,
    .calloc = stub_calloc,
    .realloc = stub_realloc,
    .memalign = stub_memalign,
    .posix_memalign = stub_posix_memalign,
    .aligned_alloc = stub_aligned_alloc,
    .valloc = stub_valloc,
    .pvalloc = stub_pvalloc,
    .malloc_usable_size = stub_malloc_usable_size,
};

static void *next_definition(const char *name) {
  void *fn = dlsym(RTLD_NEXT, name);
  if (!fn) {
    tm_report("error: no %s() after this runtime in the link order; the "
              "program cannot allocate memory", name);
    _Exit(127);
  }
  return fn;
}

void tm_resolve_real_allocator(void) {
  static atomic_bool resolved;
  if (atomic_load_explicit(&resolved, memory_order_acquire))
    return;
  resolving = true;
  tm_real_allocator next = {
      .malloc = next_definition("malloc"),
      .free = next_definition("free"),
      .calloc = next_definition("calloc"),
      .realloc = next_definition("realloc"),
      .memalign = next_definition("memalign"),
      .posix_memalign = next_definition("posix_memalign"),
      .aligned_alloc = next_definition("aligned_alloc"),
      .valloc = next_definition("valloc"),
      .pvalloc = next_definition("pvalloc"),
      .malloc_usable_size = next_definition("malloc_usable_size"),
  };
  resolving = false;
  tm_real = next;
  atomic_store_explicit(&resolved, true, memory_order_release);
}
