// RUN: %clang -O2 -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s
// RUN: %clang -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=FOLDED
// At -O2 every allocation call the source makes is kept, still a direct call, because the pass hands its result to an empty asm with side effects; without the plugin clang deletes every one of them.

#include <stdlib.h>
#include <string.h>

// CHECK-LABEL: define dso_local {{.*}}i32 @duplicate()
// CHECK-NEXT:    [[ADDR:%[0-9]+]] = tail call {{.*}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
// CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]]
// CHECK:         select i1 [[FUNSETB1:%[0-9]+]], ptr
// CHECK-NEXT:    store volatile ptr
// CHECK-NEXT:    [[FADDR:%[0-9]+]] = tail call {{.*}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
// CHECK-NEXT:    [[FOLD:%[0-9]+]] = load volatile ptr, ptr [[FADDR]]
// CHECK-NEXT:    [[FRAME:%[0-9]+]] = tail call ptr @llvm.frameaddress.p0(i32 0)
// CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[FUNSETB1]], ptr [[FRAME]], ptr [[FOLD]]
// CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
// CHECK-NEXT:    [[S:%[0-9]+]] = tail call noalias {{.*}}ptr @strdup(ptr noundef nonnull @.str)
// CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
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
// CHECK-NEXT:    [[ADDR:%[0-9]+]] = tail call {{.*}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
// CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]]
// CHECK:         select i1 [[FUNSETB2:%[0-9]+]], ptr
// CHECK-NEXT:    store volatile ptr
// CHECK-NEXT:    [[FADDR:%[0-9]+]] = tail call {{.*}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
// CHECK-NEXT:    [[FOLD:%[0-9]+]] = load volatile ptr, ptr [[FADDR]]
// CHECK-NEXT:    [[FRAME:%[0-9]+]] = tail call ptr @llvm.frameaddress.p0(i32 0)
// CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[FUNSETB2]], ptr [[FRAME]], ptr [[FOLD]]
// CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
// CHECK-NEXT:    [[P:%[0-9]+]] = tail call noalias {{.*}}ptr @malloc(i64 noundef 16)
// CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
// CHECK-NEXT:    tail call void asm sideeffect "", "r"(ptr [[P]])
// CHECK-NEXT:    tail call void @free(ptr noundef [[P]])
// CHECK-NEXT:    ret void
// FOLDED-LABEL: define dso_local void @churn()
// FOLDED-NEXT:    ret void
void churn(void) { free(malloc(16)); }

// CHECK-LABEL: define dso_local void @leak()
// CHECK-NEXT:    [[ADDR:%[0-9]+]] = tail call {{.*}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
// CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]]
// CHECK:         select i1 [[FUNSETB3:%[0-9]+]], ptr
// CHECK-NEXT:    store volatile ptr
// CHECK-NEXT:    [[FADDR:%[0-9]+]] = tail call {{.*}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
// CHECK-NEXT:    [[FOLD:%[0-9]+]] = load volatile ptr, ptr [[FADDR]]
// CHECK-NEXT:    [[FRAME:%[0-9]+]] = tail call ptr @llvm.frameaddress.p0(i32 0)
// CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[FUNSETB3]], ptr [[FRAME]], ptr [[FOLD]]
// CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
// CHECK-NEXT:    [[P:%[0-9]+]] = tail call noalias {{.*}}ptr @malloc(i64 noundef 32)
// CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
// CHECK-NEXT:    tail call void asm sideeffect "", "r"(ptr [[P]])
// CHECK-NEXT:    ret void
// FOLDED-LABEL: define dso_local void @leak()
// FOLDED-NEXT:    ret void
void leak(void) { malloc(32); }

// CHECK-LABEL: define dso_local {{.*}}i32 @fails()
// CHECK-NEXT:    [[ADDR:%[0-9]+]] = tail call {{.*}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
// CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]]
// CHECK:         select i1 [[FUNSETB4:%[0-9]+]], ptr
// CHECK-NEXT:    store volatile ptr
// CHECK-NEXT:    [[FADDR:%[0-9]+]] = tail call {{.*}}ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
// CHECK-NEXT:    [[FOLD:%[0-9]+]] = load volatile ptr, ptr [[FADDR]]
// CHECK-NEXT:    [[FRAME:%[0-9]+]] = tail call ptr @llvm.frameaddress.p0(i32 0)
// CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[FUNSETB4]], ptr [[FRAME]], ptr [[FOLD]]
// CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
// CHECK-NEXT:    [[P:%[0-9]+]] = tail call noalias {{.*}}ptr @calloc(i64 noundef 4, i64 noundef 4)
// CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
// CHECK-NEXT:    tail call void asm sideeffect "", "r"(ptr [[P]])
// CHECK-NEXT:    icmp eq ptr [[P]], null
// FOLDED-LABEL: define dso_local {{.*}}i32 @fails()
// FOLDED-NEXT:    ret i32 0
int fails(void) { return calloc(4, 4) == NULL; }
