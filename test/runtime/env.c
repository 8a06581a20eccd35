// RUN: %tmcc -O1 %s -o %t
// RUN: env TRACEMALLOC=1 TRACEMALLOC_TOP=2 %t 2>&1 | FileCheck %s --check-prefix=TOP
// RUN: env TRACEMALLOC=3 %t | FileCheck %s --check-prefix=LIMIT
// RUN: env TRACEMALLOC=banana %t 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: env TRACEMALLOC_TOP=5 %t 2>&1 | FileCheck %s --check-prefix=OFF
// RUN: %t 2>&1 | FileCheck %s --check-prefix=NONE
// The environment traces a program that never calls the API: TRACEMALLOC
// starts tracing before main with its number of frames, TRACEMALLOC_TOP
// prints the top lines at exit; bad values are one-line warnings.
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

void *blocks[30];

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0); /* no stdout buffer in the statistics */
  for (int i = 0; i < 10; i++)
    blocks[i] = malloc(100);                      // line 19
  for (int i = 10; i < 30; i++)
    blocks[i] = calloc(1, 10);                    // line 21
  printf("limit=%d tracing=%d\n", tm_get_traceback_limit(), tm_is_tracing());
  fflush(stdout);
  return 0;
}
// TOP:      limit=1 tracing=1
// TOP-NEXT: {{.*}}env.c:19: size=1000 B, count=10, average=100 B
// TOP-NEXT: {{.*}}env.c:21: size=200 B, count=20, average=10 B
// TOP-NOT:  env.c

// LIMIT: limit=3 tracing=1

// BAD:      tracemalloc: warning: ignoring TRACEMALLOC='banana': expected an integer from 0 to 65535
// BAD-NEXT: limit=1 tracing=0

// OFF: limit=1 tracing=0
// OFF-NEXT: tracemalloc: warning: TRACEMALLOC_TOP=5: tracing is off at exit

// NONE-NOT: tracemalloc
