/*
 * The allocator the runtime forwards to: the next definition of each malloc
 * family function after ours (glibc's, or jemalloc's, tcmalloc's, ... when
 * the program links one), found with dlsym(RTLD_NEXT): where a call that
 * the dynamic linker bound to the runtime would have gone without it.  An
 * allocator ahead of the runtime (preloaded, or the program's own) serves
 * the program directly, and the runtime leaves that binding alone
 * (docs/design.md, "The dynamic linker decides who serves a call").
 * Whether it is glibc's decides how the runtime learns a block's usable
 * size (see block_tag.h).
 *
 * dlsym itself may allocate (dlerror's buffer) before any real function is
 * known.  Those few requests are served from a static bootstrap buffer; the
 * interposed free() and realloc() recognise its blocks (tm_bootstrap_owns)
 * and never hand them to the real allocator.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <gnu/lib-names.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

_Alignas(64) unsigned char tm_bootstrap_buffer[TM_BOOTSTRAP_SIZE];
static atomic_size_t bootstrap_used;

/* Each bootstrap block is preceded by 16 bytes: its size, then what
 * glibc's chunk header would hold for a block of its own mapping
 * (IS_MMAPPED), so that free(), reading the header as glibc's, takes it
 * for a large block and looks further (block_tag.h). */
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
  size_t mmapped = 2;
  memcpy(tm_bootstrap_buffer + at, &size, sizeof size);
  memcpy(tm_bootstrap_buffer + at + 8, &mmapped, sizeof mmapped);
  atomic_store(&tm_global.marked_blocks_issued, true); /* free() must look */
  tm_interpose_changed();
  return tm_bootstrap_buffer + at + 16; /* static storage: already zeroed */
}

size_t tm_bootstrap_size(const void *p) {
  size_t size;
  memcpy(&size, (const unsigned char *)p - 16, sizeof size);
  return size;
}

/* ----- stubs: the first call through each pointer resolves them all ------ */

static _Thread_local bool resolving TM_IE_TLS;

/* malloc and calloc serve dlsym's own requests from the bootstrap buffer
 * while it resolves; every stub resolves the real functions, then forwards
 * through tm_real, which now holds them. */
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

#define TM_STUB(type, name, params, args)                                     \
  static type stub_##name params {                                           \
    tm_resolve_real_allocator();                                             \
    return tm_real.name args;                                                \
  }

static void stub_free(void *p) {
  tm_resolve_real_allocator();
  tm_real.free(p);
}
TM_STUB(void *, realloc, (void *p, size_t n), (p, n))
TM_STUB(void *, memalign, (size_t a, size_t n), (a, n))
TM_STUB(int, posix_memalign, (void **out, size_t a, size_t n), (out, a, n))
TM_STUB(void *, aligned_alloc, (size_t a, size_t n), (a, n))
TM_STUB(void *, valloc, (size_t n), (n))
TM_STUB(void *, pvalloc, (size_t n), (n))
TM_STUB(size_t, malloc_usable_size, (void *p), (p))

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
    /* The dynamic linker's own answer: this file defines no realloc, so
     * the name is bound as any library's reference to it is. */
    .bound_realloc = realloc,
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

/*
 * Whether the next malloc is glibc's own, whose chunk header, in front of
 * each block, the runtime reads for the block's usable size: whether the
 * function lives in libc.so itself.  Comparing addresses with a lookup
 * of glibc's names is not reliable: tcmalloc defines __libc_malloc too (as
 * an alias of its malloc, so that glibc's internal callers reach it).
 * dladdr() allocates nothing, so the answer costs no bootstrap block, whose
 * mere existence would send every free() of the process down the slow
 * path.  Whatever cannot be identified (no LIBC_SO, another C library)
 * counts as not glibc: its malloc_usable_size() is asked instead, which is
 * right for any allocator.
 */
static bool is_glibc_malloc(void *next_malloc) {
  Dl_info info;
  if (!dladdr(next_malloc, &info) || !info.dli_fname)
    return false;
  const char *base = strrchr(info.dli_fname, '/');
  return strcmp(base ? base + 1 : info.dli_fname, LIBC_SO) == 0;
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
      .bound_realloc = realloc,
  };
  bool glibc = is_glibc_malloc(next.malloc);
  resolving = false;
  tm_real = next;
  atomic_store(&tm_global.glibc_malloc, glibc);
  tm_interpose_changed();
  atomic_store_explicit(&resolved, true, memory_order_release);
}
