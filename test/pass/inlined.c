// RUN: %clang -O2 -gline-tables-only -fpass-plugin=%plugin -I %inputs/pass -S -emit-llvm %s -o - \
// RUN:   | FileCheck %s
// A malloc in a static inline helper from a header keeps the helper's file, line, column and name after clang -O2 has inlined the helper into main.

#include "buffer.h"

// CHECK: [[FILE:@__tm_str[.0-9]*]] = private unnamed_addr constant [{{[0-9]+}} x i8] c"{{.*}}Inputs/pass/buffer.h\00", align 1
// CHECK: [[FN:@__tm_str[.0-9]*]] = private unnamed_addr constant [12 x i8] c"make_buffer\00", align 1
// CHECK: [[SITE:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, i16 4, i32 5, i32 10, ptr [[FILE]], ptr {{@__tm_str[.0-9]*}}, ptr [[FN]] }, section "__tm_sites", align 8

// CHECK-NOT: define {{.*}}@make_buffer
// CHECK-LABEL: define dso_local {{.*}}i32 @main()
// CHECK-NEXT:    [[FLAG:%[0-9]+]] = load atomic i8, ptr @__tm_tracing unordered, align 1
// CHECK-NEXT:    [[OFF:%[0-9]+]] = icmp eq i8 [[FLAG]], 0
// CHECK-NEXT:    br i1 [[OFF]], label %[[UNTRACED:[0-9]+]], label %[[TRACED:[0-9]+]]
// CHECK-EMPTY:
// CHECK-NEXT:  {{^}}[[UNTRACED]]:
// CHECK-NEXT:    [[P0:%[0-9]+]] = tail call noalias {{.*}}ptr @malloc(i64 noundef 64)
// CHECK-NEXT:    br label %[[JOIN:[0-9]+]]
// CHECK-EMPTY:
// CHECK-NEXT:  {{^}}[[TRACED]]:
// CHECK-NEXT:    [[ADDR:%[0-9]+]] = {{(tail )?}}call {{(align 8 )?}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
// CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
// CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
// CHECK-NEXT:    [[SET:%[0-9]+]] = select i1 [[UNSET]], ptr [[SITE]], ptr [[OLD]]
// CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8
// CHECK-NEXT:    [[FADDR:%[0-9]+]] = {{(tail )?}}call {{(align 8 )?}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
// CHECK-NEXT:    [[FOLD:%[0-9]+]] = load volatile ptr, ptr [[FADDR]], align 8
// CHECK-NEXT:    [[FRAME:%[0-9]+]] = {{(tail )?}}call ptr @llvm.frameaddress.p0(i32 0)
// CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
// CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8
// CHECK-NEXT:    [[P1:%[0-9]+]] = tail call noalias {{.*}}ptr @malloc(i64 noundef 64)
// CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]], align 8
// CHECK-NEXT:    br label %[[JOIN]]
// CHECK-EMPTY:
// CHECK-NEXT:  {{^}}[[JOIN]]:
// CHECK-NEXT:    [[P:%[0-9]+]] = phi ptr [ [[P0]], %[[UNTRACED]] ], [ [[P1]], %[[TRACED]] ]
// CHECK-NEXT:    tail call void asm sideeffect "", "r"(ptr [[P]])
// CHECK-NOT: define {{.*}}@make_buffer
int main(void) {
  char *p = make_buffer(64);
  p[0] = 0;
  free(p);
  return 0;
}
