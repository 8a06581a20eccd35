// RUN: cd %S && %tmcc -O1 -ftm-no-auto-wrapper flamegraph.c -o %t
// RUN: env TRACEMALLOC=4 TRACEMALLOC_DUMP=%t.dump %t
// RUN: %tmreport flamegraph %t.dump -o %t.svg --title 'Heap <at> exit'
// RUN: python3 -c "import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])" %t.svg
// RUN: FileCheck %s --check-prefix=SVG < %t.svg
// RUN: %tmreport flamegraph --count %t.dump -o %t.count.svg
// RUN: FileCheck %s --check-prefix=COUNT < %t.count.svg
// RUN: %tmreport flamegraph --inverted %t.dump -o %t.inverted.svg
// RUN: FileCheck %s --check-prefix=INVERTED < %t.inverted.svg
// RUN: %tmreport flamegraph --by-function %t.dump -o %t.function.svg
// RUN: xmllint --noout %t.inverted.svg %t.function.svg
// RUN: FileCheck %s --check-prefix=FUNCTION < %t.function.svg
// RUN: %tmreport flamegraph --exclude flamegraph.c %t.dump -o %t.empty.svg
// RUN: python3 -c "import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])" %t.empty.svg
// RUN: FileCheck %s --check-prefix=EMPTY < %t.empty.svg
// RUN: sh -c '%tmreport flamegraph %t.dump 2> %t.err; test $? -eq 2' && count 1 < %t.err && FileCheck %s --check-prefix=NO-OUTPUT < %t.err
// RUN: sh -c '%tmreport flamegraph %t.dump -o %t.missing/g.svg 2> %t.err; test $? -eq 2' && count 1 < %t.err && FileCheck %s --check-prefix=UNWRITABLE < %t.err
// RUN: %tmreport flamegraph --help | FileCheck %s --check-prefix=HELP
// A graph that cannot be written whole (here past a file size limit, with
// SIGXFSZ ignored so that write() fails instead) leaves the last good one
// in place and no temporary file beside it.
// RUN: cp %t.svg %t.good.svg
// RUN: sh -c "trap '' XFSZ; ulimit -f 1; %tmreport flamegraph %t.dump -o %t.svg --count 2> %t.err; test \$? -eq 2" && count 1 < %t.err && FileCheck %s --check-prefix=TOO-BIG < %t.err
// RUN: cmp %t.good.svg %t.svg
// RUN: not ls %t.svg.tmp.*
// tmreport flamegraph merges the tracebacks into a trie, oldest frame at
// the bottom (--inverted: at the top), children sorted by name, each
// frame as wide as its live bytes (--count: blocks) out of 1180 pixels,
// and writes one SVG file that parses as XML, with a <title> and an id
// per frame and an embedded script.  A frame is a function at a line;
// --by-function merges the lines of a function.
#include <stdlib.h>

/* A call in tail position leaves no frame at -O1: keep each one. */
#define KEEP_FRAME() __asm__ volatile("")

void *blocks[20];

__attribute__((noinline)) void *leaf(size_t n) {
  return malloc(n); // line 40
}

__attribute__((noinline)) void *outer(size_t n) {
  void *p = leaf(n); // line 44
  KEEP_FRAME();
  return p;
}

__attribute__((noinline)) void *middle(size_t n) {
  void *p = leaf(n); // line 50
  KEEP_FRAME();
  return p;
}

__attribute__((noinline)) void run(void) {
  for (int i = 0; i < 10; i++)
    blocks[i] = outer(64); // line 57
  for (int i = 10; i < 12; i++)
    blocks[i] = middle(1000); // line 59
  KEEP_FRAME();
}

int main(void) {
  run(); // line 64
  return 0;
}

