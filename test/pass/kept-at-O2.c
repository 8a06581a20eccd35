// RUN: %clang -O2 -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s
// RUN: %clang -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=FOLDED
// At -O2 every allocation call the source makes is kept, still a direct call, because the pass hands its result to an empty asm with side effects; without the plugin clang deletes every one of them.  The optimizer gives the path that does not trace its own copy of the call and moves the restore of the hint into the path that does: the asm reads the PHI of both results.

#include <stdlib.h>
#include <string.h>

// CHECK-LABEL: define dso_local {{.*}}i32 @duplicate()
// CHECK-NEXT:    [[FLAG:%[0-9]+]] = load atomic i8, ptr @__tm_tracing unordered, align 1
// CHECK-NEXT:    [[OFF:%[0-9]+]] = icmp eq i8 [[FLAG]], 0
// CHECK-NEXT:    br i1 [[OFF]], label %[[UNTRACED:[0-9]+]], label %[[TRACED:[0-9]+]]
// CHECK-EMPTY:
// CHECK-NEXT:  {{^}}[[UNTRACED]]:
// CHECK-NEXT:    [[S0:%[0-9]+]] = tail call noalias {{.*}}ptr @strdup(ptr noundef nonnull @.str)
// CHECK-NEXT:    br label %[[JOIN:[0-9]+]]
// CHECK-EMPTY:
// CHECK-NEXT:  {{^}}[[TRACED]]:
// CHECK-NEXT:    [[ADDR:%[0-9]+]] = {{(tail )?}}call {{(align 8 )?}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
// CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
// CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
// CHECK-NEXT:    [[SET:%[0-9]+]] = select i1 [[UNSET]], ptr @__tm_site{{[.0-9]*}}, ptr [[OLD]]
// CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8
// CHECK-NEXT:    [[FADDR:%[0-9]+]] = {{(tail )?}}call {{(align 8 )?}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
// CHECK-NEXT:    [[FOLD:%[0-9]+]] = load volatile ptr, ptr [[FADDR]], align 8
// CHECK-NEXT:    [[FRAME:%[0-9]+]] = {{(tail )?}}call ptr @llvm.frameaddress.p0(i32 0)
// CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
// CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8
// CHECK-NEXT:    [[S1:%[0-9]+]] = tail call noalias {{.*}}ptr @strdup(ptr noundef nonnull @.str)
// CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]], align 8
// CHECK-NEXT:    br label %[[JOIN]]
// CHECK-EMPTY:
// CHECK-NEXT:  {{^}}[[JOIN]]:
// CHECK-NEXT:    [[S:%[0-9]+]] = phi ptr [ [[S0]], %[[UNTRACED]] ], [ [[S1]], %[[TRACED]] ]
// CHECK-NEXT:    tail call void asm sideeffect "", "r"(ptr [[S]])
// CHECK-NEXT:    [[NULL:%[0-9]+]] = icmp eq ptr [[S]], null
// CHECK-NEXT:    [[R:%[0-9]+]] = zext i1 [[NULL]] to i32
// CHECK-NEXT:    ret i32 [[R]]
// FOLDED-LABEL: define dso_local {{.*}}i32 @duplicate()
// FOLDED-NEXT:    ret i32 0
int duplicate(void) {
  char *s = strdup("hello");
  return s == NULL;
}

// CHECK-LABEL: define dso_local void @churn()
// CHECK-NEXT:    [[FLAG:%[0-9]+]] = load atomic i8, ptr @__tm_tracing unordered, align 1
// CHECK-NEXT:    [[OFF:%[0-9]+]] = icmp eq i8 [[FLAG]], 0
// CHECK-NEXT:    br i1 [[OFF]], label %[[UNTRACED:[0-9]+]], label %[[TRACED:[0-9]+]]
// CHECK-EMPTY:
// CHECK-NEXT:  {{^}}[[UNTRACED]]:
// CHECK-NEXT:    [[P0:%[0-9]+]] = tail call noalias {{.*}}ptr @malloc(i64 noundef 16)
// CHECK-NEXT:    br label %[[JOIN:[0-9]+]]
// CHECK-EMPTY:
// CHECK-NEXT:  {{^}}[[TRACED]]:
// CHECK-NEXT:    [[ADDR:%[0-9]+]] = {{(tail )?}}call {{(align 8 )?}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
// CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
// CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
// CHECK-NEXT:    [[SET:%[0-9]+]] = select i1 [[UNSET]], ptr @__tm_site{{[.0-9]*}}, ptr [[OLD]]
// CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8
// CHECK-NEXT:    [[FADDR:%[0-9]+]] = {{(tail )?}}call {{(align 8 )?}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
// CHECK-NEXT:    [[FOLD:%[0-9]+]] = load volatile ptr, ptr [[FADDR]], align 8
// CHECK-NEXT:    [[FRAME:%[0-9]+]] = {{(tail )?}}call ptr @llvm.frameaddress.p0(i32 0)
// CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
// CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8
// CHECK-NEXT:    [[P1:%[0-9]+]] = tail call noalias {{.*}}ptr @malloc(i64 noundef 16)
// CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]], align 8
// CHECK-NEXT:    br label %[[JOIN]]
// CHECK-EMPTY:
// CHECK-NEXT:  {{^}}[[JOIN]]:
// CHECK-NEXT:    [[P:%[0-9]+]] = phi ptr [ [[P0]], %[[UNTRACED]] ], [ [[P1]], %[[TRACED]] ]
// CHECK-NEXT:    tail call void asm sideeffect "", "r"(ptr [[P]])
// CHECK-NEXT:    tail call void @free(ptr noundef [[P]])
// CHECK-NEXT:    ret void
// FOLDED-LABEL: define dso_local void @churn()
// FOLDED-NEXT:    ret void
void churn(void) { free(malloc(16)); }

