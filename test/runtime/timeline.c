// RUN: %tmcc -O1 %s -o %t && %t | FileCheck %s
// The traced memory over time: a program that grows to 4 MiB in 64 KiB
// blocks and shrinks back has a timeline that rises and falls with it,
// times in order, the last point at the snapshot with the exact peak, and
// a restart with tm_clear_traces.
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

enum { BLOCKS = 64, SIZE = 64 * 1024 };
static void *blocks[BLOCKS];

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  tm_start(1);
  for (int i = 0; i < BLOCKS; i++)
    blocks[i] = malloc(SIZE);
  for (int i = 0; i < BLOCKS - 8; i++)
    free(blocks[i]);
  tm_snapshot *snap = tm_take_snapshot();
  const tm_timeline_point *points;
  size_t n = tm_snapshot_timeline(snap, &points);
  size_t top = 0, current, peak;
  int ordered = 1;
  for (size_t i = 0; i < n; i++) {
    if (points[i].current > top)
      top = points[i].current;
    if (i && points[i].time_ns < points[i - 1].time_ns)
      ordered = 0;
  }
  tm_get_traced_memory(&current, &peak);
  printf("points>=32 %d ordered %d top %zu last current %zu peak %zu\n",
         n >= 32, ordered, top / SIZE, points[n - 1].current / SIZE,
         points[n - 1].peak / SIZE);
  // CHECK: points>=32 1 ordered 1 top 64 last current 8 peak 64
  printf("matches tm_get_traced_memory %d\n",
         points[n - 1].current == current && points[n - 1].peak == peak);
  // CHECK-NEXT: matches tm_get_traced_memory 1
  tm_snapshot_free(snap);

  tm_clear_traces();
  snap = tm_take_snapshot();
  n = tm_snapshot_timeline(snap, &points);
  printf("after clear: %zu point(s), current %zu\n", n, points[n - 1].current);
  // CHECK-NEXT: after clear: 1 point(s), current 0
  tm_snapshot_free(snap);
  printf("NULL: %zu\n", tm_snapshot_timeline(NULL, &points));
  // CHECK-NEXT: NULL: 0
  for (int i = BLOCKS - 8; i < BLOCKS; i++)
    free(blocks[i]);
  return 0;
}
