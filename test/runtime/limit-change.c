// RUN: %tmcc -O1 %s -o %t && %t | FileCheck %s
// tm_start while tracing changes the traceback limit for the blocks
// allocated from then on, as Python's tracemalloc.start(n) does: the
// exported malloc jumps to a path compiled for a limit of 1, which must
// be left for the walking path at 16 and taken again back at 1.  Blocks
// allocated before a change keep the traceback they were traced with.
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

/* Hands the block out through a pointer, not its result: no wrapper. */
__attribute__((noinline)) static void allocate(void **out, size_t size) {
  *out = malloc(size);
  __asm__ volatile("" ::: "memory"); /* not a tail call */
}

static void show(const char *name, const void *p) {
  const tm_traceback *tb = tm_get_object_traceback(p);
  if (!tb) {
    printf("%s: no traceback\n", name);
    return;
  }
  printf("%s: %zu frame(s), frame 0 in %s\n", name, tb->nframe,
         tb->frames[tb->nframe - 1].function);
  if (tb->nframe > 1)
    printf("%s: called from %s\n", name, tb->frames[tb->nframe - 2].function);
}

int main(void) {
  tm_start(1);
  void *by_line, *walked, *by_line_again;
  allocate(&by_line, 24);
  tm_start(16);
  allocate(&walked, 40);
  tm_start(1);
  allocate(&by_line_again, 56);
  size_t traced, after;
  tm_get_traced_memory(&traced, NULL); /* before stdout has a buffer */
  printf("traced %zu\n", traced);
  // CHECK:      traced 120
  show("first", by_line);
  // CHECK-NEXT: first: 1 frame(s), frame 0 in allocate
  show("second", walked);
  // CHECK-NEXT: second: {{[2-9]|1[0-6]}} frame(s), frame 0 in allocate
  // CHECK-NEXT: second: called from main
  show("third", by_line_again);
  // CHECK-NEXT: third: 1 frame(s), frame 0 in allocate
  tm_get_traced_memory(&traced, NULL);
  free(by_line);
  free(walked);
  free(by_line_again);
  tm_get_traced_memory(&after, NULL);
  printf("freed %zu\n", traced - after);
  // CHECK-NEXT: freed 120
  tm_stop();
  return 0;
}
