; RUN: %opt -passes=verify -S %s -o %t.before.ll
; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s -o %t.after.ll
; RUN: diff %t.before.ll %t.after.ll
; RUN: FileCheck %s --implicit-check-not=__tm_ --implicit-check-not=tm.module_ctor < %t.after.ll
; A module that calls no allocation function is left unchanged, even if it declares malloc and calls functions whose names merely resemble one.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@buffer = global [64 x i8] zeroinitializer

; CHECK-LABEL: define i64 @work(ptr %s)
; CHECK-NEXT:    call void @llvm.memcpy.p0.p0.i64(ptr @buffer, ptr %s, i64 8, i1 false)
; CHECK-NEXT:    %len = call i64 @strlen(ptr @buffer)
; CHECK-NEXT:    %p = call ptr @my_malloc(i64 %len)
; CHECK-NEXT:    %t = call i32 @malloc_trim(i64 0)
; CHECK-NEXT:    ret i64 %len
define i64 @work(ptr %s) {
  call void @llvm.memcpy.p0.p0.i64(ptr @buffer, ptr %s, i64 8, i1 false)
  %len = call i64 @strlen(ptr @buffer)
  %p = call ptr @my_malloc(i64 %len)
  %t = call i32 @malloc_trim(i64 0)
  ret i64 %len
}

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare i64 @strlen(ptr)
declare ptr @my_malloc(i64)
declare i32 @malloc_trim(i64)
declare ptr @malloc(i64)
