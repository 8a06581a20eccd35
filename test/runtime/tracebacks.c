// RUN: %tmcc -O0 -ftm-no-auto-wrapper %s -o %t.O0 && %tmcc -O2 -ftm-no-auto-wrapper %s -o %t.O2
// RUN: env TRACEMALLOC=1 %t.O0 | FileCheck %s --check-prefix=ONE
// RUN: env TRACEMALLOC=2 %t.O0 | FileCheck %s --check-prefix=TWO
// RUN: env TRACEMALLOC=3 %t.O0 | FileCheck %s --check-prefix=THREE
// RUN: env TRACEMALLOC=3 %t.O2 | FileCheck %s --check-prefix=THREE
// RUN: env TRACEMALLOC=5 %t.O2 | FileCheck %s --check-prefix=INLINED
// Tracebacks deeper than the site: a three-deep chain (of wrappers, kept by
// -ftm-no-auto-wrapper) with limits 1, 2 and 3 gives exactly the frames and
// functions of the source, at -O0 and -O2, inlined calls included; frame 0
// is the site's own line, the callers come from unwinding and symbolization.
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

/* A call in tail position leaves no frame at -O2 (the callee returns
 * straight to our caller): an empty asm after it keeps each frame. */
#define KEEP_FRAME() __asm__ volatile("")

__attribute__((noinline)) void *leaf(size_t n) {
  return malloc(n); // line 20
}

__attribute__((noinline)) void *middle(size_t n) {
  void *p = leaf(n); // line 24
  KEEP_FRAME();
  return p;
}

__attribute__((noinline)) void *top(size_t n) {
  void *p = middle(n); // line 30
  KEEP_FRAME();
  return p;
}

static inline __attribute__((always_inline)) void *inlined_helper(size_t n) {
  return top(n); // line 36
}

static void show(const void *block) {
  const tm_traceback *tb = tm_get_object_traceback(block);
  printf("nframe=%zu limit=%d\n", tb->nframe, tm_get_traceback_limit());
  for (size_t i = 0; i < tb->nframe; i++)
    printf("  %s:%u in %s\n", tb->frames[i].filename, tb->frames[i].lineno,
           tb->frames[i].function);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  void *p = top(24); // line 49
  show(p);
  void *q = inlined_helper(8); // line 51
  show(q);
  free(p);
  free(q);
  return 0;
}
// ONE:      nframe=1 limit=1
// ONE-NEXT:   {{.*}}tracebacks.c:20 in leaf

// TWO:      nframe=2 limit=2
// TWO-NEXT:   {{.*}}tracebacks.c:24 in middle
// TWO-NEXT:   {{.*}}tracebacks.c:20 in leaf

// THREE:      nframe=3 limit=3
// THREE-NEXT:   {{.*}}tracebacks.c:30 in top
// THREE-NEXT:   {{.*}}tracebacks.c:24 in middle
// THREE-NEXT:   {{.*}}tracebacks.c:20 in leaf

// The fifth frame of the first stack is the C library's, which calls main:
// its name depends on the C library's debug info.
// INLINED:      nframe=5 limit=5
// INLINED-NEXT:   {{.*libc.*}}
// INLINED-NEXT:   {{.*}}tracebacks.c:49 in main
// INLINED-NEXT:   {{.*}}tracebacks.c:30 in top
// INLINED-NEXT:   {{.*}}tracebacks.c:24 in middle
// INLINED-NEXT:   {{.*}}tracebacks.c:20 in leaf
// INLINED:      nframe=5 limit=5
// INLINED-NEXT:   {{.*}}tracebacks.c:51 in main
// INLINED-NEXT:   {{.*}}tracebacks.c:36 in inlined_helper
// INLINED-NEXT:   {{.*}}tracebacks.c:30 in top
// INLINED-NEXT:   {{.*}}tracebacks.c:24 in middle
// INLINED-NEXT:   {{.*}}tracebacks.c:20 in leaf
