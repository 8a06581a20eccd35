/*
 * Tracing under AddressSanitizer, ThreadSanitizer, MemorySanitizer or
 * LeakSanitizer.
 *
 * A sanitizer links its own malloc family into the executable, where it
 * wins over the runtime's: the interposed functions (malloc_interpose.c)
 * are never called, and the sanitizer's blocks, with their redzones, must
 * not get a tag either.  Every sanitizer calls hooks after each
 * allocation and before each free instead
 * (__sanitizer_install_malloc_and_free_hooks); through them the runtime
 * traces the heap's blocks by address, in the table that tm_track() keeps
 * (domains.c), as blocks of the heap's domain.  The instrumented call
 * sites still set the hint around the sanitizer's malloc, so attribution
 * is the same as without a sanitizer.  An allocation by uninstrumented
 * code is attributed by its return address and the stack above it, as
 * without a sanitizer: the stack above the sanitizer's entry point that
 * the program called (its interceptor of malloc, operator new, ...).  The
 * sanitizer's allocator keeps no frame pointers, so the system's unwinder
 * finds it: slow (microseconds), and only for allocations without a site.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <stdio.h>

#include "domains.h"
#include "stack_depot.h"

#define HEAP_DOMAIN 0 /* the domain of the malloc family's blocks */

/* Defined, and exported to shared objects, by every sanitizer runtime; a
 * weak reference stays NULL in a program without one. */
extern int __sanitizer_install_malloc_and_free_hooks(
    void (*malloc_hook)(const volatile void *, size_t),
    void (*free_hook)(const volatile void *)) __attribute__((weak));

/* The functions through which a program allocates.  A sanitizer defines
 * each in the executable: as __interceptor_<name>, which the plain name
 * reaches through a trampoline (a jump, which leaves no return address),
 * or, for operator new, under the plain name itself. */
static const char *const entry_names[] = {
    "malloc", "calloc", "realloc", "reallocarray", "memalign",
    "posix_memalign", "aligned_alloc", "valloc", "pvalloc", "strdup",
    "strndup", "__strdup", "__strndup",
    "_Znwm", "_Znam", "_ZnwmRKSt9nothrow_t", "_ZnamRKSt9nothrow_t",
    "_ZnwmSt11align_val_t", "_ZnamSt11align_val_t",
    "_ZnwmSt11align_val_tRKSt9nothrow_t",
    "_ZnamSt11align_val_tRKSt9nothrow_t"};
#define NENTRIES (sizeof entry_names / sizeof entry_names[0])

/* An interceptor is shorter than this: a return address this far from
 * one's start is inside it. */
#define ENTRY_MAX_SIZE 4096

static uintptr_t entries[NENTRIES];

static bool returns_into_entry(uintptr_t pc) {
  for (size_t i = 0; i < NENTRIES; i++)
    if (pc - entries[i] < ENTRY_MAX_SIZE)
      return true;
  return false;
}

/* How deep below the interceptor the hook runs: the sanitizer's
 * allocator and its hook runner, with room to spare. */
#define HOOK_MAX_DEPTH 16

/* The stack of an allocation without a site, from the return address
 * into the program on; 0 when the sanitizer's entry point is not found
 * (then the block counts as uninstrumented code's, unnamed). */
static uint32_t stack_above_entry(void) {
  void *frames[HOOK_MAX_DEPTH + TM_MAX_NFRAME_CAPTURED];
  tm_enter(); /* the unwinder may allocate */
  int n = backtrace(frames, (int)(sizeof frames / sizeof frames[0]));
  tm_leave();
  for (int i = 0; i < n && i < HOOK_MAX_DEPTH; i++)
    if (returns_into_entry((uintptr_t)frames[i]))
      return tm_stack_of_pcs((const uintptr_t *)&frames[i + 1],
                             (size_t)(n - i - 1));
  return 0;
}

static void after_allocation(const volatile void *p, size_t size) {
  if (!tm_should_trace())
    return;
  uint32_t site = tm_hint_site_id();
  uint32_t trace = site ? tm_trace_id(site, __builtin_frame_address(0))
                        : stack_above_entry();
  tm_domains_insert(HEAP_DOMAIN, (uintptr_t)p, size, trace, 1);
}

static void before_free(const volatile void *p) {
  /* Not tm_should_trace(): a block traced before the runtime got busy or
   * tracing stopped must still leave the table (tm_untrack checks). */
  if (p)
    tm_untrack(HEAP_DOMAIN, (uintptr_t)p);
}

void tm_install_sanitizer_hooks(void) {
  if (!__sanitizer_install_malloc_and_free_hooks)
    return;
  for (size_t i = 0; i < NENTRIES; i++) {
    char name[64];
    snprintf(name, sizeof name, "__interceptor_%s", entry_names[i]);
    void *entry = dlsym(RTLD_DEFAULT, name);
    if (!entry)
      entry = dlsym(RTLD_DEFAULT, entry_names[i]);
    /* A name nobody defines stays at the top of the address space,
     * where no return address lies. */
    entries[i] = entry ? (uintptr_t)entry : UINTPTR_MAX - ENTRY_MAX_SIZE;
  }
  if (__sanitizer_install_malloc_and_free_hooks(after_allocation, before_free))
    atomic_store(&tm_global.sanitizer_allocator, true);
}
