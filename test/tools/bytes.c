// RUN: cd %S && %tmcc -O1 bytes.c -o %t && %t %t.old.dump %t.new.dump
// RUN: %tmreport top --bytes %t.new.dump | FileCheck %s --check-prefix=TOP
// RUN: %tmreport diff --bytes %t.old.dump %t.new.dump | FileCheck %s --check-prefix=DIFF
// RUN: %tmreport top %t.new.dump | FileCheck %s --check-prefix=ROUNDED
// tmreport top --bytes and diff --bytes: Python's text, its sizes exact in
// bytes instead of rounded to the unit (the average to the byte).
#include <stdlib.h>
#include <tracemalloc.h>

static void *keep[64];

int main(int argc, char **argv) {
  (void)argc;
  tm_start(1);
  for (int i = 0; i < 3; i++)
    keep[i] = malloc(12345); // line 16
  tm_snapshot *old = tm_take_snapshot();
  for (int i = 3; i < 13; i++)
    keep[i] = malloc(i % 2 ? 33 : 32); // line 19
  keep[13] = realloc(keep[0], 20000); // line 20
  tm_snapshot *now = tm_take_snapshot();
  int failed = tm_snapshot_dump(old, argv[1]) || tm_snapshot_dump(now, argv[2]);
  tm_snapshot_free(old);
  tm_snapshot_free(now);
  return failed;
}
// TOP:      bytes.c:16: size=24690 B, count=2, average=12345 B
// TOP-NEXT: bytes.c:20: size=20000 B, count=1, average=20000 B
// TOP-NEXT: bytes.c:19: size=325 B, count=10, average=32 B
// TOP-EMPTY:
// DIFF:      bytes.c:20: size=20000 B (+20000 B), count=1 (+1), average=20000 B
// DIFF-NEXT: bytes.c:16: size=24690 B (-12345 B), count=2 (-1), average=12345 B
// DIFF-NEXT: bytes.c:19: size=325 B (+325 B), count=10 (+10), average=32 B
// ROUNDED:   bytes.c:16: size=24.1 KiB, count=2, average=12.1 KiB
