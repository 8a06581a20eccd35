/* Code addresses to source frames, through llvm-symbolizer (symbolize.c). */
#ifndef TM_SYMBOLIZE_H
#define TM_SYMBOLIZE_H

#include "internal.h"

/* Resolves code addresses to source frames, in one batch, and caches the
 * answers for the life of the process.  pcs[i] is a return address minus
 * one (an address inside the call instruction).  On return, frames[i]
 * points at nframes[i] >= 1 frames for pcs[i], most recent (innermost
 * inlined) first; they stay valid for the life of the process and every
 * string in them is interned with tm_intern().  Never fails: an address
 * that cannot be resolved gets one frame naming its module (filename: the
 * module's path, or "<unknown>" outside any module; lineno 0; function:
 * the dynamic symbol dladdr() finds, or "").  Returns within the
 * symbolizer's deadline (TRACEMALLOC_SYMBOLIZER_TIMEOUT) whatever the
 * symbolizer does.
 * Thread-safe; callers hold no runtime lock that malloc paths take. */
void tm_symbolize(const uintptr_t *pcs, size_t n, const tm_frame **frames,
                  size_t *nframes);

/* Registers the symbolizer's fork handlers, once, when the runtime starts
 * (tm_ensure_init, after its own, so that the symbolizer's lock is taken
 * first).  Not at the first symbolization: glibc runs none of the
 * handlers registered while a fork is running its prepare handlers, so a
 * child forked then would inherit the lock held by the thread that
 * registered them. */
void tm_symbolize_install_fork_handlers(void);

#endif /* TM_SYMBOLIZE_H */
