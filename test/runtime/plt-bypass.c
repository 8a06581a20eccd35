// RUN: %tmcc -O1 %s -o %t
// RUN: env -u TRACEMALLOC %t | FileCheck %s
// RUN: env TRACEMALLOC=1 %t | FileCheck %s --check-prefix=TRACING
// While nothing is traced, the program's PLT slot for malloc (and free)
// names the C library's function: the program's calls do not pass through
// the runtime at all.  tm_start() points them back at the runtime before
// anything is traced, tm_stop() away again; blocks allocated on either
// side are freed on the other with exact totals.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>

/* The object the program's PLT slot for `name` points into. */
static const char *slot_target(const char *name) {
  struct link_map *self = NULL;
  for (struct link_map *m = _r_debug.r_map; m; m = m->l_next)
    if (m->l_name[0] == '\0') /* the program itself */
      self = m;
  const ElfW(Rela) *rel = NULL;
  const ElfW(Sym) *symbols = NULL;
  const char *strings = NULL;
  size_t bytes = 0;
  for (const ElfW(Dyn) *d = self->l_ld; d->d_tag != DT_NULL; d++) {
    uintptr_t v = d->d_un.d_ptr;
    uintptr_t p = v < self->l_addr ? self->l_addr + v : v;
    if (d->d_tag == DT_JMPREL)
      rel = (const ElfW(Rela) *)p;
    else if (d->d_tag == DT_PLTRELSZ)
      bytes = d->d_un.d_val;
    else if (d->d_tag == DT_SYMTAB)
      symbols = (const ElfW(Sym) *)p;
    else if (d->d_tag == DT_STRTAB)
      strings = (const char *)p;
  }
  for (size_t i = 0; i < bytes / sizeof *rel; i++) {
    const char *sym = strings + symbols[ELF64_R_SYM(rel[i].r_info)].st_name;
    if (strcmp(sym, name) != 0)
      continue;
    void *target = *(void **)(self->l_addr + rel[i].r_offset);
    Dl_info info;
    if (!dladdr(target, &info) || !info.dli_fname)
      return "unknown";
    return strstr(info.dli_fname, "libtracemalloc") ? "runtime"
           : strstr(info.dli_fname, "libc.so")      ? "libc"
                                                    : info.dli_fname;
  }
  return "no slot";
}

static size_t traced(void) {
  size_t current;
  tm_get_traced_memory(&current, NULL);
  return current;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  void *warm = malloc(1); /* every slot resolved */
  free(warm);
  int was_tracing = tm_is_tracing();
  printf("at start: malloc %s, free %s\n", slot_target("malloc"),
         slot_target("free"));
  // CHECK: at start: malloc libc, free libc
  // TRACING: at start: malloc runtime, free runtime
  if (was_tracing)
    return 0;

  void *a = malloc(100);
  tm_start(1);
  printf("tracing: malloc %s, free %s\n", slot_target("malloc"),
         slot_target("free"));
  // CHECK-NEXT: tracing: malloc runtime, free runtime
  void *b = malloc(200);
  char *r = malloc(10);
  free(a); /* allocated before tracing: not counted */
  r = realloc(r, 1000);
  printf("traced %zu\n", traced());
  // CHECK-NEXT: traced 1200
  tm_stop();
  printf("stopped: malloc %s, free %s\n", slot_target("malloc"),
         slot_target("free"));
  // CHECK-NEXT: stopped: malloc libc, free libc
  void *c = malloc(300);
  free(b); /* traced before the stop, freed by the C library directly */
  tm_start(1);
  void *d = malloc(400);
  free(c);
  free(r);
  printf("traced %zu\n", traced());
  // CHECK-NEXT: traced 400
  free(d);
  printf("traced %zu\n", traced());
  // CHECK-NEXT: traced 0
  return 0;
}

// The same with immediate binding and the GOT read-only after relocation
// (full RELRO): the runtime makes the page writable for the moment.
// RUN: %tmcc -O1 %s -o %t.now -Wl,-z,now -Wl,-z,relro
// RUN: readelf -d %t.now | FileCheck %s --check-prefix=BIND-NOW
// RUN: env -u TRACEMALLOC %t.now | FileCheck %s
// BIND-NOW: BIND_NOW
