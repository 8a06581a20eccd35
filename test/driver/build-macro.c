// RUN: %tmcc -E -P %s | FileCheck %s --check-prefix=TRACED
// RUN: %tmcxx -E -P -x c++ %s | FileCheck %s --check-prefix=TRACED
// RUN: %tmcc -O1 %s -o %t && %t | FileCheck %s --check-prefix=OUT
// RUN: %clang -E -P %s | FileCheck %s --check-prefix=PLAIN
// Code that tmcc or tmc++ builds sees __TRACEMALLOC__ defined as 1, in every
// mode (preprocessing too), so that it can #ifdef its calls to the API;
// plain clang does not define it.

#ifdef __TRACEMALLOC__
int traced = __TRACEMALLOC__;
#else
int traced = 0;
#endif
// TRACED: int traced = 1;
// PLAIN: int traced = 0;

#ifdef __TRACEMALLOC__
#include <tracemalloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>

int main(void) {
#ifdef __TRACEMALLOC__
  tm_start(1);
#endif
  void *block = malloc(100);
#ifdef __TRACEMALLOC__
  size_t current, peak;
  tm_get_traced_memory(&current, &peak);
  printf("traced %zu\n", current);
#endif
  free(block);
  return 0;
}
// OUT: traced 100{{$}}
