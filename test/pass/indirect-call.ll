; RUN: %opt -passes=verify -S %s -o %t.before.ll
; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s -o %t.after.ll
; RUN: diff %t.before.ll %t.after.ll
; RUN: FileCheck %s --implicit-check-not=__tm_ --implicit-check-not=tm.module_ctor < %t.after.ll
; A call through a function pointer is left alone, even when the pointer is loaded from a global initialised with @malloc, so a module whose only allocations are indirect is not changed at all: no site, no hint, no constructor.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@allocator = global ptr @malloc
@deallocator = global ptr @free

; CHECK-LABEL: define ptr @through_global(i64 %n)
; CHECK-NEXT:    %f = load ptr, ptr @allocator, align 8
; CHECK-NEXT:    %p = call ptr %f(i64 %n)
; CHECK-NEXT:    ret ptr %p
define ptr @through_global(i64 %n) {
  %f = load ptr, ptr @allocator, align 8
  %p = call ptr %f(i64 %n)
  ret ptr %p
}

; CHECK-LABEL: define void @through_argument(ptr %alloc, ptr %dealloc)
; CHECK-NEXT:    %p = call ptr %alloc(i64 16)
; CHECK-NEXT:    call void %dealloc(ptr %p)
; CHECK-NEXT:    ret void
define void @through_argument(ptr %alloc, ptr %dealloc) {
  %p = call ptr %alloc(i64 16)
  call void %dealloc(ptr %p)
  ret void
}

declare ptr @malloc(i64)
declare void @free(ptr)
