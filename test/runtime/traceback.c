// RUN: cd %S && %tmcc -O1 -ftm-no-auto-wrapper traceback.c -o %t && %t | FileCheck %s
// get_object_traceback and Traceback.format in C: the traceback of a live
// block is its allocation line, formatted with the source line as Python
// prints it; blocks that are not traced have none; a scoped tracing block
// stops tracing on every way out of it; a limit < 0 keeps the oldest frames.
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

static void print_traceback(const void *p) {
  const tm_traceback *tb = tm_get_object_traceback(p);
  char text[1024];
  if (!tb) {
    puts("no traceback");
    return;
  }
  tm_traceback_format(tb, 0, false, text, sizeof text);
  fputs(text, stdout);
}

static int traced_inside_scope(int leave_early) {
  TM_TRACING_SCOPE(1);
  void *p = malloc(7);
  int traced = tm_get_object_traceback(p) != NULL;
  free(p);
  if (leave_early)
    return traced; /* the scope ends here too */
  return traced;
}

int main(void) {
  void *before = malloc(5);
  tm_start(1);
  void *block = malloc(64);   // line 34
  print_traceback(block);
  // CHECK:      File "traceback.c", line 34
  // CHECK-NEXT:   void *block = malloc(64);   // line 34
  print_traceback(before);
  // CHECK-NEXT: no traceback
  print_traceback((char *)block + 16);
  // CHECK-NEXT: no traceback

  char small[16];
  int n = tm_traceback_format(tm_get_object_traceback(block), 0, false, small,
                              sizeof small);
  printf("%d [%s]\n", n, small);
  // CHECK-NEXT: 73 [  File "traceba]
  printf("limit -1: %d\n", tm_traceback_format(tm_get_object_traceback(block),
                                               -1, false, small, sizeof small));
  // CHECK-NEXT: limit -1: 0

  free(block);
  print_traceback(block);
  // CHECK-NEXT: no traceback
  tm_stop();

  int traced = traced_inside_scope(1);
  printf("scope: traced=%d tracing after=%d\n", traced, tm_is_tracing());
  // CHECK-NEXT: scope: traced=1 tracing after=0
  tm_start(1);
  traced = traced_inside_scope(0);
  printf("nested: traced=%d tracing after=%d\n", traced, tm_is_tracing());
  // CHECK-NEXT: nested: traced=1 tracing after=1
  tm_stop();

  // A negative limit drops that many of the most recent frames, as
  // Python's frames[:limit]: the oldest are kept.  (The frames are
  // wrappers of each other, which -ftm-no-auto-wrapper keeps.)
  void *outer_alloc(void);
  tm_start(3);
  void *deep = outer_alloc(); // the outermost frame
  char text[1024];
  const tm_traceback *tb = tm_get_object_traceback(deep);
  tm_traceback_format(tb, 1, false, text, sizeof text);
  printf("limit 1:\n%s", text);
  // CHECK-NEXT: limit 1:
  // CHECK-NEXT: File "traceback.c", line
  // CHECK-NEXT: return malloc(48); // the innermost frame
  tm_traceback_format(tb, -1, false, text, sizeof text);
  printf("limit -1:\n%s", text);
  // CHECK-NEXT: limit -1:
  // CHECK-NEXT: File "traceback.c", line
  // CHECK-NEXT: void *deep = outer_alloc(); // the outermost frame
  // CHECK-NEXT: File "traceback.c", line
  // CHECK-NEXT: void *volatile block = inner_alloc(); // the middle frame
  tm_traceback_format(tb, -2, true, text, sizeof text);
  printf("limit -2, most recent first:\n%s", text);
  // CHECK-NEXT: limit -2, most recent first:
  // CHECK-NEXT: File "traceback.c", line
  // CHECK-NEXT: void *deep = outer_alloc(); // the outermost frame
  // CHECK-NEXT: limit -3: 0
  printf("limit -3: %d\n", tm_traceback_format(tb, -3, false, text, sizeof text));
  free(deep);
  tm_stop();
  free(before);
  return 0;
}

__attribute__((noinline)) static void *inner_alloc(void) {
  return malloc(48); // the innermost frame
}

__attribute__((noinline)) void *outer_alloc(void) {
  void *volatile block = inner_alloc(); // the middle frame: not a tail call
  return block;
}
