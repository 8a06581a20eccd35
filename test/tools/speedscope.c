// RUN: rm -rf %t && mkdir %t
// RUN: cd %S && %tmcc -O1 -ftm-no-auto-wrapper speedscope.c -o %t/prog
// RUN: env TRACEMALLOC=4 TRACEMALLOC_DUMP=%t/heap.dump %t/prog
// RUN: %tmreport speedscope %t/heap.dump -o %t/heap.json
// RUN: python3 -m json.tool %t/heap.json > /dev/null
// RUN: FileCheck %s -DPROGRAM=%t/prog < %t/heap.json
// RUN: %tmreport speedscope --exclude '*speedscope.c' %t/heap.dump -o - | FileCheck %s --check-prefix=EMPTY
// RUN: sh -c '%tmreport speedscope %t/heap.dump 2> %t/err; test $? -eq 2' && FileCheck %s --check-prefix=NO-OUTPUT < %t/err
// RUN: %if speedscope-schema %{ /usr/bin/python3 %S/Inputs/validate_json.py %speedscope_schema %t/heap.json %}
// tmreport speedscope writes speedscope's own file format: the shared
// frames, each distinct (function, file, line) once, and two sampled
// profiles over the same stacks, root first, weighed by live bytes (unit
// bytes: 10 x 64 + 2 x 1000) and by live blocks; valid against
// speedscope's schema (from its npm package) where setup fetched it.
#include <stdlib.h>

#define KEEP_FRAME() __asm__ volatile("")

void *blocks[12];

__attribute__((noinline)) void *leaf(size_t n) {
  return malloc(n); // line 22
}

__attribute__((noinline)) void *outer(size_t n) {
  void *p = leaf(n); // line 26
  KEEP_FRAME();
  return p;
}

int main(void) {
  for (int i = 0; i < 10; i++)
    blocks[i] = outer(64); // line 33
  for (int i = 10; i < 12; i++)
    blocks[i] = leaf(1000); // line 35
  return 0;
}

// CHECK:      {"$schema": "https://www.speedscope.app/file-format-schema.json",
// CHECK-NEXT:  "name": "[[PROGRAM]]",
// CHECK-NEXT:  "exporter": "tmreport (tracemalloc for C) {{[0-9.]+}}",
// CHECK-NEXT:  "activeProfileIndex": 0,
// CHECK-NEXT:  "shared": {"frames": [
// CHECK-NEXT:   {"name": "__libc_start_call_main", {{.*}}},
// CHECK-NEXT:   {"name": "main", "file": "speedscope.c", "line": 35},
// CHECK-NEXT:   {"name": "leaf", "file": "speedscope.c", "line": 22},
// CHECK-NEXT:   {"name": "main", "file": "speedscope.c", "line": 33},
// CHECK-NEXT:   {"name": "outer", "file": "speedscope.c", "line": 26}]},
// CHECK-NEXT:  "profiles": [
// CHECK-NEXT:   {"type": "sampled", "name": "live bytes", "unit": "bytes", "startValue": 0, "endValue": 2640,
// CHECK-NEXT:    "samples": {{\[}}[0, 1, 2], [0, 3, 4, 2]],
// CHECK-NEXT:    "weights": [2000, 640]},
// CHECK-NEXT:   {"type": "sampled", "name": "live blocks", "unit": "none", "startValue": 0, "endValue": 12,
// CHECK-NEXT:    "samples": {{\[}}[0, 1, 2], [0, 3, 4, 2]],
// CHECK-NEXT:    "weights": [2, 10]}
// CHECK-NEXT:  ]}

// EMPTY: "shared": {"frames": []},
// EMPTY: "samples": [],
// EMPTY-NEXT: "weights": []},

// NO-OUTPUT: tmreport: error: 'tmreport speedscope' needs -o FILE.json
