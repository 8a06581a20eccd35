// RUN: %tmcc -O1 %s -o %t
// RUN: env TRACEMALLOC=1 TRACEMALLOC_SNAPSHOT_AT=main TRACEMALLOC_TOP=5 %t 2>&1 | FileCheck %s --match-full-lines
// RUN: env TRACEMALLOC=1 TRACEMALLOC_SNAPSHOT_AT=main TRACEMALLOC_TOP=5 %t exit 2>&1 | FileCheck %s --match-full-lines
// RUN: env TRACEMALLOC=1 TRACEMALLOC_SNAPSHOT_AT=exit TRACEMALLOC_TOP=5 %t 2>&1 | count 0
// RUN: %clang -O1 -g -fno-omit-frame-pointer %s -o %t.plain
// RUN: env LD_PRELOAD=%libdir/libtracemalloc.so TRACEMALLOC=1 TRACEMALLOC_SNAPSHOT_AT=main TRACEMALLOC_TOP=5 %t.plain 2>&1 | FileCheck %s --match-full-lines
// RUN: env LD_PRELOAD=%libdir/libtracemalloc.so TRACEMALLOC=1 TRACEMALLOC_TOP=5 %t.plain 2>&1 | count 0
// TRACEMALLOC_SNAPSHOT_AT=main takes the exit snapshot when main returns
// or calls exit(), before the handlers registered before main ran (here
// one from a constructor) and the destructor functions, which free the
// blocks; at the default moment, exit, they are gone.  It works whether
// tmcc linked the runtime or LD_PRELOAD loaded it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *early[4], *late[3];

static void free_early(void) {
  for (int i = 0; i < 4; i++)
    free(early[i]);
}

__attribute__((constructor)) static void before_main(void) {
  atexit(free_early);
}

__attribute__((destructor)) static void after_main(void) {
  for (int i = 0; i < 3; i++)
    free(late[i]);
}

int main(int argc, char **argv) {
  for (int i = 0; i < 4; i++)
    early[i] = malloc(100); // line 35
  for (int i = 0; i < 3; i++)
    late[i] = malloc(30); // line 37
  if (argc > 1 && strcmp(argv[1], "exit") == 0)
    exit(0);
  return 0;
}
// CHECK:      {{.*}}snapshot-at-main.c:35: size=400 B, count=4, average=100 B
// CHECK-NEXT: {{.*}}snapshot-at-main.c:37: size=90 B, count=3, average=30 B
// CHECK-NOT:  {{.}}