// CHECK-LABEL: define dso_local void @leak()
// CHECK-NEXT:    [[FLAG:%[0-9]+]] = load atomic i8, ptr @__tm_tracing unordered, align 1
// CHECK-NEXT:    [[OFF:%[0-9]+]] = icmp eq i8 [[FLAG]], 0
// CHECK-NEXT:    br i1 [[OFF]], label %[[UNTRACED:[0-9]+]], label %[[TRACED:[0-9]+]]
// CHECK-EMPTY:
// CHECK-NEXT:  {{^}}[[UNTRACED]]:
// CHECK-NEXT:    [[P0:%[0-9]+]] = tail call noalias {{.*}}ptr @malloc(i64 noundef 32)
// CHECK-NEXT:    br label %[[JOIN:[0-9]+]]
// CHECK-EMPTY:
// CHECK-NEXT:  {{^}}[[TRACED]]:
// CHECK-NEXT:    [[ADDR:%[0-9]+]] = {{(tail )?}}call {{(align 8 )?}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
// CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
// CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
// CHECK-NEXT:    [[SET:%[0-9]+]] = select i1 [[UNSET]], ptr @__tm_site{{[.0-9]*}}, ptr [[OLD]]
// CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8
// CHECK-NEXT:    [[FADDR:%[0-9]+]] = {{(tail )?}}call {{(align 8 )?}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
// CHECK-NEXT:    [[FOLD:%[0-9]+]] = load volatile ptr, ptr [[FADDR]], align 8
// CHECK-NEXT:    [[FRAME:%[0-9]+]] = {{(tail )?}}call ptr @llvm.frameaddress.p0(i32 0)
// CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
// CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8
// CHECK-NEXT:    [[P1:%[0-9]+]] = tail call noalias {{.*}}ptr @malloc(i64 noundef 32)
// CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]], align 8
// CHECK-NEXT:    br label %[[JOIN]]
// CHECK-EMPTY:
// CHECK-NEXT:  {{^}}[[JOIN]]:
// CHECK-NEXT:    [[P:%[0-9]+]] = phi ptr [ [[P0]], %[[UNTRACED]] ], [ [[P1]], %[[TRACED]] ]
// CHECK-NEXT:    tail call void asm sideeffect "", "r"(ptr [[P]])
// CHECK-NEXT:    ret void
// FOLDED-LABEL: define dso_local void @leak()
// FOLDED-NEXT:    ret void
void leak(void) { malloc(32); }

// CHECK-LABEL: define dso_local {{.*}}i32 @fails()
// CHECK-NEXT:    [[FLAG:%[0-9]+]] = load atomic i8, ptr @__tm_tracing unordered, align 1
// CHECK-NEXT:    [[OFF:%[0-9]+]] = icmp eq i8 [[FLAG]], 0
// CHECK-NEXT:    br i1 [[OFF]], label %[[UNTRACED:[0-9]+]], label %[[TRACED:[0-9]+]]
// CHECK-EMPTY:
// CHECK-NEXT:  {{^}}[[UNTRACED]]:
// CHECK-NEXT:    [[P0:%[0-9]+]] = tail call noalias {{.*}}ptr @calloc(i64 noundef 4, i64 noundef 4)
// CHECK-NEXT:    br label %[[JOIN:[0-9]+]]
// CHECK-EMPTY:
// CHECK-NEXT:  {{^}}[[TRACED]]:
// CHECK-NEXT:    [[ADDR:%[0-9]+]] = {{(tail )?}}call {{(align 8 )?}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
// CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
// CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
// CHECK-NEXT:    [[SET:%[0-9]+]] = select i1 [[UNSET]], ptr @__tm_site{{[.0-9]*}}, ptr [[OLD]]
// CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8
// CHECK-NEXT:    [[FADDR:%[0-9]+]] = {{(tail )?}}call {{(align 8 )?}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
// CHECK-NEXT:    [[FOLD:%[0-9]+]] = load volatile ptr, ptr [[FADDR]], align 8
// CHECK-NEXT:    [[FRAME:%[0-9]+]] = {{(tail )?}}call ptr @llvm.frameaddress.p0(i32 0)
// CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
// CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8
// CHECK-NEXT:    [[P1:%[0-9]+]] = tail call noalias {{.*}}ptr @calloc(i64 noundef 4, i64 noundef 4)
// CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]], align 8
// CHECK-NEXT:    br label %[[JOIN]]
// CHECK-EMPTY:
// CHECK-NEXT:  {{^}}[[JOIN]]:
// CHECK-NEXT:    [[P:%[0-9]+]] = phi ptr [ [[P0]], %[[UNTRACED]] ], [ [[P1]], %[[TRACED]] ]
// CHECK-NEXT:    tail call void asm sideeffect "", "r"(ptr [[P]])
// CHECK-NEXT:    icmp eq ptr [[P]], null
// FOLDED-LABEL: define dso_local {{.*}}i32 @fails()
// FOLDED-NEXT:    ret i32 0
int fails(void) { return calloc(4, 4) == NULL; }
