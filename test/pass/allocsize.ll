; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s
; The allocation call stays a direct call with all its attributes, those of the declaration (allockind, allocsize, "alloc-family") and those of the call site (allocsize, builtin) alike, so the optimizer still knows what it allocates and how much.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; malloc as InferFunctionAttrs declares it: the call still names @malloc.
; CHECK-LABEL: define ptr @from_declaration(i64 %n)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr {{@__tm_site[.0-9]*}}, ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]], align 8
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8
; CHECK-NEXT:    br label %[[CALLBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB]]:
; CHECK-NEXT:    [[PREV:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD]], %[[SETBB]] ], [ poison, %0 ]
; CHECK-NEXT:    %p = call ptr @malloc(i64 %n){{$}}
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
define ptr @from_declaration(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}

; A declaration without attributes, a call site with allocsize.
; CHECK-LABEL: define ptr @from_call_site(i64 %n, i64 %m)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr {{@__tm_site[.0-9]*}}, ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]], align 8
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8
; CHECK-NEXT:    br label %[[CALLBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB]]:
; CHECK-NEXT:    [[PREV:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD]], %[[SETBB]] ], [ poison, %0 ]
; CHECK-NEXT:    %p = call ptr @calloc(i64 %n, i64 %m) #[[CALLOC:[0-9]+]]
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
define ptr @from_call_site(i64 %n, i64 %m) {
  %p = call ptr @calloc(i64 %n, i64 %m) #1
  ret ptr %p
}

; What clang emits for `new T`: both carry allocsize(0), the call site
; `builtin`, the declaration `nobuiltin`.  The call becomes an invoke (see
; may-throw.ll) of the same operator with the same attributes.
; CHECK-LABEL: define ptr @new_expression(i64 %n)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr {{@__tm_site[.0-9]*}}, ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]], align 8
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8
; CHECK-NEXT:    br label %[[CALLBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB]]:
; CHECK-NEXT:    [[PREV:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD]], %[[SETBB]] ], [ poison, %0 ]
; CHECK-NEXT:    [[P:%p[0-9]*]] = invoke noalias noundef nonnull ptr @_Znwm(i64 noundef %n) #[[NEW:[0-9]+]]
; CHECK-NEXT:            to label %[[CONT:p.noexc]] unwind label %tm.hint.unwind
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT]]:
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
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
