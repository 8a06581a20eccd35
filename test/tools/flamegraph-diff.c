// RUN: rm -rf %t && mkdir %t
// RUN: cd %S && %tmcc -O1 -ftm-no-auto-wrapper flamegraph-diff.c -o %t/prog
// RUN: cd %t && ./prog before.dump after.dump
// RUN: %tmreport flamegraph before.dump after.dump -o diff.svg
// RUN: xmllint --noout diff.svg
// RUN: FileCheck %s --check-prefix=DIFF < diff.svg
// RUN: %tmreport flamegraph --by-function before.dump after.dump -o merged.svg
// RUN: FileCheck %s --check-prefix=MERGED < merged.svg
// RUN: %tmreport flamegraph --count before.dump after.dump -o count.svg
// RUN: FileCheck %s --check-prefix=COUNT < count.svg
// RUN: %tmreport flamegraph after.dump after.dump -o same.svg
// RUN: grep -c 'fill="rgb(220,220,220)"' same.svg | FileCheck %s --check-prefix=GREY
// RUN: FileCheck %s --check-prefix=SAME < same.svg
// RUN: sh -c '%tmreport flamegraph before.dump after.dump after.dump -o none.svg 2> err; test $? -eq 2' && count 1 < err && FileCheck %s --check-prefix=THREE < err
// RUN: %tmreport flamegraph --help | FileCheck %s --check-prefix=HELP
// RUN: %tmreport html before.dump after.dump -o page.html
// RUN: FileCheck %s --check-prefix=PAGE < page.html
// tmreport flamegraph OLD NEW draws NEW as a differential flame graph:
// each frame as wide as in NEW's graph, coloured by how it changed since
// OLD (red: grew, blue: shrank, the deeper the larger the change against
// the larger of its two sizes; grey: unchanged), with both sizes and the
// change in its tooltip; the stacks only in OLD are counted under the
// graph, in the SVG file and in both graphs of tmreport html OLD NEW.  Here step() calls a function that appears, one that grows, one
// that stays, one that shrinks and one that vanishes, from four lines.
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

/* A call in tail position leaves no frame at -O1: keep each one. */
#define KEEP_FRAME() __asm__ volatile("")

static void *grown_blocks[3], *shrunk_blocks[4], *other[3];

__attribute__((noinline)) void appeared(int phase) {
  if (phase)
    other[0] = malloc(2000); // line 36
}

__attribute__((noinline)) void grown(int from, int to) {
  for (int i = from; i < to; i++)
    grown_blocks[i] = malloc(1000); // line 41
}

__attribute__((noinline)) void same(int phase) {
  if (!phase)
    other[1] = malloc(1000); // line 46
}

__attribute__((noinline)) void shrunk(int phase) {
  for (int i = phase; i < 4; i++)
    if (phase)
      free(shrunk_blocks[i]);
    else
      shrunk_blocks[i] = malloc(500); // line 54
}

__attribute__((noinline)) void vanished(int phase) {
  if (phase)
    free(other[2]);
  else
    other[2] = malloc(700); // line 61
}

__attribute__((noinline)) void step(int phase) {
  appeared(phase);                      // line 65
  grown(phase ? 1 : 0, phase ? 3 : 1); // line 66
  same(phase);                          // line 67
  shrunk(phase);                        // line 68
  vanished(phase);                      // line 69
  KEEP_FRAME();
}

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  tm_start(3);
  tm_snapshot *snapshots[2];
  for (int phase = 0; phase < 2; phase++) {
    step(phase); // line 79
    snapshots[phase] = tm_take_snapshot();
  }
  tm_stop();
  for (int phase = 0; phase < 2; phase++)
    if (tm_snapshot_dump(snapshots[phase], argv[1 + phase]) != 0) {
      printf("dump failed: %s\n", tm_last_error());
      return 1;
    }
  return 0;
}

