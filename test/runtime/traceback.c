// RUN: cd %S && %tmcc -O1 traceback.c -o %t && %t | FileCheck %s
// get_object_traceback and Traceback.format in C: the traceback of a live
// block is its allocation line, formatted with the source line as Python
// prints it; blocks that are not traced have none; a scoped tracing block
// stops tracing on every way out of it.
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
  free(before);
  return 0;
}
