// RUN: cd %S && %tmcc -O1 wrapper-hint.c -o %t
// RUN: env TRACEMALLOC=2 TRACEMALLOC_DUMP=%t.dump %t
// RUN: %bindir/tmreport top %t.dump 2> %t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=NOTE < %t.err
// RUN: env TRACEMALLOC=2 TRACEMALLOC_DUMP=%t.one.dump %t one
// RUN: %bindir/tmreport top %t.one.dump 2>&1 | FileCheck %s --check-prefix=ONE
// RUN: %bindir/tmreport top --json %t.dump 2>&1 | FileCheck %s --check-prefix=JSON
// A wrapper the pass cannot find (it hands its block out through a
// pointer), holding most of the memory for callers on two lines: tmreport
// top says so on stderr and names the option that charges the callers;
// not when one line calls it, nor with --json.
#include <stdlib.h>
#include <string.h>

static void *keep[64];

__attribute__((noinline)) static void get_block(void **out, size_t n) {
  *out = malloc(n); // line 18
  __asm__ volatile("");
}

int main(int argc, char **argv) {
  for (int i = 0; i < 32; i++)
    get_block(&keep[i], 1000); // line 24
  if (argc < 2)
    for (int i = 32; i < 64; i++)
      get_block(&keep[i], 1000); // line 27
  keep[0] = realloc(keep[0], 1000);
  char *small = strdup("small"); // line 29
  (void)small;
  return 0;
}
// CHECK: wrapper-hint.c:18: size=
// NOTE: tmreport: note: {{9[0-9]}}% of the memory is allocated at wrapper-hint.c:18, the one allocating line of get_block, called from several lines; if get_block only wraps an allocator, build with tmcc -ftm-wrapper=get_block to charge its callers
// ONE-NOT: note:
// JSON-NOT: note:
