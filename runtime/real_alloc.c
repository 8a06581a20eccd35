/*
 * The allocator the runtime forwards to: the next definition of each malloc
 * family function after ours (glibc's, or jemalloc's, tcmalloc's, ... when
 * the program links one), found with dlsym(RTLD_NEXT).  When it is not
 * glibc's, every block gets a header (tm_global.every_block_headed).
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
  atomic_store(&tm_global.marked_blocks_issued, true); /* free() must look */
  return tm_bootstrap_buffer + at + 16; /* static storage: already zeroed */
}

size_t tm_bootstrap_size(const void *p) {
  size_t size;
  memcpy(&size, (const unsigned char *)p - 16, sizeof size);
  return size;
}

/* ----- stubs: the first call through each pointer resolves them all ------ */

static _Thread_local bool resolving TM_IE_TLS;

/*
 * The stubs of one table: malloc and calloc serve dlsym's own requests
 * from the bootstrap buffer while it resolves; every stub resolves the
 * real functions, then forwards through `table`, which now holds them.
 */
#define TM_ALLOCATING_STUBS(prefix, table)                                    \
  static void *prefix##_malloc(size_t n) {                                   \
    if (resolving)                                                           \
      return bootstrap_alloc(n);                                             \
    tm_resolve_real_allocator();                                             \
    return table.malloc(n);                                                  \
  }                                                                          \
  static void *prefix##_calloc(size_t n, size_t m) {                         \
    size_t total;                                                            \
    if (__builtin_mul_overflow(n, m, &total)) {                              \
      errno = ENOMEM;                                                        \
      return NULL;                                                           \
    }                                                                        \
    if (resolving)                                                           \
      return bootstrap_alloc(total);                                         \
    tm_resolve_real_allocator();                                             \
    return table.calloc(n, m);                                               \
  }                                                                          \
  TM_STUB(prefix, table, void *, memalign, (size_t a, size_t n), (a, n))     \
  TM_STUB(prefix, table, int, posix_memalign,                                \
          (void **out, size_t a, size_t n), (out, a, n))                     \
  TM_STUB(prefix, table, void *, aligned_alloc, (size_t a, size_t n), (a, n))\
  TM_STUB(prefix, table, void *, valloc, (size_t n), (n))                    \
  TM_STUB(prefix, table, void *, pvalloc, (size_t n), (n))

#define TM_STUB(prefix, table, type, name, params, args)                      \
  static type prefix##_##name params {                                       \
    tm_resolve_real_allocator();                                             \
    return table.name args;                                                  \
  }

TM_ALLOCATING_STUBS(stub, tm_real)
static void stub_free(void *p) {
  tm_resolve_real_allocator();
  tm_real.free(p);
}
TM_STUB(stub, tm_real, void *, realloc, (void *p, size_t n), (p, n))
TM_STUB(stub, tm_real, size_t, malloc_usable_size, (void *p), (p))

/* The untraced path's stubs: the same, then through tm_untraced. */
TM_ALLOCATING_STUBS(ustub, tm_untraced)

tm_untraced_allocator tm_untraced = {
    .malloc = ustub_malloc,
    .calloc = ustub_calloc,
    .memalign = ustub_memalign,
    .posix_memalign = ustub_posix_memalign,
    .aligned_alloc = ustub_aligned_alloc,
    .valloc = ustub_valloc,
    .pvalloc = ustub_pvalloc,
};

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

/*
 * Whether the next malloc is glibc's own, the one allocator whose blocks
 * are known to have 16 readable bytes in front (its chunk header): whether
 * the function lives in libc.so itself.  Comparing addresses with a lookup
 * of glibc's names is not reliable: tcmalloc defines __libc_malloc too (as
 * an alias of its malloc, so that glibc's internal callers reach it).
 * dladdr() allocates nothing, so the answer costs no bootstrap block, whose
 * mere existence would send every free() of the process down the slow
 * path.  Whatever cannot be identified (no LIBC_SO, another C library)
 * counts as not glibc: heading every block is safe with any allocator.
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
  };
  bool glibc = is_glibc_malloc(next.malloc);
  resolving = false;
  tm_real = next;
  if (glibc || !&tm_headed_allocator) {
    tm_untraced = (tm_untraced_allocator){
        .malloc = next.malloc,
        .calloc = next.calloc,
        .memalign = next.memalign,
        .posix_memalign = next.posix_memalign,
        .aligned_alloc = next.aligned_alloc,
        .valloc = next.valloc,
        .pvalloc = next.pvalloc,
    };
  } else {
    /* From now on free() checks every block: only the bootstrap buffer's
     * were served without a header, and it tells those apart safely. */
    atomic_store(&tm_global.every_block_headed, true);
    atomic_store(&tm_global.marked_blocks_issued, true);
    tm_untraced = tm_headed_allocator;
  }
  atomic_store_explicit(&resolved, true, memory_order_release);
}
