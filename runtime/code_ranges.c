/*
 * The code whose frame records the frame-pointer walk may follow
 * (unwind.h): the executable segments of the objects the pass instrumented
 * with frame pointers kept.  A return address anywhere else is into code
 * that may use the frame pointer register for data (the C library,
 * libstdc++, a program built without -fno-omit-frame-pointer), whose
 * saved "frame pointer" is whatever the register held: the walk stops
 * there and the system's unwinder goes on.
 *
 * Ranges are only added, at registration (under the site registry's lock,
 * so one writer at a time), and never removed: an object
 * unloaded with dlclose leaves its range behind, and code loaded at the
 * same addresses later is trusted without cause.  The walk's bounds checks
 * still keep every read inside the thread's stack, so the worst case is a
 * wrong caller, never a fault.
 */
#define _GNU_SOURCE
#include <link.h>

#include "unwind.h"

tm_code_range tm_code_ranges[TM_MAX_CODE_RANGES];
atomic_uint tm_code_range_count;

static bool segment_holds(const struct dl_phdr_info *info,
                          const ElfW(Phdr) *ph, uintptr_t addr) {
  uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
  return ph->p_type == PT_LOAD && addr - lo < ph->p_memsz;
}

static bool known(uintptr_t lo, uintptr_t hi) {
  unsigned n = atomic_load_explicit(&tm_code_range_count, memory_order_relaxed);
  for (unsigned i = 0; i < n; i++)
    if (tm_code_ranges[i].lo == lo && tm_code_ranges[i].hi == hi)
      return true;
  return false;
}

static int add_if_holder(struct dl_phdr_info *info, size_t size, void *data) {
  uintptr_t addr = *(const uintptr_t *)data;
  bool holds = false;
  for (int i = 0; i < info->dlpi_phnum && !holds; i++)
    holds = segment_holds(info, &info->dlpi_phdr[i], addr);
  if (!holds)
    return 0;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
      continue;
    uintptr_t lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;
    unsigned n =
        atomic_load_explicit(&tm_code_range_count, memory_order_relaxed);
    if (known(lo, hi) || n == TM_MAX_CODE_RANGES)
      continue; /* registered twice, or full: walks there stop early */
    tm_code_ranges[n] = (tm_code_range){lo, hi};
    atomic_store_explicit(&tm_code_range_count, n + 1, memory_order_release);
  }
  return 1;
}

void tm_code_ranges_add_object(const void *addr) {
  uintptr_t where = (uintptr_t)addr;
  dl_iterate_phdr(add_if_holder, &where);
}
