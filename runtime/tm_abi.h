/*
 * The contract between the TraceMalloc pass and the runtime.
 *
 * This header is the one place where the names and the record layout that
 * both sides must agree on are written down.  The runtime and the pass
 * (pass/TraceMalloc.cpp) both include it; the pass mirrors tm_site in IR
 * and asserts that the two layouts have the same size.
 *
 * 64-bit targets only.  Per allocation call site the pass emits one tm_site record into the
 * section TM_SITE_SECTION of the module, and one module constructor that
 * calls TM_REGISTER_SITES_FN(TM_ABI_VERSION, start, stop) with the section
 * bounds.  Around the call itself, the instrumented code sets the
 * thread-local TM_SITE_HINT_VAR to the site (unless another site already
 * set it: the outermost instrumented site wins) and restores it afterwards.
 * When it sets the hint it also stores its own frame address in
 * TM_SITE_FRAME_VAR, so that deeper tracebacks unwind the site's callers
 * from there, whatever frames the allocation function's own code lacks.
 * All of that only while the runtime's byte TM_TRACING_VAR is non-zero
 * (it is while tracing): a program that does not trace pays a test.
 */
#ifndef TM_ABI_H
#define TM_ABI_H

#include <stdint.h>

/* Bumped whenever anything below changes meaning or layout. */
#define TM_ABI_VERSION 3

#define TM_SITE_SECTION     "__tm_sites"
#define TM_REGISTER_SITES_FN "__tm_register_sites"
#define TM_SITE_HINT_VAR    "__tm_site_hint"
#define TM_SITE_FRAME_VAR   "__tm_site_frame"
#define TM_TRACING_VAR      "__tm_tracing"
#define TM_MODULE_CTOR      "tm.module_ctor"
#define TM_MODULE_CTOR_PRIORITY 1

/* What the call site calls.  Stored in tm_site.kind. */
typedef enum tm_site_kind {
  TM_KIND_UNKNOWN = 0,
  TM_KIND_MALLOC,
  TM_KIND_CALLOC,
  TM_KIND_REALLOC,
  TM_KIND_REALLOCARRAY,
  TM_KIND_FREE,
  TM_KIND_ALIGNED_ALLOC,
  TM_KIND_POSIX_MEMALIGN,
  TM_KIND_MEMALIGN,
  TM_KIND_VALLOC,
  TM_KIND_PVALLOC,
  TM_KIND_STRDUP,
  TM_KIND_STRNDUP,
  TM_KIND_NEW,
  TM_KIND_NEW_ARRAY,
  TM_KIND_DELETE,
  TM_KIND_DELETE_ARRAY,
  TM_KIND_TRACK,   /* tm_track(): a block of another allocator */
  TM_KIND_WRAPPER, /* a function that wraps an allocator (xmalloc, g_malloc) */
  /* Not an allocation: a call, to a function the pass cannot see, whose
   * result its own function returns (TM_SITE_RETURNED).  No hint is set
   * around it; the record tells the runtime that a wrapper's caller found
   * at this line is a wrapper too.  Runtimes that do not know the kind
   * register it as a site no call ever names. */
  TM_KIND_FORWARD,
  TM_KIND_COUNT
} tm_site_kind;

/* tm_site.flags */
/* The module has no line tables: line and column are 0 and file is the
 * module's source file.  (A call without a location in a function that has
 * debug info also has line 0, but its file is known: no flag.) */
#define TM_SITE_NO_DEBUG_INFO 1u
/* The function of the call keeps a frame pointer (clang's
 * -fno-omit-frame-pointer, which tmcc passes): when every site of an
 * object says so, the runtime follows the frame records of the object's
 * code when it unwinds.  Absent in objects of older passes, which are then
 * unwound by the system's unwinder: slower, as correct. */
#define TM_SITE_FRAME_POINTERS 2u
/* The function of the call may return what the call returns (through
 * casts, NULL checks, local variables): it wraps the allocation, and the
 * block is charged to the function's caller, and so on up a chain of
 * TM_KIND_FORWARD calls.  Runtimes that do not know the flag charge the
 * site itself, as before. */
#define TM_SITE_RETURNED 4u

/*
 * One allocation call site.  The pass emits it zero-initialised in `id`;
 * the runtime writes `id` when it registers the module, so the hot path can
 * index its own site table without searching.  `id` stays the first field
 * in every ABI version: a runtime that refuses a module (version mismatch)
 * leaves it 0, which the hot path reads as "unknown site".
 */
typedef struct tm_site {
  uint32_t id;
  uint16_t kind;     /* tm_site_kind */
  uint16_t flags;    /* TM_SITE_* */
  uint32_t line;
  uint32_t column;
  const char *file;      /* as the compiler was given it (DIFile filename) */
  const char *directory; /* the compilation directory, "" when unknown */
  const char *function;  /* the function the call is written in */
} tm_site;

#ifdef __cplusplus
#define TM_STATIC_ASSERT static_assert
#else
#define TM_STATIC_ASSERT _Static_assert
#endif
TM_STATIC_ASSERT(sizeof(tm_site) == 40, "tm_site layout is part of the ABI");
TM_STATIC_ASSERT(__builtin_offsetof(tm_site, id) == 0, "id must stay first");
TM_STATIC_ASSERT(__builtin_offsetof(tm_site, file) == 16, "tm_site layout");
#undef TM_STATIC_ASSERT

#endif /* TM_ABI_H */
