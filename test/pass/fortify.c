// RUN: %clang -O2 -D_FORTIFY_SOURCE=2 -fpass-plugin=%plugin -S -emit-llvm %s -o - \
// RUN:   | FileCheck %s --check-prefixes=CHECK,PLUGIN
// RUN: %clang -O2 -D_FORTIFY_SOURCE=2 -S -emit-llvm %s -o - | FileCheck %s --check-prefixes=CHECK,NOPLUGIN
// At -O2 with _FORTIFY_SOURCE the plugin keeps every allocation, as a direct call to malloc (one on the path that traces, inside the hint sequence, one on the path that does not), and the optimizer still knows each heap block's size, as it does without the plugin: __builtin_object_size and __builtin_dynamic_object_size of a malloc'd pointer fold to the size asked for, and a strcpy into malloc(4) becomes __strcpy_chk with size 4.
//
// (Not __builtin_object_size(malloc(16), 0): clang folds that to 16 itself,
// from the alloc_size attribute, and never emits the call.)

#include <stdlib.h>
#include <string.h>

// CHECK-LABEL: define dso_local {{.*}}i64 @static_size()
// PLUGIN:        [[FLAG:%[0-9]+]] = load atomic i8, ptr @__tm_tracing unordered, align 1
// PLUGIN-NEXT:   [[OFF:%[0-9]+]] = icmp eq i8 [[FLAG]], 0
// PLUGIN-NEXT:   br i1 [[OFF]], label %[[UNTRACED:[0-9]+]], label %[[TRACED:[0-9]+]]
// PLUGIN:        {{^}}[[UNTRACED]]:
// PLUGIN-NEXT:   [[P0:%[0-9]+]] = tail call noalias {{.*}}ptr @malloc(i64 noundef 16)
// PLUGIN:        {{^}}[[TRACED]]:
// PLUGIN:        [[P1:%[0-9]+]] = tail call noalias {{.*}}ptr @malloc(i64 noundef 16)
// PLUGIN-NEXT:   store volatile ptr
// PLUGIN:        [[P:%[0-9]+]] = phi ptr [ [[P0]], %[[UNTRACED]] ], [ [[P1]], %[[TRACED]] ]
// PLUGIN-NEXT:   tail call void asm sideeffect "", "r"(ptr [[P]])
// PLUGIN-NEXT:   tail call void @free(ptr noundef [[P]])
// CHECK:         ret i64 16
size_t static_size(void) {
  char *p = malloc(16);
  size_t n = __builtin_object_size(p, 0);
  free(p);
  return n;
}

// CHECK-LABEL: define dso_local {{.*}}i64 @dynamic_size(i64 noundef {{(returned )?}}%0)
// PLUGIN:        [[FLAG:%[0-9]+]] = load atomic i8, ptr @__tm_tracing unordered, align 1
// PLUGIN-NEXT:   [[OFF:%[0-9]+]] = icmp eq i8 [[FLAG]], 0
// PLUGIN-NEXT:   br i1 [[OFF]], label %[[UNTRACED:[0-9]+]], label %[[TRACED:[0-9]+]]
// PLUGIN:        {{^}}[[UNTRACED]]:
// PLUGIN-NEXT:   [[P0:%[0-9]+]] = tail call noalias {{.*}}ptr @malloc(i64 noundef %0)
// PLUGIN:        {{^}}[[TRACED]]:
// PLUGIN:        [[P1:%[0-9]+]] = tail call noalias {{.*}}ptr @malloc(i64 noundef %0)
// PLUGIN-NEXT:   store volatile ptr
// PLUGIN:        [[P:%[0-9]+]] = phi ptr [ [[P0]], %[[UNTRACED]] ], [ [[P1]], %[[TRACED]] ]
// PLUGIN-NEXT:   tail call void asm sideeffect "", "r"(ptr [[P]])
// PLUGIN:        tail call void @free(ptr noundef [[P]])
// CHECK:         ret i64 %0
size_t dynamic_size(size_t k) {
  char *p = malloc(k);
  size_t n = __builtin_dynamic_object_size(p, 0);
  free(p);
  return n;
}

// CHECK-LABEL: define dso_local {{.*}}ptr @copy(ptr noundef %0)
// NOPLUGIN:      [[P:%[0-9]+]] = tail call noalias {{.*}}ptr @malloc(i64 noundef 4)
// PLUGIN:        [[FLAG:%[0-9]+]] = load atomic i8, ptr @__tm_tracing unordered, align 1
// PLUGIN-NEXT:   [[OFF:%[0-9]+]] = icmp eq i8 [[FLAG]], 0
// PLUGIN-NEXT:   br i1 [[OFF]], label %[[UNTRACED:[0-9]+]], label %[[TRACED:[0-9]+]]
// PLUGIN:        {{^}}[[UNTRACED]]:
// PLUGIN-NEXT:   [[P0:%[0-9]+]] = tail call noalias {{.*}}ptr @malloc(i64 noundef 4)
// PLUGIN:        {{^}}[[TRACED]]:
// PLUGIN:        [[P1:%[0-9]+]] = tail call noalias {{.*}}ptr @malloc(i64 noundef 4)
// PLUGIN-NEXT:   store volatile ptr
// PLUGIN:        [[P:%[0-9]+]] = phi ptr [ [[P0]], %[[UNTRACED]] ], [ [[P1]], %[[TRACED]] ]
// PLUGIN-NEXT:   tail call void asm sideeffect "", "r"(ptr [[P]])
// CHECK-NEXT:    tail call ptr @__strcpy_chk(ptr noundef nonnull [[P]], ptr noundef nonnull %0, i64 noundef 4)
char *copy(const char *s) {
  char *p = malloc(4);
  strcpy(p, s);
  return p;
}
