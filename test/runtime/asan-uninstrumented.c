// RUN: rm -rf %t && mkdir -p %t
// RUN: cd %inputs/runtime && %clang -fsanitize=address -O1 -g -fno-omit-frame-pointer -c vendor.c -o %t/vendor.o
// RUN: %tmcc -fsanitize=address -O1 %s %t/vendor.o -o %t/program
// RUN: env TRACEMALLOC=1 %t/program | FileCheck %s --check-prefix=ONE
// RUN: env TRACEMALLOC=3 %t/program | FileCheck %s --check-prefix=THREE
// Under AddressSanitizer, an allocation made by code built without the
// pass (here an object compiled by plain clang) is attributed as without a
// sanitizer: to the line that called malloc and the callers above it, not
// to the sanitizer's allocator, whose frames never show.
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

char *vendor_make_name(const char *prefix, int n);

__attribute__((noinline)) static char *make(void) {
  char *name = vendor_make_name("block", 1); // line 17
  __asm__ volatile("");
  return name;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  char *name = make(); // line 24
  const tm_traceback *tb = tm_get_object_traceback(name);
  printf("nframe=%zu\n", tb ? tb->nframe : 0);
  for (size_t i = 0; tb && i < tb->nframe; i++)
    printf("  %s:%u in %s\n", tb->frames[i].filename, tb->frames[i].lineno,
           tb->frames[i].function);
  free(name);
  return 0;
}
// ONE:      nframe=1
// ONE-NEXT:   {{.*}}vendor.c:8 in vendor_make_name

// Oldest first.
// THREE:      nframe=3
// THREE-NEXT:   {{.*}}asan-uninstrumented.c:24 in main
// THREE-NEXT:   {{.*}}asan-uninstrumented.c:17 in make
// THREE-NEXT:   {{.*}}vendor.c:8 in vendor_make_name
