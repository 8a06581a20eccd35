// RUN: cd %S && %tmcc -O1 timeline.c -o %t
// RUN: env TRACEMALLOC=1 TRACEMALLOC_DUMP=%t.dump %t > %t.out
// RUN: FileCheck %s --check-prefix=PROGRAM < %t.out
// RUN: %tmreport timeline %t.dump -o %t.svg --title 'Heap <over> time'
// RUN: python3 -c "import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])" %t.svg
// The peak label is Python's tracemalloc._format_size() of the peak the
// program saw, which the exit-time dump holds too.
// RUN: python3 -c "import sys,tracemalloc; print(tracemalloc._format_size(int(open(sys.argv[1]).read().split('peak=')[1]), False))" %t.out > %t.label
// RUN: sh -c 'FileCheck %s --check-prefix=SVG -DPEAK="$(cat %t.label)" -DBYTES="$(sed -n s/^peak=//p %t.out)" < %t.svg'
// The step line has a vertex per point of the dump's timeline and one
// more before each later point.
// RUN: python3 %inputs/dump_sections.py points %t.dump > %t.count
// RUN: python3 -c "import sys,xml.dom.minidom as m; v=len(m.parse(sys.argv[1]).getElementsByTagName('polyline')[0].getAttribute('points').split()); print('vertices', v, 'points', (v+1)//2)" %t.svg >> %t.count
// RUN: cat %t.count %t.svg | FileCheck %s --check-prefix=COUNT
// The same dump, the same file.
// RUN: %tmreport timeline %t.dump -o %t.again.svg --title 'Heap <over> time'
// RUN: cmp %t.svg %t.again.svg
// The same snapshot as a version 1 dump (no timeline), and as the newest
// version with an empty timeline.
// RUN: python3 %inputs/dump_sections.py rewrite %t.dump %t.v1.dump --version 1
// RUN: python3 %inputs/dump_sections.py rewrite %t.dump %t.empty.dump --empty-timeline
// RUN: %tmreport info %t.v1.dump | FileCheck %s --check-prefix=V1
// RUN: rm -f %t.none.svg
// RUN: sh -c '%tmreport timeline %t.v1.dump -o %t.none.svg 2> %t.err; test $? -eq 2' && count 1 < %t.err && FileCheck %s --check-prefix=NO-TIMELINE < %t.err
// RUN: sh -c '%tmreport timeline %t.empty.dump -o %t.none.svg 2> %t.err; test $? -eq 2' && count 1 < %t.err && FileCheck %s --check-prefix=NO-TIMELINE < %t.err
// RUN: test ! -e %t.none.svg
// RUN: sh -c '%tmreport timeline %t.dump 2> %t.err; test $? -eq 2' && count 1 < %t.err && FileCheck %s --check-prefix=NO-OUTPUT < %t.err
// RUN: sh -c '%tmreport timeline %t.dump -o %t.missing/t.svg 2> %t.err; test $? -eq 2' && count 1 < %t.err && FileCheck %s --check-prefix=UNWRITABLE < %t.err
// RUN: %tmreport timeline --help | FileCheck %s --check-prefix=HELP
// RUN: %tmreport --help | FileCheck %s --check-prefix=TOOL-HELP
// tmreport timeline draws the dump's timeline (current bytes over time)
// as a step line in one SVG file that parses as XML, with the peak as a
// dashed line labelled in Python's units and a "snapshot" marker.
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

#define BLOCK (64 * 1024)
#define NBLOCK 64 /* 4 MiB in all */

static void *blocks[NBLOCK];

int main(void) {
  puts("start"); // stdout's buffer is allocated now, before the peak
  for (int i = 0; i < NBLOCK; i++)
    blocks[i] = malloc(BLOCK);
  for (int i = 0; i < NBLOCK - 4; i++)
    free(blocks[i]);
  size_t current, peak;
  tm_get_traced_memory(&current, &peak);
  printf("grown: %d\npeak=%zu\n", peak >= (size_t)NBLOCK * BLOCK, peak);
  return 0;
}

// PROGRAM: start
// PROGRAM-NEXT: grown: 1
// PROGRAM-NEXT: peak={{[0-9]+}}

// SVG:      <svg version="1.1" xmlns="http://www.w3.org/2000/svg"
// SVG-NOT:  <script
// SVG:      Heap &lt;over&gt; time</text>
// The axes: round seconds and round sizes, 0 B at the bottom.
// SVG:      <g class="axes">
// SVG:      >0.{{0*}} s</text>
// SVG:      >0 B</text>
// SVG:      >1024 KiB</text>
// SVG:      >4096 KiB</text>
// SVG:      <polyline class="current"
// SVG:      <g class="peak">
// SVG-NEXT: <line {{.*}} stroke-dasharray=
// SVG-NEXT: <circle {{.*}}><title>peak [[BYTES]] bytes, first recorded at {{[0-9.]+}} s</title></circle>
// SVG-NEXT: <text {{.*}}>peak [[PEAK]]</text>
// SVG:      <g class="snapshot">
// SVG-NEXT: <line
// SVG-NEXT: <text {{.*}}>snapshot<title>
// SVG-NOT:  <script
// SVG:      </svg>
// SVG-EMPTY:

// COUNT: [[N:[0-9]+]]
// COUNT-NEXT: vertices {{[0-9]+}} points [[N]]
// COUNT: <title>current: [[N]] points</title>

// V1: format version: 1
// NO-TIMELINE: tmreport: error: {{.*}}.dump: no timeline in this dump (written by an older tracemalloc)
// NO-OUTPUT: tmreport: error: 'tmreport timeline' needs -o FILE.svg (try 'tmreport timeline --help')
// UNWRITABLE: tmreport: error: {{.*}}.missing/t.svg: cannot open: No such file or directory

// HELP: usage: tmreport timeline [options] DUMP -o FILE.svg
// HELP: -o, --output FILE
// HELP: --title TEXT
// HELP-NOT: --include
// TOOL-HELP: timeline   traced memory over time
