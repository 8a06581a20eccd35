// RUN: cd %inputs/runtime/auto-wrapper && %tmcc -O2 -c alloc.c -o %t.alloc.o && %tmcc -O2 -c forward.c -o %t.forward.o
// RUN: cd %S && %tmcc -O2 -I%inputs/runtime/auto-wrapper -I%inputs/runtime auto-wrapper.c %t.alloc.o %t.forward.o -o %t
// RUN: %t | FileCheck %s
// RUN: env TRACEMALLOC=3 %t | FileCheck %s --check-prefix=DEEP
// RUN: cd %inputs/runtime/auto-wrapper && %tmcc -O0 -c alloc.c -o %t.alloc0.o && %tmcc -O0 -c forward.c -o %t.forward0.o
// RUN: cd %S && %tmcc -O0 -I%inputs/runtime/auto-wrapper -I%inputs/runtime auto-wrapper.c %t.alloc0.o %t.forward0.o -o %t.O0
// RUN: %t.O0 | FileCheck %s
// RUN: cd %inputs/runtime/auto-wrapper && %tmcc -O2 -ftm-no-auto-wrapper -c alloc.c -o %t.alloc.no.o && %tmcc -O2 -ftm-no-auto-wrapper -c forward.c -o %t.forward.no.o
// RUN: cd %S && %tmcc -O2 -ftm-no-auto-wrapper -I%inputs/runtime/auto-wrapper -I%inputs/runtime auto-wrapper.c %t.alloc.no.o %t.forward.no.o -o %t.no
// RUN: %t.no | FileCheck %s --check-prefix=OFF
// Wrappers found without being told: a function that returns the block it
// allocated charges its caller, whatever module the caller is in and
// however it reaches the wrapper (a direct call, a function pointer), and
// so does a chain of them, through modules that only forward what the
// wrapper returned.  A function that keeps its block is charged itself.
#include <stdio.h>
#include <tracemalloc.h>

#include "alloc.h"
#include "print_stats.h"

static void *keep[16];

__attribute__((noinline)) static void allocate_all(void) {
  for (int i = 0; i < 10; i++)
    keep[i] = checked_alloc(64); // line 26
  keep[10] = sized_alloc(100); // line 27
  keep[11] = copy_string("twelve bytes"); // line 28
  struct state g = {realloc_alloc, NULL};
  keep[12] = state_alloc(&g, 300); // line 30
  keep[13] = realloc_alloc(NULL, NULL, 0, 40); // line 31
  keep_alloc(7); // the allocation at alloc.c:40
  __asm__ volatile("");
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  if (!tm_is_tracing())
    tm_start(1);
  allocate_all(); // line 40
  print_stats();
  for (int i = 11; i <= 13; i++) { /* keep[10] is inside its block */
    const tm_traceback *tb = tm_get_object_traceback(keep[i]);
    printf("block %d:", i);
    for (size_t k = tb->nframe; k-- > 0;)
      printf(" %s:%u", tb->frames[k].filename, tb->frames[k].lineno);
    printf(" (%zu of %zu)", tb->nframe, tb->total_nframe);
    for (size_t k = tb->nframe; k < tb->nframe + tb->nwrapper; k++)
      printf(" through %s %s:%u", tb->frames[k].function,
             tb->frames[k].filename, tb->frames[k].lineno);
    printf("\n");
  }
  return 0;
}
// The module of this file has no allocation site of its own, so its
// symbolized frames name the file as the debug info does, in full.
// CHECK:      {{^(.*/)?}}auto-wrapper.c:26: size=640 B, count=10, average=64 B
// CHECK-NEXT: {{^(.*/)?}}auto-wrapper.c:30: size=300 B, count=1, average=300 B
// CHECK-NEXT: {{^(.*/)?}}auto-wrapper.c:27: size=108 B, count=1, average=108 B
// CHECK-NEXT: {{^(.*/)?}}auto-wrapper.c:31: size=40 B, count=1, average=40 B
// CHECK-NEXT: {{^(.*/)?}}auto-wrapper.c:28: size=13 B, count=1, average=13 B
// CHECK-NEXT: {{^}}alloc.c:40: size=7 B, count=1, average=7 B
// The wrappers skipped follow the traceback, outermost first.
// CHECK-NEXT: block 11: {{(.*/)?}}auto-wrapper.c:28 (1 of {{[0-9]+}}) through copy_string forward.c:12 through checked_alloc alloc.c:9{{$}}
// CHECK-NEXT: block 12: {{(.*/)?}}auto-wrapper.c:30 (1 of {{[0-9]+}}) through state_alloc forward.c:19 through realloc_alloc alloc.c:34{{$}}
// CHECK-NEXT: block 13: {{(.*/)?}}auto-wrapper.c:31 (1 of {{[0-9]+}}) through realloc_alloc alloc.c:34{{$}}
// CHECK-NOT: {{.}}

// Deeper tracebacks start at the first caller that is no wrapper.
// DEEP:      block 11: {{(.*/)?}}auto-wrapper.c:28 {{(.*/)?}}auto-wrapper.c:40 {{.*}} (3 of {{[0-9]+}}) through copy_string forward.c:12 through checked_alloc alloc.c:9{{$}}
// DEEP-NEXT: block 12: {{(.*/)?}}auto-wrapper.c:30 {{(.*/)?}}auto-wrapper.c:40 {{.*}} (3 of {{[0-9]+}}) through state_alloc forward.c:19 through realloc_alloc alloc.c:34{{$}}
// DEEP-NEXT: block 13: {{(.*/)?}}auto-wrapper.c:31 {{(.*/)?}}auto-wrapper.c:40 {{.*}} (3 of {{[0-9]+}}) through realloc_alloc alloc.c:34{{$}}

// -ftm-no-auto-wrapper: every block is charged to the line that called the
// allocator.
// OFF:      {{^}}alloc.c:9: size=653 B, count=11, average=59 B
// OFF-NEXT: {{^}}alloc.c:34: size=340 B, count=2, average=170 B
// OFF-NEXT: {{^}}alloc.c:17: size=108 B, count=1, average=108 B
// OFF-NEXT: {{^}}alloc.c:40: size=7 B, count=1, average=7 B
// OFF-NEXT: block 11: alloc.c:9 (1 of {{[0-9]+}}){{$}}
