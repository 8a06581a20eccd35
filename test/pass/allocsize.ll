; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s
; The allocation call stays a direct call with all its attributes, those of the declaration (allockind, allocsize, "alloc-family") and those of the call site (allocsize, builtin) alike, so the optimizer still knows what it allocates and how much.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; malloc as InferFunctionAttrs declares it: the call still names @malloc.
; CHECK-LABEL: define ptr @from_declaration(i64 %n)
; CHECK:         select i1 [[FUNSETC1:%[0-9]+]], ptr {{@__tm_site[.0-9]*}}, ptr %tm.hint.old
; CHECK-NEXT:    store volatile ptr %tm.hint, ptr
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[FUNSETC1]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    %p = call ptr @malloc(i64 %n){{$}}
; CHECK-NEXT:    store volatile ptr %tm.hint.old, ptr
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
define ptr @from_declaration(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}

; A declaration without attributes, a call site with allocsize.
; CHECK-LABEL: define ptr @from_call_site(i64 %n, i64 %m)
; CHECK:         select i1 [[FUNSETC2:%[0-9]+]], ptr {{@__tm_site[.0-9]*}}, ptr %tm.hint.old
; CHECK-NEXT:    store volatile ptr %tm.hint, ptr
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[FUNSETC2]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    %p = call ptr @calloc(i64 %n, i64 %m) #[[CALLOC:[0-9]+]]
; CHECK-NEXT:    store volatile ptr %tm.hint.old, ptr
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
define ptr @from_call_site(i64 %n, i64 %m) {
  %p = call ptr @calloc(i64 %n, i64 %m) #1
  ret ptr %p
}

; What clang emits for `new T`: both carry allocsize(0), the call site
; `builtin`, the declaration `nobuiltin`.  The call becomes an invoke (see
; may-throw.ll) of the same operator with the same attributes.
; CHECK-LABEL: define ptr @new_expression(i64 %n)
; CHECK:         select i1 [[FUNSETC3:%[0-9]+]], ptr {{@__tm_site[.0-9]*}}, ptr %tm.hint.old
; CHECK-NEXT:    store volatile ptr %tm.hint, ptr
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[FUNSETC3]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    %p{{[0-9]*}} = invoke noalias noundef nonnull ptr @_Znwm(i64 noundef %n) #[[NEW:[0-9]+]]
define ptr @new_expression(i64 %n) {
  %p = call noalias noundef nonnull ptr @_Znwm(i64 noundef %n) #2
  ret ptr %p
}

declare noalias ptr @malloc(i64 noundef) #0
declare ptr @calloc(i64, i64)
declare noundef nonnull ptr @_Znwm(i64 noundef) #3

; CHECK-DAG: declare noalias ptr @malloc(i64 noundef) #[[MALLOC:[0-9]+]]
; CHECK-DAG: declare ptr @calloc(i64, i64){{$}}
; CHECK-DAG: declare noundef nonnull ptr @_Znwm(i64 noundef) #[[NOBUILTIN:[0-9]+]]
; CHECK-DAG: attributes #[[MALLOC]] = { mustprogress nofree nounwind willreturn allockind("alloc,uninitialized") allocsize(0) memory(inaccessiblemem: readwrite) "alloc-family"="malloc" }
; CHECK-DAG: attributes #[[CALLOC]] = { nounwind allocsize(0,1) }
; CHECK-DAG: attributes #[[NEW]] = { builtin allocsize(0) }
; CHECK-DAG: attributes #[[NOBUILTIN]] = { nobuiltin allocsize(0) }
attributes #0 = { mustprogress nofree nounwind willreturn allockind("alloc,uninitialized") allocsize(0) memory(inaccessiblemem: readwrite) "alloc-family"="malloc" }
attributes #1 = { nounwind allocsize(0,1) }
attributes #2 = { builtin allocsize(0) }
attributes #3 = { nobuiltin allocsize(0) }
