// RUN: %tmcc -O1 %s -o %t
// RUN: env TRACEMALLOC=32 %t | FileCheck %s
// RUN: env TRACEMALLOC=1 %t | FileCheck %s --check-prefix=ONE
// An allocation in a callback that the C library calls (qsort's
// comparator): the C library is built without frame pointers, so the
// frame-pointer walk from the comparator breaks inside qsort, and the
// system's unwinder finds the callers beyond it: main, at the line that
// called qsort.  Every call of the comparator gives the same traceback.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>

enum { N = 64 };
static void *kept[N * 8];
static int nkept;

static int compare(const void *a, const void *b) {
  kept[nkept++] = malloc(8); // line 19
  return *(const int *)a - *(const int *)b;
}

static void show(const tm_traceback *tb) {
  for (size_t i = 0; i < tb->nframe; i++)
    if (strcmp(tb->frames[i].function, "msort_with_tmp") != 0)
      printf("  %s:%u in %s\n", tb->frames[i].filename, tb->frames[i].lineno,
             tb->frames[i].function);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int v[N];
  for (int i = 0; i < N; i++)
    v[i] = (i * 37) % N;
  qsort(v, N, sizeof v[0], compare); // line 35
  const tm_traceback *first = tm_get_object_traceback(kept[0]);
  show(first);
  int same = 0;
  for (int i = 0; i < nkept; i++) {
    const tm_traceback *tb = tm_get_object_traceback(kept[i]);
    same += tb && tb->nframe >= 3 &&
            strcmp(tb->frames[tb->nframe - 1].function, "compare") == 0;
  }
  printf("%d of %d in compare, called from the C library\n", same, nkept);
  for (int i = 0; i < nkept; i++)
    free(kept[i]);
  return 0;
}
// CHECK:      {{.*}}callback.c:35 in main
// CHECK-NEXT: {{.*}} in qsort
// CHECK:      {{.*}}callback.c:19 in compare
// CHECK-NEXT: [[N:[0-9]+]] of [[N]] in compare, called from the C library

// ONE:      {{.*}}callback.c:19 in compare
// ONE-NEXT: 0 of {{[0-9]+}} in compare
