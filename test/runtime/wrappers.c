// RUN: cd %S && %tmcc -O2 -ftm-wrapper=make_buffer wrappers.c -o %t
// RUN: %t | FileCheck %s
// RUN: env TRACEMALLOC=2 %t | FileCheck %s --check-prefix=DEEP
// RUN: echo "-ftm-wrapper=x" > %t.rsp && not %tmcc @%t.rsp -c wrappers.c -o %t.o 2>&1 | FileCheck %s --check-prefix=RSP
// Functions that only wrap an allocator are transparent: a chain xmalloc
// -> xmalloc_impl -> malloc, marked with TM_ALLOCATOR, charges the caller's
// line; so does a function named with -ftm-wrapper; a wrapper called from
// code that sets no site (through a function pointer) charges the caller
// too, since the outermost site inside returns its block (auto-wrapper.c);
// with deeper tracebacks the wrapper frames are gone.
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

void *xmalloc_impl(size_t n) TM_ALLOCATOR(1);
void *xmalloc(size_t n) TM_ALLOCATOR(1);

__attribute__((noinline)) void *xmalloc_impl(size_t n) {
  void *p = malloc(n); // line 19
  if (!p)
    abort();
  return p;
}

__attribute__((noinline)) void *xmalloc(size_t n) {
  void *p = xmalloc_impl(n); // line 26
  __asm__ volatile(""); /* keep the frame: no tail call */
  return p;
}

__attribute__((noinline)) char *make_buffer(size_t n) {
  char *p = calloc(n, 1); // line 32
  __asm__ volatile("");
  return p;
}

static void *keep[8];

__attribute__((noinline)) static void allocate_all(void) {
  keep[0] = xmalloc(100); // line 40
  keep[1] = xmalloc(100); // line 41
  keep[2] = make_buffer(7); // line 42
  void *(*through_pointer)(size_t) = xmalloc;
  keep[3] = through_pointer(3); // line 44: no site set, xmalloc's own
  __asm__ volatile("");
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  if (!tm_is_tracing()) /* TRACEMALLOC=N may have started it deeper */
    tm_start(1);
  allocate_all(); // line 52
  tm_snapshot *snap = tm_take_snapshot();
  tm_stats *st = tm_snapshot_statistics(snap, TM_KEY_LINENO, false);
  char line[512];
  for (size_t i = 0; i < tm_stats_count(st); i++) {
    tm_stat_format(tm_stats_get(st, i), line, sizeof line);
    puts(line);
  }
  const tm_traceback *tb = tm_get_object_traceback(keep[0]);
  for (size_t i = 0; i < tb->nframe; i++)
    printf("frame %s:%u in %s\n", tb->frames[i].filename,
           tb->frames[i].lineno, tb->frames[i].function);
  tm_stats_free(st);
  tm_snapshot_free(snap);
  return 0;
}
// Equal sizes and counts: the bigger key (line 41) first, as in Python.
// The call through a pointer sets no site: the outermost site inside is
// xmalloc's call of xmalloc_impl, whose result xmalloc returns.
// CHECK:      wrappers.c:41: size=100 B, count=1, average=100 B
// CHECK-NEXT: wrappers.c:40: size=100 B, count=1, average=100 B
// CHECK-NEXT: wrappers.c:42: size=7 B, count=1, average=7 B
// CHECK-NEXT: wrappers.c:44: size=3 B, count=1, average=3 B
// CHECK-NEXT: frame wrappers.c:40 in allocate_all

// DEEP:      frame wrappers.c:52 in main
// DEEP-NEXT: frame wrappers.c:40 in allocate_all

// RSP: tmcc: error: '-ftm-wrapper=x' cannot come from a response file (@file): give it on the command line
