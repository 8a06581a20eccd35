// RUN: cd %S && %tmcc -O0 sizes.c -o %t && env TRACEMALLOC=1 TRACEMALLOC_DUMP=%t.dump %t
// RUN: cd %S && %tmreport sizes %t.dump | FileCheck %s --match-full-lines --strict-whitespace
// RUN: cd %S && %tmreport sizes -n 1 --bytes %t.dump | FileCheck %s --check-prefix=ONE --match-full-lines --strict-whitespace
// RUN: %tmreport sizes --exclude '*sizes.c' %t.dump | count 0
// RUN: cd %S && %tmreport html %t.dump -o %t.html
// RUN: python3 %S/Inputs/html_check.py %t.html | FileCheck %s --check-prefix=PAGE
// RUN: FileCheck %s --check-prefix=BARS < %t.html
// RUN: not %tmreport sizes --key filename %t.dump 2>&1 | FileCheck %s --check-prefix=NO-KEY
// tmreport sizes and the page's histograms: a line's live blocks counted
// in buckets of block size that double (0-16, 17-32, 33-64 B...), each
// block in the bucket of its exact size (the bounds belong to the lower
// bucket), the empty buckets between the smallest and the biggest shown
// too; and the page's tables of allocations, the most calls first, with
// the allocations whose blocks are no longer alive.
#include <stdlib.h>

static const size_t sizes[] = {1,  16,  16,   17,   32,   33,
                               64, 65, 1000, 1024, 1025, 100000};
static void *mixed[12], *kept[10];

int main(void) {
  for (int i = 0; i < 12; i++)
    mixed[i] = malloc(sizes[i]); // line 23
  for (int i = 0; i < 100; i++) {
    void *p = malloc(48); // line 25
    if (i % 10 == 0)
      kept[i / 10] = p;
    else
      free(p);
  }
  return 0;
}
// CHECK:sizes.c:23: size=101 KiB, count=12, average=8608 B
// CHECK-NEXT:  block size (bytes)  blocks   bytes
// CHECK-NEXT:  0-16                     3      33  ##############################
// CHECK-NEXT:  17-32                    2      49  ####################
// CHECK-NEXT:  33-64                    2      97  ####################
// CHECK-NEXT:  65-128                   1      65  ##########
// CHECK-NEXT:  129-256                  0       0
// CHECK-NEXT:  257-512                  0       0
// CHECK-NEXT:  513-1024                 2    2024  ####################
// CHECK-NEXT:  1025-2048                1    1025  ##########
// CHECK-NEXT:  2049-4096                0       0
// CHECK-NEXT:  4097-8192                0       0
// CHECK-NEXT:  8193-16384               0       0
// CHECK-NEXT:  16385-32768              0       0
// CHECK-NEXT:  32769-65536              0       0
// CHECK-NEXT:  65537-131072             1  100000  ##########
// CHECK-EMPTY:
// CHECK-NEXT:sizes.c:25: size=480 B, count=10, average=48 B
// CHECK-NEXT:  block size (bytes)  blocks  bytes
// CHECK-NEXT:  33-64                   10    480  ##############################
// CHECK-EMPTY:
// CHECK-NOT:{{.}}

// ONE:sizes.c:23: size=103293 B, count=12, average=8608 B
// ONE-NEXT:  block size (bytes)  blocks   bytes
// ONE:  65537-131072             1  100000  ##########
// ONE-EMPTY:
// ONE-NOT:{{.}}

// PAGE:      h2: Allocated since tracing started, by line
// PAGE:      table allocated
// PAGE-NEXT: caption: 2 of 2 lines
// PAGE-NEXT:   size | % of total | count | average | not alive | file:line
// PAGE-NEXT:   101 KiB | 95.6% | 12 | 8608 B | 0 | sizes.c:23
// PAGE-NEXT:   4800 B | 4.4% | 100 | 48 B | 90 | sizes.c:25
// PAGE-NEXT: h2: Most allocation calls, by line
// PAGE-NEXT: table most-calls
// PAGE-NEXT: caption: 2 of 2 lines
// PAGE-NEXT:   size | % of total | count | average | not alive | file:line
// PAGE-NEXT:   4800 B | 4.4% | 100 | 48 B | 90 | sizes.c:25
// PAGE-NEXT:   101 KiB | 95.6% | 12 | 8608 B | 0 | sizes.c:23
// PAGE-NEXT: h2: Block sizes, by line
// PAGE-NEXT: p#sizes-note: The live blocks
// PAGE-NEXT: table sizes-1
// PAGE-NEXT: caption: sizes.c:23: 12 blocks, 103293 bytes
// PAGE-NEXT:   block size (bytes) | blocks | bytes |
// PAGE-NEXT:   0–16 | 3 | 33 |
// PAGE-NEXT:   17–32 | 2 | 49 |
// PAGE-NEXT:   33–64 | 2 | 97 |
// PAGE-NEXT:   65–128 | 1 | 65 |
// PAGE-NEXT:   129–256 | 0 | 0 |
// PAGE-NEXT:   257–512 | 0 | 0 |
// PAGE-NEXT:   513–1024 | 2 | 2024 |
// PAGE-NEXT:   1025–2048 | 1 | 1025 |
// PAGE-NEXT:   2049–4096 | 0 | 0 |
// PAGE-NEXT:   4097–8192 | 0 | 0 |
// PAGE-NEXT:   8193–16384 | 0 | 0 |
// PAGE-NEXT:   16385–32768 | 0 | 0 |
// PAGE-NEXT:   32769–65536 | 0 | 0 |
// PAGE-NEXT:   65537–131072 | 1 | 100000 |
// PAGE-NEXT: table sizes-2
// PAGE-NEXT: caption: sizes.c:25: 10 blocks, 480 bytes
// PAGE-NEXT:   block size (bytes) | blocks | bytes |
// PAGE-NEXT:   33–64 | 10 | 480 |
// PAGE-NEXT: h2: Flame graph
// PAGE:      well-formed and self-contained

// A bar is as long as its blocks against the fullest bucket's 3.
// BARS:      <table class="sizes" id="sizes-1">
// BARS:      <tr><td class="n">0&#8211;16</td><td class="n">3</td><td class="n">33</td><td class="bar"><span style="width: 8.00em"></span></td></tr>
// BARS-NEXT: <tr><td class="n">17&#8211;32</td><td class="n">2</td><td class="n">49</td><td class="bar"><span style="width: 5.33em"></span></td></tr>
// BARS:      <tr><td class="n">129&#8211;256</td><td class="n">0</td><td class="n">0</td><td class="bar"></td></tr>

// NO-KEY: tmreport: error: unknown option '--key' for 'tmreport sizes' (try 'tmreport sizes --help')
