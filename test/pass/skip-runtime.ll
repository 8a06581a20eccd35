; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s
; A function whose name starts with __tm_ is never instrumented, while its neighbours in the same module are.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; Only the program's two calls have sites.
; CHECK: [[USER:@__tm_str[.0-9]*]] = private unnamed_addr constant [5 x i8] c"user\00", align 1
; CHECK: [[SITE:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, i16 1, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[USER]] }
; CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 5, i16 1, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[USER]] }
; CHECK-NOT: @__tm_site{{[.0-9]*}} = private
; CHECK: @llvm.compiler.used = appending global [2 x ptr]

; CHECK-LABEL: define ptr @__tm_runtime_alloc(i64 %n)
; CHECK-NEXT:    %p = call ptr @malloc(i64 %n)
; CHECK-NEXT:    call void @free(ptr %p)
; CHECK-NEXT:    %q = call ptr @malloc(i64 %n)
; CHECK-NEXT:    ret ptr %q
define ptr @__tm_runtime_alloc(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  call void @free(ptr %p)
  %q = call ptr @malloc(i64 %n)
  ret ptr %q
}

; CHECK-LABEL: define void @user(i64 %n)
; CHECK:         select i1 [[FUNSETB1:%[0-9]+]], ptr [[SITE]], ptr %tm.hint.old
; CHECK-NEXT:    store volatile ptr %tm.hint, ptr
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[FUNSETB1]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    %p = call ptr @malloc(i64 %n)
; CHECK-NEXT:    store volatile ptr %tm.hint.old, ptr
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
; CHECK-NEXT:    call void @free(ptr %p)
define void @user(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  call void @free(ptr %p)
  ret void
}

declare ptr @malloc(i64)
declare void @free(ptr)
