/*
 * Tracing under AddressSanitizer, ThreadSanitizer, MemorySanitizer or
 * LeakSanitizer.
 *
 * A sanitizer links its own malloc family into the executable, where it
 * wins over the runtime's: the interposed functions (malloc_interpose.c)
 * are never called, and the sanitizer's blocks, with their redzones, must
 * not get a header either.  Every sanitizer calls hooks after each
 * allocation and before each free instead
 * (__sanitizer_install_malloc_and_free_hooks); through them the runtime
 * traces the heap's blocks by address, in the table that tm_track() keeps
 * (domains.c), as blocks of the heap's domain.  The instrumented call
 * sites still set the hint around the sanitizer's malloc, so attribution
 * is the same as without a sanitizer.
 */
#include "domains.h"

#define HEAP_DOMAIN 0 /* the domain of the malloc family's blocks */

/* Defined, and exported to shared objects, by every sanitizer runtime; a
 * weak reference stays NULL in a program without one. */
extern int __sanitizer_install_malloc_and_free_hooks(
    void (*malloc_hook)(const volatile void *, size_t),
    void (*free_hook)(const volatile void *)) __attribute__((weak));

static void after_allocation(const volatile void *p, size_t size) {
  if (tm_should_trace())
    tm_domains_track(HEAP_DOMAIN, (uintptr_t)p, size,
                     __builtin_frame_address(0));
}

static void before_free(const volatile void *p) {
  /* Not tm_should_trace(): a block traced before the runtime got busy or
   * tracing stopped must still leave the table (tm_untrack checks). */
  if (p)
    tm_untrack(HEAP_DOMAIN, (uintptr_t)p);
}

void tm_install_sanitizer_hooks(void) {
  if (__sanitizer_install_malloc_and_free_hooks &&
      __sanitizer_install_malloc_and_free_hooks(after_allocation, before_free))
    atomic_store(&tm_global.sanitizer_allocator, true);
}
