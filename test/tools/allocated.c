// RUN: cd %S && %tmcc -O1 allocated.c -o %t && env TRACEMALLOC=3 TRACEMALLOC_DUMP=%t.dump %t
// RUN: cd %S && %tmreport top --allocated %t.dump | FileCheck %s --check-prefix=LINES
// RUN: %tmreport top %t.dump | FileCheck %s --check-prefix=LIVE
// RUN: %tmreport top --allocated --key filename --bytes %t.dump | FileCheck %s --check-prefix=FILES
// RUN: cd %S && %tmreport top --allocated --key traceback -n 1 %t.dump | FileCheck %s --check-prefix=TRACEBACK
// RUN: %tmreport top --allocated --exclude '*allocated.c' %t.dump 2>&1 | FileCheck %s --check-prefix=NONE
// RUN: python3 %inputs/dump_sections.py rewrite %t.dump %t.v3.dump --version 3
// RUN: %tmreport top --allocated %t.v3.dump 2>&1 | FileCheck %s --check-prefix=NONE
// RUN: not %tmreport top --allocated --json %t.dump 2>&1 | FileCheck %s --check-prefix=JSON
// tmreport top --allocated: what was allocated since tracing started,
// freed blocks too, as statistics by line, file or traceback (Python's
// text and order), where plain top shows only what is alive.
#include <stdlib.h>

static void *keep[10];

__attribute__((noinline)) static void churn(void) {
  for (int i = 0; i < 1000; i++)
    free(malloc(64)); // line 19
  __asm__ volatile("");
}

int main(void) {
  churn(); // line 24
  for (int i = 0; i < 10; i++)
    keep[i] = malloc(100); // line 26
  return 0;
}
// LINES:      allocated.c:19: size=62.5 KiB, count=1000, average=64 B
// LINES-NEXT: allocated.c:26: size=1000 B, count=10, average=100 B
// LINES-EMPTY:
// LIVE:       allocated.c:26: size=1000 B, count=10, average=100 B
// LIVE-EMPTY:
// FILES:      allocated.c:0: size=65000 B, count=1010, average=64 B
// TRACEBACK:      {{.*}}: size=62.5 KiB, count=1000, average=64 B
// TRACEBACK:        File "allocated.c", line 24
// TRACEBACK-NEXT:     churn(); // line 24
// TRACEBACK-NEXT:   File "allocated.c", line 19
// TRACEBACK-NEXT:     free(malloc(64)); // line 19
// NONE: tmreport: note: no allocations to show
// JSON: tmreport: error: --allocated does not go with --json