// Each frame's size in NEW, its size in OLD and the change.  NEW holds
// 6500 bytes, OLD 4700: 1800/6500 of growth leave 210 * 4700/6500 = 152 of
// green and blue.  The 2000 bytes that appeared are 363.08 of 1180 pixels,
// full red.  1000 bytes grew to 3000: 2000/3000 of growth, 70 of green and
// blue.  2000 bytes shrank to 500: 1500/2000, 53 of red and green.
// DIFF:      Change in live bytes by traceback: red grew, blue shrank</text>
// DIFF:      <text class="gone" x="10" y="138">Not drawn, only in the old dump: 1 traceback, 700 bytes, 1 blocks</text>
// DIFF-NEXT: <g class="f" id="frame-0"><title>all
// DIFF-NEXT: 6500 bytes, 6 blocks, 100.00%
// DIFF-NEXT: old: 4700 bytes, 7 blocks
// DIFF-NEXT: change: +1800 bytes, -1 blocks</title><rect x="10.00" y="102.0" width="1180.00" height="15.0" fill="rgb(255,152,152)" rx="2"/>
// DIFF-NEXT: <g class="f" id="frame-1"><title>main (flamegraph-diff.c:79)
// DIFF:      <g class="f" id="frame-2"><title>step (flamegraph-diff.c:65)
// DIFF:      <g class="f" id="frame-3"><title>appeared (flamegraph-diff.c:36)
// DIFF-NEXT: 2000 bytes, 1 blocks, 30.77%
// DIFF-NEXT: old: 0 bytes, 0 blocks
// DIFF-NEXT: change: +2000 bytes, +1 blocks</title><rect x="10.00" y="54.0" width="363.08" height="15.0" fill="rgb(255,0,0)" rx="2"/>
// DIFF-NEXT: <g class="f" id="frame-4"><title>step (flamegraph-diff.c:66)
// DIFF:      <g class="f" id="frame-5"><title>grown (flamegraph-diff.c:41)
// DIFF-NEXT: 3000 bytes, 3 blocks, 46.15%
// DIFF-NEXT: old: 1000 bytes, 1 blocks
// DIFF-NEXT: change: +2000 bytes, +2 blocks</title><rect x="373.08" y="54.0" width="544.62" height="15.0" fill="rgb(255,70,70)" rx="2"/>
// DIFF-NEXT: <g class="f" id="frame-6"><title>step (flamegraph-diff.c:67)
// DIFF:      <g class="f" id="frame-7"><title>same (flamegraph-diff.c:46)
// DIFF-NEXT: 1000 bytes, 1 blocks, 15.38%
// DIFF-NEXT: old: 1000 bytes, 1 blocks
// DIFF-NEXT: change: +0 bytes, +0 blocks</title><rect x="917.69" y="54.0" width="181.54" height="15.0" fill="rgb(220,220,220)" rx="2"/>
// DIFF-NEXT: <g class="f" id="frame-8"><title>step (flamegraph-diff.c:68)
// DIFF:      <g class="f" id="frame-9"><title>shrunk (flamegraph-diff.c:54)
// DIFF-NEXT: 500 bytes, 1 blocks, 7.69%
// DIFF-NEXT: old: 2000 bytes, 4 blocks
// DIFF-NEXT: change: -1500 bytes, -3 blocks</title><rect x="1099.23" y="54.0" width="90.77" height="15.0" fill="rgb(53,53,255)" rx="2"/>
// DIFF-NEXT: <script

// By function, step's four lines are one frame of 6500 bytes, 4700 in
// OLD, the one of vanished() included; vanished() itself is still gone.
// MERGED:      <text class="gone" x="10" y="138">Not drawn, only in the old dump: 1 traceback, 700 bytes, 1 blocks</text>
// MERGED:      <g class="f" id="frame-2"><title>step
// MERGED-NEXT: 6500 bytes, 6 blocks, 100.00%
// MERGED-NEXT: old: 4700 bytes, 7 blocks
// MERGED-NEXT: change: +1800 bytes, -1 blocks</title><rect x="10.00" y="70.0" width="1180.00" height="15.0" fill="rgb(255,152,152)" rx="2"/>
// MERGED-NEXT: <g class="f" id="frame-3"><title>appeared
// MERGED-NEXT: 2000 bytes, 1 blocks, 30.77%
// MERGED:      <g class="f" id="frame-6"><title>shrunk
// MERGED-NEXT: 500 bytes, 1 blocks, 7.69%
// MERGED-NEXT: old: 2000 bytes, 4 blocks
// MERGED-NEXT: change: -1500 bytes, -3 blocks</title><rect x="1099.23" y="54.0" width="90.77" height="15.0" fill="rgb(53,53,255)" rx="2"/>
// MERGED-NEXT: <script

// By blocks, the whole shrank from 7 to 6 (210 * 6/7 = 180 of red and
// green), shrunk() from 4 to 1.
// COUNT:      Change in live blocks by traceback: red grew, blue shrank</text>
// COUNT:      <title>all
// COUNT-NEXT: 6500 bytes, 6 blocks, 100.00%
// COUNT-NEXT: old: 4700 bytes, 7 blocks
// COUNT-NEXT: change: +1800 bytes, -1 blocks</title><rect x="10.00" y="102.0" width="1180.00" height="15.0" fill="rgb(180,180,255)" rx="2"/>
// COUNT:      <title>shrunk (flamegraph-diff.c:54)
// COUNT-NEXT: 500 bytes, 1 blocks, 16.67%
// COUNT-NEXT: old: 2000 bytes, 4 blocks
// COUNT-NEXT: change: -1500 bytes, -3 blocks</title><rect x="993.33" y="54.0" width="196.67" height="15.0" fill="rgb(53,53,255)" rx="2"/>

// A dump compared with itself: every frame grey, nothing gone.
// SAME-NOT: class="gone"
// SAME-NOT: fill="rgb({{(255,[0-9]+,[0-9]+|[0-9]+,[0-9]+,255)}})"
// SAME:     <script
// GREY: 10

// THREE: tmreport: error: unexpected argument 'after.dump' (try 'tmreport flamegraph --help')
// HELP: usage: tmreport flamegraph [options] [OLD] DUMP -o FILE.svg
// HELP: --inverted
// HELP: --by-function

// PAGE:      <div id="graph-line">
// PAGE:      <text class="gone" x="10" y="138">Not drawn, only in the old dump: 1 traceback, 700 bytes, 1 blocks</text>
// PAGE:      <div id="graph-function" hidden>
// PAGE:      <text class="gone" x="10" y="138">Not drawn, only in the old dump: 1 traceback, 700 bytes, 1 blocks</text>
