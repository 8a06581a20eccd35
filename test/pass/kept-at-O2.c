// RUN: %clang -O2 -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s
// RUN: %clang -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=FOLDED
// At -O2 every allocation the source makes is still called, with its result, although without the plugin clang folds each of these functions to a constant return.

#include <stdlib.h>
#include <string.h>

// CHECK-LABEL: define dso_local {{.*}}i32 @duplicate()
// CHECK:         [[F:%[0-9]+]] = tail call ptr asm "", "=r,0"(ptr nonnull @strdup)
// CHECK-NEXT:    [[S:%[0-9]+]] = tail call noalias ptr [[F]](ptr noundef nonnull @.str)
// CHECK-NEXT:    store volatile ptr
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
// CHECK:         [[F:%[0-9]+]] = tail call ptr asm "", "=r,0"(ptr nonnull @malloc)
// CHECK-NEXT:    [[P:%[0-9]+]] = tail call noalias ptr [[F]](i64 noundef 16)
// CHECK-NEXT:    store volatile ptr
// CHECK-NEXT:    tail call void @free(ptr noundef [[P]])
// CHECK-NEXT:    ret void
// FOLDED-LABEL: define dso_local void @churn()
// FOLDED-NEXT:    ret void
void churn(void) { free(malloc(16)); }

// CHECK-LABEL: define dso_local void @leak()
// CHECK:         [[F:%[0-9]+]] = tail call ptr asm "", "=r,0"(ptr nonnull @malloc)
// CHECK-NEXT:    tail call noalias ptr [[F]](i64 noundef 32)
// FOLDED-LABEL: define dso_local void @leak()
// FOLDED-NEXT:    ret void
void leak(void) { malloc(32); }

// CHECK-LABEL: define dso_local {{.*}}i32 @fails()
// CHECK:         [[F:%[0-9]+]] = tail call ptr asm "", "=r,0"(ptr nonnull @calloc)
// CHECK-NEXT:    [[P:%[0-9]+]] = tail call noalias ptr [[F]](i64 noundef 4, i64 noundef 4)
// CHECK-NEXT:    store volatile ptr
// CHECK-NEXT:    icmp eq ptr [[P]], null
// FOLDED-LABEL: define dso_local {{.*}}i32 @fails()
// FOLDED-NEXT:    ret i32 0
int fails(void) { return calloc(4, 4) == NULL; }
