// RUN: %tmcc -O1 %s -o %t
// RUN: env TRACEMALLOC=16 %t | FileCheck %s
// An allocation in qsort's comparator when qsort is called right from
// main on two elements: the comparator's frame lies a few hundred bytes
// below the process's first stack pointer, where main's own frame lies in
// a larger program.  The walk must still go on through qsort to main
// (main's frame is known by where it returns to, not by where it lies).
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

static void *kept;

static int compare(const void *a, const void *b) {
  if (!kept)
    kept = malloc(8); // line 16
  return *(const int *)a - *(const int *)b;
}

int main(void) {
  int v[2] = {2, 1};
  qsort(v, 2, sizeof v[0], compare); // line 22
  const tm_traceback *tb = tm_get_object_traceback(kept);
  if (!tb)
    return 1;
  for (size_t i = 0; i < tb->nframe; i++)
    printf("%s:%u in %s\n", tb->frames[i].filename, tb->frames[i].lineno,
           tb->frames[i].function);
  free(kept);
  return 0;
}
// CHECK: callback-shallow.c:22 in main
// CHECK: qsort
// CHECK: callback-shallow.c:16 in compare
