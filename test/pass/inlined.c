// RUN: %clang -O2 -gline-tables-only -fpass-plugin=%plugin -I %inputs/pass -S -emit-llvm %s -o - \
// RUN:   | FileCheck %s
// A malloc in a static inline helper from a header keeps the helper's file, line, column and name after clang -O2 has inlined the helper into main.

#include "buffer.h"

// CHECK: [[FILE:@__tm_str[.0-9]*]] = private unnamed_addr constant [{{[0-9]+}} x i8] c"{{.*}}Inputs/pass/buffer.h\00", align 1
// CHECK: [[FN:@__tm_str[.0-9]*]] = private unnamed_addr constant [12 x i8] c"make_buffer\00", align 1
// CHECK: [[SITE:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, i16 0, i32 5, i32 10, ptr [[FILE]], ptr {{@__tm_str[.0-9]*}}, ptr [[FN]] }, section "__tm_sites", align 8

// CHECK-NOT: define {{.*}}@make_buffer
// CHECK-LABEL: define dso_local {{.*}}i32 @main()
// CHECK:         select i1 %{{[0-9]+}}, ptr [[SITE]], ptr %{{[0-9]+}}
// CHECK:         call ptr asm "", "=r,0"(ptr {{(nonnull )?}}@malloc)
// CHECK-NOT: define {{.*}}@make_buffer
int main(void) {
  char *p = make_buffer(64);
  p[0] = 0;
  free(p);
  return 0;
}
