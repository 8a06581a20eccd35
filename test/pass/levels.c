// RUN: %clang -O0 -gline-tables-only -fpass-plugin=%plugin -S -emit-llvm %s -o - \
// RUN:   | FileCheck %s --check-prefixes=CHECK,O0
// RUN: %clang -O2 -gline-tables-only -fpass-plugin=%plugin -S -emit-llvm %s -o - \
// RUN:   | FileCheck %s --check-prefixes=CHECK,O2
// Through clang -fpass-plugin the pass runs at -O0, where main is optnone, and at -O2, where the optimizer runs after it, with the same sites and the same direct call, hint sequence and asm use at both levels.

#include <stdlib.h>

// CHECK: [[FN:@__tm_str[.0-9]*]] = private unnamed_addr constant [5 x i8] c"main\00", align 1
// CHECK: [[SITE:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, i16 0, i32 [[#@LINE+23]], i32 13, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[FN]] }, section "__tm_sites", align 8
// CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 5, i16 0, i32 [[#@LINE+23]], i32 3, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[FN]] }, section "__tm_sites", align 8
// CHECK: @llvm.global_ctors = {{.*}}{ i32 1, ptr @tm.module_ctor, ptr @tm.module_ctor }

// CHECK-LABEL: define dso_local {{.*}}i32 @main()
// CHECK-SAME:   #[[MAIN:[0-9]+]]
// O0:         alloca ptr
// O2-NOT:     alloca
// CHECK:      [[ADDR:%[0-9]+]] = {{(tail )?}}call {{(align 8 )?}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
// CHECK-NEXT: [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]]
// CHECK-NEXT: [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
// CHECK-NEXT: [[SET:%[0-9]+]] = select i1 [[UNSET]], ptr [[SITE]], ptr [[OLD]]
// CHECK-NEXT: store volatile ptr [[SET]], ptr [[ADDR]]
// CHECK-NEXT: [[FADDR:%[0-9]+]] = {{(tail )?}}call {{(align 8 )?}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
// CHECK-NEXT: [[FOLD:%[0-9]+]] = load volatile ptr, ptr [[FADDR]]
// CHECK-NEXT: [[FRAME:%[0-9]+]] = {{(tail )?}}call ptr @llvm.frameaddress.p0(i32 0)
// CHECK-NEXT: [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
// CHECK-NEXT: store volatile ptr [[FSET]], ptr [[FADDR]]
// CHECK-NEXT: [[P:%[0-9]+]] = {{(tail )?}}call noalias {{(dereferenceable_or_null\(10\) )?}}ptr @malloc(i64 noundef 10)
// CHECK-NEXT: store volatile ptr [[OLD]], ptr [[ADDR]]
// CHECK-NEXT: {{(tail )?}}call void asm sideeffect "", "r"(ptr [[P]])
// CHECK:      call void @free(
int main(void) {
  char *p = malloc(10);
  free(p);
  return 0;
}

// O0:         attributes #[[MAIN]] = { noinline nounwind optnone
// O2:         attributes #[[MAIN]] = {
// O2-NOT:     optnone
// O2-SAME:    }
