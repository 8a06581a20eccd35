// RUN: rm -rf %t && mkdir -p %t
// RUN: cd %inputs/runtime && %clang -O1 -g -fno-omit-frame-pointer -c vendor.c -o %t/vendor.o
// RUN: llvm-ar rcs %t/libvendor.a %t/vendor.o
// RUN: cd %S && %tmcc -O1 static-library.c %t/libvendor.a -o %t/prog
// RUN: env TRACEMALLOC=2 %t/prog | FileCheck %s
// An allocation inside a static library that was not compiled with the
// pass is traced and attributed by its return address to the library's
// own source line, and with a deeper limit its caller in the program
// follows.
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

char *vendor_make_name(const char *prefix, int n);

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  char *names[3];
  for (int i = 0; i < 3; i++)
    names[i] = vendor_make_name("item", i); // line 20
  const tm_traceback *tb = tm_get_object_traceback(names[0]);
  for (size_t i = 0; i < tb->nframe; i++)
    printf("%s:%u in %s\n", tb->frames[i].filename, tb->frames[i].lineno,
           tb->frames[i].function);
  for (int i = 0; i < 3; i++)
    free(names[i]);
  return 0;
}
// Python's order: oldest frame first.
// CHECK:      static-library.c:20 in main
// CHECK-NEXT: vendor.c:8 in vendor_make_name
