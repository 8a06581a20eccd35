; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s -o %t.once.ll
; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,tracemalloc,verify" -S %s -o %t.twice.ll
; RUN: diff %t.once.ll %t.twice.ll
; RUN: %opt -passes=verify -S %t.once.ll -o %t.reread.ll
; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %t.once.ll -o %t.again.ll
; RUN: diff %t.reread.ll %t.again.ll
; RUN: FileCheck %s < %t.once.ll
; The pass is idempotent: a module that already has tm.module_ctor is left unchanged, so running it twice in one pipeline, or again on its own output, adds no site, hint sequence, asm use, cleanup or constructor, although the allocation calls it finds there are still direct calls to malloc and operator new.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; One run: three sites, one constructor.
; CHECK:     @__tm_site = private global %struct.tm_site { i32 0, i16 1,
; CHECK:     @__tm_site.{{[0-9]+}} = private global %struct.tm_site { i32 0, i16 5,
; CHECK:     @__tm_site.{{[0-9]+}} = private global %struct.tm_site { i32 0, i16 13,
; CHECK-NOT: @__tm_site{{[.0-9]*}} = private
; CHECK:     @llvm.global_ctors = appending global [1 x { i32, ptr, ptr }]

; CHECK-LABEL: define void @churn(i64 %n)
; CHECK-NEXT:    %tm.tracing = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 %tm.tracing, 0
; CHECK:         %p = call ptr @malloc(i64 %n)
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTORE:tm.hint.restore]], label %[[DONE:tm.hint.done]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTORE]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr %tm.hint.old, ptr [[ADDR]]
; CHECK-NEXT:    br label %[[DONE]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONE]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
; CHECK-NEXT:    call void @free(ptr %p)
; CHECK-NEXT:    %tm.tracing1 = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK:         [[Q:%q[0-9]*]] = invoke ptr @_Znwm(i64 %n)
; CHECK-NOT:     @__tm_tracing
; CHECK:         call void asm sideeffect "", "r"(ptr [[Q]])
; CHECK-NOT:     @__tm_tracing
; CHECK-NOT:     asm sideeffect
; CHECK:       tm.hint.unwind:
; CHECK-NOT:   tm.hint.unwind
; CHECK-LABEL: define linkonce_odr hidden void @tm.module_ctor()
; CHECK-NOT:   define {{.*}}@tm.module_ctor
define void @churn(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  call void @free(ptr %p)
  %q = call ptr @_Znwm(i64 %n)
  ret void
}

declare ptr @malloc(i64)
declare void @free(ptr)
declare ptr @_Znwm(i64)
