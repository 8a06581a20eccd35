/*
 * While nothing is traced, the program's calls of malloc, free, calloc and
 * realloc go straight to the real allocator.
 *
 * The runtime interposes the malloc family, so every call of the program
 * lands in it first, tracing or not: a test of a flag and a jump through a
 * pointer, which on a loop that only allocates cost 2.4 % of its time
 * (docs/performance.md) -- more than a program that does not trace should
 * pay.  So while tracing is off, the runtime points the PLT slots of
 * every loaded object that calls those four functions (R_X86_64_JUMP_SLOT
 * relocations) straight at the real functions, and points them back at
 * its own before tracing starts.  Only PLT slots: a slot is read by the
 * call instruction alone, whereas a function's address that the program
 * stored (a GLOB_DAT entry, `p = malloc`) must keep naming the runtime's
 * function, or its calls would bypass tracing forever.
 *
 * A slot is touched only when it names the runtime's function, the real
 * one, or is still unresolved (lazy binding: it points into its own
 * object, which imports the name, and would resolve to the runtime's,
 * which comes first); anything else was bound on purpose to something
 * else (an object that defines malloc itself) and is left alone.  Objects loaded
 * later bind to the runtime's functions as usual: correct, and slower.
 * Blocks of the bootstrap buffer must reach the runtime's free and
 * realloc, so while there are any, those two stay interposed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

#if defined(__x86_64__)

typedef struct bypassed {
  const char *name;
  void *own;  /* the runtime's function */
  void *real; /* the real allocator's */
  bool keeps_bootstrap; /* must stay the runtime's while it has blocks */
} bypassed;

/* Where an object's PLT slots and the names they import are. */
typedef struct plt {
  uintptr_t base;
  const Elf64_Rela *relocs;
  size_t nrelocs;
  const Elf64_Sym *symbols;
  const char *strings;
  uintptr_t relro_start, relro_end; /* read-only after relocation */
} plt;

/* A pointer of the dynamic section: relocated by the dynamic linker in
 * some objects, an offset from the load address in others. */
static uintptr_t dynamic_pointer(uintptr_t base, uintptr_t value) {
  return value < base ? base + value : value;
}

static bool find_plt(const struct dl_phdr_info *info, plt *out) {
  const ElfW(Dyn) *dynamic = NULL;
  *out = (plt){.base = info->dlpi_addr};
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type == PT_DYNAMIC)
      dynamic = (const ElfW(Dyn) *)(info->dlpi_addr + ph->p_vaddr);
    else if (ph->p_type == PT_GNU_RELRO) {
      out->relro_start = info->dlpi_addr + ph->p_vaddr;
      out->relro_end = out->relro_start + ph->p_memsz;
    }
  }
  if (!dynamic)
    return false;
  size_t plt_bytes = 0;
  bool rela = true;
  for (const ElfW(Dyn) *d = dynamic; d->d_tag != DT_NULL; d++) {
    uintptr_t value = d->d_un.d_ptr;
    switch (d->d_tag) {
    case DT_JMPREL:
      out->relocs = (const Elf64_Rela *)dynamic_pointer(out->base, value);
      break;
    case DT_PLTRELSZ:
      plt_bytes = d->d_un.d_val;
      break;
    case DT_PLTREL:
      rela = d->d_un.d_val == DT_RELA;
      break;
    case DT_SYMTAB:
      out->symbols = (const Elf64_Sym *)dynamic_pointer(out->base, value);
      break;
    case DT_STRTAB:
      out->strings = (const char *)dynamic_pointer(out->base, value);
      break;
    }
  }
  out->nrelocs = plt_bytes / sizeof(Elf64_Rela);
  return rela && out->relocs && out->symbols && out->strings;
}

/* Whether p lies in one of the object's loaded segments. */
static bool inside(const struct dl_phdr_info *info, uintptr_t p) {
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    uintptr_t start = info->dlpi_addr + ph->p_vaddr;
    if (ph->p_type == PT_LOAD && p - start < ph->p_memsz)
      return true;
  }
  return false;
}

/* A slot of a read-only page (RELRO with immediate binding) is written
 * with the page made writable for the moment. */
static void write_slot(const plt *t, void **slot, void *value) {
  uintptr_t at = (uintptr_t)slot;
  bool protected = at >= t->relro_start && at < t->relro_end;
  size_t page_size = (size_t)sysconf(_SC_PAGESIZE);
  void *page = (void *)(at & ~(uintptr_t)(page_size - 1));
  if (protected && mprotect(page, page_size, PROT_READ | PROT_WRITE) != 0)
    return;
  __atomic_store_n(slot, value, __ATOMIC_RELEASE);
  if (protected)
    mprotect(page, page_size, PROT_READ);
}

typedef struct request {
  const bypassed *functions;
  size_t nfunctions;
  bool bypass;
  bool bootstrap_blocks;
  const char *runtime_path;
} request;

static int point_object(struct dl_phdr_info *info, size_t size, void *arg) {
  (void)size;
  const request *r = arg;
  plt t;
  if (!info->dlpi_name || strcmp(info->dlpi_name, r->runtime_path) == 0 ||
      !find_plt(info, &t))
    return 0;
  for (size_t i = 0; i < t.nrelocs; i++) {
    const Elf64_Rela *rel = &t.relocs[i];
    if (ELF64_R_TYPE(rel->r_info) != R_X86_64_JUMP_SLOT)
      continue;
    const Elf64_Sym *symbol = &t.symbols[ELF64_R_SYM(rel->r_info)];
    const char *name = t.strings + symbol->st_name;
    for (size_t f = 0; f < r->nfunctions; f++) {
      const bypassed *b = &r->functions[f];
      if (strcmp(name, b->name) != 0)
        continue;
      void **slot = (void **)(t.base + rel->r_offset);
      void *now = __atomic_load_n(slot, __ATOMIC_RELAXED);
      bool unresolved = symbol->st_shndx == SHN_UNDEF &&
                        inside(info, (uintptr_t)now);
      if (now != b->own && now != b->real && !unresolved)
        break; /* bound to something else on purpose */
      void *want = r->bypass && !(b->keeps_bootstrap && r->bootstrap_blocks)
                       ? b->real
                       : b->own;
      if (now != want)
        write_slot(&t, slot, want);
      break;
    }
  }
  return 0;
}

void tm_plt_bypass(bool bypass) {
  /* Under a sanitizer the program's slots name the sanitizer's functions:
   * nothing here is the runtime's to change. */
  if (atomic_load(&tm_global.sanitizer_allocator))
    return;
  Dl_info self;
  if (!dladdr((void *)tm_plt_bypass, &self) || !self.dli_fname)
    return;
  const bypassed functions[] = {
      {"malloc", (void *)tm_own_malloc, (void *)tm_real.malloc, false},
      {"calloc", (void *)tm_own_calloc, (void *)tm_real.calloc, false},
      {"free", (void *)tm_own_free, (void *)tm_real.free, true},
      {"realloc", (void *)tm_own_realloc, (void *)tm_real.realloc, true},
  };
  request r = {.functions = functions,
               .nfunctions = sizeof functions / sizeof functions[0],
               .bypass = bypass,
               .bootstrap_blocks = tm_bootstrap_in_use(),
               .runtime_path = self.dli_fname};
  dl_iterate_phdr(point_object, &r);
}

#else

void tm_plt_bypass(bool bypass) { (void)bypass; }

#endif