// The heading, escaped; then the root, as wide as the whole graph.
// SVG:      <svg version="1.1" xmlns="http://www.w3.org/2000/svg" width="1200" height="164"
// SVG:      Heap &lt;at&gt; exit</text>
// SVG:      <text class="reset" x="10" y="44">reset zoom</text>
// SVG-NEXT: <text class="search" x="1190" y="44" text-anchor="end">search</text>
// SVG:      <g class="f" id="frame-0"><title>all
// SVG-NEXT: 2640 bytes, 12 blocks, 100.00%</title><rect x="10.00" y="118.0" width="1180.00" height="15.0" fill="rgb({{[0-9]+,[0-9]+,[0-9]+}})" rx="2"/><text x="13.00" y="129.5">all</text></g>
// SVG-NEXT: <g class="f" id="frame-1"><title>main (flamegraph.c:64)
// SVG-NEXT: 2640 bytes, 12 blocks, 100.00%</title><rect x="10.00" y="102.0" width="1180.00" height="15.0"
// Two frames of run (different lines), sorted by location: 640 and 2000 of
// 2640 bytes are 286.06 and 893.94 of 1180 pixels.
// SVG-NEXT: <g class="f" id="frame-2"><title>run (flamegraph.c:57)
// SVG-NEXT: 640 bytes, 10 blocks, 24.24%</title><rect x="10.00" y="86.0" width="286.06" height="15.0"
// SVG-NEXT: <g class="f" id="frame-3"><title>outer (flamegraph.c:44)
// SVG-NEXT: 640 bytes, 10 blocks, 24.24%</title><rect x="10.00" y="70.0" width="286.06" height="15.0"
// SVG-NEXT: <g class="f" id="frame-4"><title>leaf (flamegraph.c:40)
// SVG-NEXT: 640 bytes, 10 blocks, 24.24%</title><rect x="10.00" y="54.0" width="286.06" height="15.0" fill="[[LEAF:rgb\([0-9,]+\)]]" rx="2"/><text x="13.00" y="65.5">leaf</text></g>
// SVG-NEXT: <g class="f" id="frame-5"><title>run (flamegraph.c:59)
// SVG-NEXT: 2000 bytes, 2 blocks, 75.76%</title><rect x="296.06" y="86.0" width="893.94" height="15.0"
// SVG-NEXT: <g class="f" id="frame-6"><title>middle (flamegraph.c:50)
// SVG-NEXT: 2000 bytes, 2 blocks, 75.76%</title><rect x="296.06" y="70.0" width="893.94" height="15.0"
// SVG-NEXT: <g class="f" id="frame-7"><title>leaf (flamegraph.c:40)
// The same function, the same colour.
// SVG-NEXT: 2000 bytes, 2 blocks, 75.76%</title><rect x="296.06" y="54.0" width="893.94" height="15.0" fill="[[LEAF]]" rx="2"/>
// SVG-NEXT: <script type="text/ecmascript"><![CDATA[
// SVG:      function zoom(z) {
// SVG:      function search(term) {
// SVG:      ]]></script>
// SVG-NEXT: </svg>
// SVG-EMPTY:

// With --count, 10 and 2 of 12 blocks are 983.33 and 196.67 pixels.
// COUNT:      Live blocks by traceback</text>
// COUNT:      <title>run (flamegraph.c:57)
// COUNT-NEXT: 640 bytes, 10 blocks, 83.33%</title><rect x="10.00" y="86.0" width="983.33" height="15.0"
// COUNT:      <title>run (flamegraph.c:59)
// COUNT-NEXT: 2000 bytes, 2 blocks, 16.67%</title><rect x="993.33" y="86.0" width="196.67" height="15.0"

