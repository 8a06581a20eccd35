// RUN: %tmcc -O1 %s -o %t && %t | FileCheck %s
// tm_track() refuses a size the traced total could not hold: more than
// 2^62 - 1 bytes in tracked blocks, all domains together (with the heap's
// blocks of 4 KiB or more, none here), is -1 with errno EINVAL and leaves
// tm_get_traced_memory() as it was.  Up to that much is traced, replacing
// a block counts only the difference, untracking gives the room back.
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <tracemalloc.h>

static size_t traced(void) {
  size_t current;
  tm_get_traced_memory(&current, NULL);
  return current;
}

static void track(const char *label, uintptr_t ptr, size_t size) {
  size_t before = traced();
  errno = 0;
  int r = tm_track(5, ptr, size);
  printf("%s: %d %s, traced %+lld\n", label, r,
         errno == EINVAL ? "EINVAL" : errno ? "other" : "0",
         (long long)(traced() - before));
}

int main(void) {
  /* No stdio buffer: the heap's blocks of 4 KiB or more count against the
   * same bound. */
  setvbuf(stdout, NULL, _IONBF, 0);
  tm_start(1);
  track("SIZE_MAX", 0x1000, SIZE_MAX);
  // CHECK: SIZE_MAX: -1 EINVAL, traced +0
  track("2^63", 0x2000, (size_t)1 << 63);
  // CHECK-NEXT: 2^63: -1 EINVAL, traced +0
  track("2^62 - 1", 0x3000, ((size_t)1 << 62) - 1);
  // CHECK-NEXT: 2^62 - 1: 0 0, traced +4611686018427387903
  track("1 more", 0x4000, 1);
  // CHECK-NEXT: 1 more: -1 EINVAL, traced +0
  track("replaced by 2^62 - 2", 0x3000, ((size_t)1 << 62) - 2);
  // CHECK-NEXT: replaced by 2^62 - 2: 0 0, traced -1
  track("1 more", 0x4000, 1);
  // CHECK-NEXT: 1 more: 0 0, traced +1
  tm_untrack(5, 0x3000);
  tm_untrack(5, 0x4000);
  track("after untracking, 2^62 - 1", 0x5000, ((size_t)1 << 62) - 1);
  // CHECK-NEXT: after untracking, 2^62 - 1: 0 0, traced +4611686018427387903
  return 0;
}
