// RUN: cd %S && %tmcc -O1 wrappers.c -o %t
// RUN: env TRACEMALLOC=1 TRACEMALLOC_DUMP=%t.dump %t
// RUN: %bindir/tmreport top --key traceback %t.dump | FileCheck %s
// RUN: %bindir/tmreport top --key traceback --json %t.dump | FileCheck %s --check-prefix=JSON
// RUN: python3 %inputs/dump_sections.py rewrite %t.dump %t.v4.dump --version 4
// RUN: %bindir/tmreport top --key traceback %t.v4.dump | FileCheck %s --check-prefix=V4
// A block allocated through wrappers is charged to the line that called
// the outermost one, and its traceback names the wrappers it went
// through, outermost first, in the text and the JSON of tmreport top; a
// version 4 dump has none to name.
#include <stdlib.h>
#include <string.h>

static void *keep[8];

__attribute__((noinline)) static void *xmalloc(size_t n) {
  void *p = malloc(n); // line 17
  if (!p)
    abort();
  return p;
}

__attribute__((noinline)) static char *xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  return memcpy(xmalloc(n), s, n); // line 25
}

int main(void) {
  for (int i = 0; i < 4; i++)
    keep[i] = xstrdup("a string of 20 bytes"); // line 30
  keep[4] = xmalloc(1000); // line 31
  return 0;
}

// CHECK:      wrappers.c:31: size=1000 B, count=1, average=1000 B
// CHECK-NEXT:   File "wrappers.c", line 31
// CHECK-NEXT:     keep[4] = xmalloc(1000); // line 31
// CHECK-NEXT:   through xmalloc (wrappers.c:17){{$}}
// CHECK-NEXT: wrappers.c:30: size=84 B, count=4, average=21 B
// CHECK-NEXT:   File "wrappers.c", line 30
// CHECK-NEXT:     keep[i] = xstrdup("a string of 20 bytes"); // line 30
// CHECK-NEXT:   through xstrdup (wrappers.c:25){{$}}
// CHECK-NEXT:   through xmalloc (wrappers.c:17){{$}}

// JSON: "wrappers": [{"filename": "wrappers.c", "lineno": 17, "function": "xmalloc"}]
// JSON: "wrappers": [{"filename": "wrappers.c", "lineno": 25, "function": "xstrdup"}, {"filename": "wrappers.c", "lineno": 17, "function": "xmalloc"}]

// V4:     wrappers.c:31: size=1000 B, count=1, average=1000 B
// V4-NOT: through
