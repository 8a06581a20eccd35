// RUN: cd %S && %tmcc -O1 -ftm-no-auto-wrapper info-folded.c -o %t
// RUN: env TRACEMALLOC=3 TRACEMALLOC_DUMP=%t.dump %t
// RUN: %tmreport info %t.dump | FileCheck %s --check-prefix=INFO -DDUMP=%t.dump -DPROGRAM=%t
// RUN: %tmreport folded %t.dump | FileCheck %s --check-prefix=BYTES
// RUN: %tmreport folded --count %t.dump | FileCheck %s --check-prefix=BLOCKS
// RUN: %tmreport folded --exclude info-folded.c %t.dump | count 0
// RUN: cp %t.dump %t.copy && env TRACEMALLOC=1 TRACEMALLOC_DUMP=%t.dump %tmreport info %t.dump > /dev/null
// RUN: cmp %t.dump %t.copy
// tmreport info counts what a dump made by TRACEMALLOC_DUMP holds; folded
// prints one line per distinct traceback, frames oldest first as
// "function (file:line)", and its bytes or (--count) its blocks.  tmreport
// itself is never traced: TRACEMALLOC_DUMP in its environment does not
// overwrite the dump it reads.
#include <stdlib.h>

/* A call in tail position leaves no frame at -O1: keep each one. */
#define KEEP_FRAME() __asm__ volatile("")

void *blocks[20];

__attribute__((noinline)) void *leaf(size_t n) {
  return malloc(n); // line 22
}

__attribute__((noinline)) void *middle(size_t n) {
  void *p = leaf(n); // line 26
  KEEP_FRAME();
  return p;
}

__attribute__((noinline)) void *outer(size_t n) {
  void *p = middle(n); // line 32
  KEEP_FRAME();
  return p;
}

__attribute__((noinline)) void run(void) {
  for (int i = 0; i < 10; i++)
    blocks[i] = outer(64); // line 39
  for (int i = 10; i < 12; i++)
    blocks[i] = middle(1000); // line 41
  KEEP_FRAME();
}

int main(void) {
  run();
  return 0;
}
// INFO:      file: [[DUMP]]
// INFO-NEXT: format version: 5
// INFO-NEXT: program: [[PROGRAM]]
// INFO-NEXT: pid: {{[1-9][0-9]*}}
// INFO-NEXT: time: {{[0-9-]+ [0-9:.]+ [+-][0-9]{4} .+}}
// INFO-NEXT: tracing since: {{[0-9-]+ [0-9:.]+ [+-][0-9]{4} .+}}
// INFO-NEXT: traceback limit: 3
// INFO-NEXT: blocks: 12
// INFO-NEXT: size: 2640 B
// INFO-NEXT: distinct tracebacks: 2
// INFO-NEXT: allocation sites: 1
// INFO-NEXT: allocations since start: 12
// INFO-NEXT: allocated since start: 2640 B
// INFO-EMPTY:

// BYTES:      run (info-folded.c:41);middle (info-folded.c:26);leaf (info-folded.c:22) 2000
// BYTES-NEXT: outer (info-folded.c:32);middle (info-folded.c:26);leaf (info-folded.c:22) 640
// BYTES-EMPTY:

// BLOCKS:      run (info-folded.c:41);middle (info-folded.c:26);leaf (info-folded.c:22) 2
// BLOCKS-NEXT: outer (info-folded.c:32);middle (info-folded.c:26);leaf (info-folded.c:22) 10
