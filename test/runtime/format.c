// RUN: %tmcc -O1 %s -o %t && %t | FileCheck %s
// tm_stat_format prints what Python's str(Statistic) prints for the same
// size and count, unit boundaries and round-half-even included (expected
// text produced by CPython's tracemalloc._format_size).
#include <stdio.h>
#include <tracemalloc.h>

static void show(size_t size, size_t count) {
  tm_frame frame = {"lib/x.c", 7};
  tm_traceback tb = {1, 1, &frame};
  tm_stat stat = {.size = size, .count = count, .traceback = &tb};
  char buf[256];
  tm_stat_format(&stat, buf, sizeof buf);
  puts(buf);
}

int main(void) {
  show(0, 0);        // CHECK: lib/x.c:7: size=0 B, count=0{{$}}
  show(1023, 1);     // CHECK-NEXT: lib/x.c:7: size=1023 B, count=1, average=1023 B
  show(10239, 2);    // CHECK-NEXT: lib/x.c:7: size=10239 B, count=2, average=5120 B
  show(10240, 3);    // CHECK-NEXT: lib/x.c:7: size=10.0 KiB, count=3, average=3413 B
  show(64000, 1000); // CHECK-NEXT: lib/x.c:7: size=62.5 KiB, count=1000, average=64 B
  show(102399, 1);   // CHECK-NEXT: lib/x.c:7: size=100.0 KiB, count=1, average=100.0 KiB
  show(102400, 1);   // CHECK-NEXT: lib/x.c:7: size=100 KiB, count=1, average=100 KiB
  show(1048575, 1);  // CHECK-NEXT: lib/x.c:7: size=1024 KiB, count=1, average=1024 KiB
  show(10485760, 1); // CHECK-NEXT: lib/x.c:7: size=10.0 MiB, count=1, average=10.0 MiB
  show(125, 2);      // CHECK-NEXT: lib/x.c:7: size=125 B, count=2, average=62 B
  show(7, 2);        // CHECK-NEXT: lib/x.c:7: size=7 B, count=2, average=4 B
  show(123456789012345ull, 1); // CHECK-NEXT: lib/x.c:7: size=112 TiB, count=1, average=112 TiB

  // snprintf-style: the length of the whole text, even when cut.
  tm_frame frame = {"a.c", 1};
  tm_traceback tb = {1, 1, &frame};
  tm_stat stat = {.size = 5, .count = 1, .traceback = &tb};
  char small[8];
  int n = tm_stat_format(&stat, small, sizeof small);
  printf("%d [%s] %d\n", n, small, tm_stat_format(NULL, small, sizeof small));
  // CHECK-NEXT: 37 [a.c:1: ] -1
  return 0;
}
