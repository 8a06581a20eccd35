// RUN: %clang -O0 -gline-tables-only -fpass-plugin=%plugin -S -emit-llvm %s -o - \
// RUN:   | FileCheck %s --check-prefixes=CHECK,O0 -DFP=2
// RUN: %clang -O2 -gline-tables-only -fpass-plugin=%plugin -S -emit-llvm %s -o - \
// RUN:   | FileCheck %s --check-prefixes=CHECK,O2 -DFP=0
// Through clang -fpass-plugin the pass runs at -O0, where main is optnone, and at -O2, where the optimizer runs after it, with the same sites, the same test of the tracing flag, set sequence, direct call, restore and asm use at both levels: -O0 keeps the pass's blocks (the restore under the same test as the set), -O2 gives the path that does not trace its own copy of the call and moves the restore into the path that does.  clang keeps frame pointers at -O0 and omits them at -O2, and the sites say so (TM_SITE_FRAME_POINTERS, 2).

#include <stdlib.h>

// CHECK: [[FN:@__tm_str[.0-9]*]] = private unnamed_addr constant [5 x i8] c"main\00", align 1
// CHECK: [[SITE:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, i16 [[FP]], i32 [[#@LINE+49]], i32 13, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[FN]] }, section "__tm_sites", align 8
// CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 5, i16 [[FP]], i32 [[#@LINE+49]], i32 3, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[FN]] }, section "__tm_sites", align 8
// CHECK: @llvm.global_ctors = {{.*}}{ i32 1, ptr @tm.module_ctor, ptr @tm.module_ctor }

// CHECK-LABEL: define dso_local {{.*}}i32 @main()
// CHECK-SAME:   #[[MAIN:[0-9]+]]
// O0:         alloca ptr
// O2-NOT:     alloca
// CHECK:      [[FLAG:%[0-9]+]] = load atomic i8, ptr @__tm_tracing unordered, align 1
// O0-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
// O0-NEXT:    br i1 [[ON]], label %[[SETBB:[0-9]+]], label %[[CALLBB:[0-9]+]]
// O2-NEXT:    [[OFF:%[0-9]+]] = icmp eq i8 [[FLAG]], 0
// O2-NEXT:    br i1 [[OFF]], label %[[UNTRACED:[0-9]+]], label %[[SETBB:[0-9]+]]
// O2-EMPTY:
// O2-NEXT:    {{^}}[[UNTRACED]]:
// O2-NEXT:    [[P0:%[0-9]+]] = tail call noalias {{(dereferenceable_or_null\(10\) )?}}ptr @malloc(i64 noundef 10)
// O2-NEXT:    br label %[[DONEBB:[0-9]+]]
// CHECK-EMPTY:
// CHECK-NEXT: {{^}}[[SETBB]]:
// CHECK-NEXT: [[ADDR:%[0-9]+]] = {{(tail )?}}call {{(align 8 )?}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
// CHECK-NEXT: [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]]
// CHECK-NEXT: [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
// CHECK-NEXT: [[SET:%[0-9]+]] = select i1 [[UNSET]], ptr [[SITE]], ptr [[OLD]]
// CHECK-NEXT: store volatile ptr [[SET]], ptr [[ADDR]]
// CHECK-NEXT: [[FADDR:%[0-9]+]] = {{(tail )?}}call {{(align 8 )?}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
// CHECK-NEXT: [[FOLD:%[0-9]+]] = load volatile ptr, ptr [[FADDR]]
// CHECK-NEXT: [[FRAME:%[0-9]+]] = {{(tail )?}}call ptr @llvm.frameaddress.p0(i32 0)
// CHECK-NEXT: [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
// CHECK-NEXT: store volatile ptr [[FSET]], ptr [[FADDR]]
// O0-NEXT:    br label %[[CALLBB]]
// O0-EMPTY:
// O0-NEXT:    {{^}}[[CALLBB]]:
// O0-NEXT:    [[PREV:%[0-9]+]] = phi ptr [ [[OLD]], %[[SETBB]] ], [ poison, %0 ]
// O0-NEXT:    [[P:%[0-9]+]] = call noalias ptr @malloc(i64 noundef 10)
// O0-NEXT:    br i1 [[ON]], label %[[RESTBB:[0-9]+]], label %[[DONEBB:[0-9]+]]
// O0-EMPTY:
// O0-NEXT:    {{^}}[[RESTBB]]:
// O0-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
// O0-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]]
// O0-NEXT:    br label %[[DONEBB]]
// O2-NEXT:    [[P1:%[0-9]+]] = tail call noalias {{(dereferenceable_or_null\(10\) )?}}ptr @malloc(i64 noundef 10)
// O2-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
// O2-NEXT:    br label %[[DONEBB]]
// CHECK-EMPTY:
// CHECK-NEXT: {{^}}[[DONEBB]]:
// O2-NEXT:    [[P:%[0-9]+]] = phi ptr [ [[P0]], %[[UNTRACED]] ], [ [[P1]], %[[SETBB]] ]
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