// Inverted, the same frames in the same order and at the same x, the
// root in the first row under the buttons (y 54), each callee a row
// below its caller.
// INVERTED:      <svg version="1.1" xmlns="http://www.w3.org/2000/svg" width="1200" height="164"
// INVERTED:      <g class="f" id="frame-0"><title>all
// INVERTED-NEXT: 2640 bytes, 12 blocks, 100.00%</title><rect x="10.00" y="54.0" width="1180.00" height="15.0"
// INVERTED-NEXT: <g class="f" id="frame-1"><title>main (flamegraph.c:64)
// INVERTED-NEXT: 2640 bytes, 12 blocks, 100.00%</title><rect x="10.00" y="70.0" width="1180.00" height="15.0"
// INVERTED-NEXT: <g class="f" id="frame-2"><title>run (flamegraph.c:57)
// INVERTED-NEXT: 640 bytes, 10 blocks, 24.24%</title><rect x="10.00" y="86.0" width="286.06" height="15.0"
// INVERTED-NEXT: <g class="f" id="frame-3"><title>outer (flamegraph.c:44)
// INVERTED-NEXT: 640 bytes, 10 blocks, 24.24%</title><rect x="10.00" y="102.0" width="286.06" height="15.0"
// INVERTED-NEXT: <g class="f" id="frame-4"><title>leaf (flamegraph.c:40)
// INVERTED-NEXT: 640 bytes, 10 blocks, 24.24%</title><rect x="10.00" y="118.0" width="286.06" height="15.0" fill="{{rgb\([0-9,]+\)}}" rx="2"/><text x="13.00" y="129.5">leaf</text></g>
// INVERTED-NEXT: <g class="f" id="frame-5"><title>run (flamegraph.c:59)
// INVERTED-NEXT: 2000 bytes, 2 blocks, 75.76%</title><rect x="296.06" y="86.0" width="893.94" height="15.0"
// INVERTED:      <g class="f" id="frame-7"><title>leaf (flamegraph.c:40)
// INVERTED-NEXT: 2000 bytes, 2 blocks, 75.76%</title><rect x="296.06" y="118.0" width="893.94" height="15.0"
// INVERTED-NEXT: <script

// By function, run's two lines are one frame of 640 + 2000 bytes, whose
// callees (middle first, by name) each keep their own leaf; the tooltips
// name the function without a line.
// FUNCTION:      <g class="f" id="frame-1"><title>main
// FUNCTION-NEXT: 2640 bytes, 12 blocks, 100.00%</title><rect x="10.00" y="102.0" width="1180.00" height="15.0"
// FUNCTION-NEXT: <g class="f" id="frame-2"><title>run
// FUNCTION-NEXT: 2640 bytes, 12 blocks, 100.00%</title><rect x="10.00" y="86.0" width="1180.00" height="15.0"
// FUNCTION-NEXT: <g class="f" id="frame-3"><title>middle
// FUNCTION-NEXT: 2000 bytes, 2 blocks, 75.76%</title><rect x="10.00" y="70.0" width="893.94" height="15.0"
// FUNCTION-NEXT: <g class="f" id="frame-4"><title>leaf
// FUNCTION-NEXT: 2000 bytes, 2 blocks, 75.76%</title><rect x="10.00" y="54.0" width="893.94" height="15.0"
// FUNCTION-NEXT: <g class="f" id="frame-5"><title>outer
// FUNCTION-NEXT: 640 bytes, 10 blocks, 24.24%</title><rect x="903.94" y="70.0" width="286.06" height="15.0"
// FUNCTION-NEXT: <g class="f" id="frame-6"><title>leaf
// FUNCTION-NEXT: 640 bytes, 10 blocks, 24.24%</title><rect x="903.94" y="54.0" width="286.06" height="15.0"
// FUNCTION-NEXT: <script

// Nothing left after filtering: a graph without frames.
// EMPTY:     Live bytes by traceback</text>
// EMPTY-NOT: <g class="f"
// EMPTY:     <script

// NO-OUTPUT: tmreport: error: 'tmreport flamegraph' needs -o FILE.svg (try 'tmreport flamegraph --help')
// UNWRITABLE: tmreport: error: {{.*}}.missing/g.svg: cannot open: No such file or directory
// TOO-BIG: tmreport: error: {{.*}}.svg: cannot write: File too large

// HELP: usage: tmreport flamegraph [options] [OLD] DUMP -o FILE.svg
// HELP: --count
// HELP: --inverted
// HELP: --by-function
// HELP: -o, --output FILE
// HELP: --title TEXT
