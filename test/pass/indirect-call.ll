; RUN: %opt -passes=verify -S %s -o %t.before.ll
; RUN: %opt -load-pass-plugin=%plugin -tracemalloc-auto-wrapper=false -passes="tracemalloc,verify" -S %s -o %t.after.ll
; RUN: diff %t.before.ll %t.after.ll
; RUN: FileCheck %s --implicit-check-not=__tm_ --implicit-check-not=tm.module_ctor < %t.after.ll
; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s --check-prefix=FORWARD --implicit-check-not=__tm_site_hint
; A call through a function pointer is left alone, even when the pointer is loaded from a global initialised with @malloc, so a module whose only allocations are indirect is not changed at all: no site, no hint, no constructor.
; Unless wrappers are found automatically: then the indirect call whose result its function returns is recorded, no hint set around it, as a forwarding call (kind 19, TM_KIND_FORWARD; flags 5: no debug info, returned), which a wrapper's caller found at its line is charged through.
; FORWARD: @__tm_site = private global %struct.tm_site { i32 0, i16 19, i16 5, i32 0, i32 0,
; FORWARD-NOT: @__tm_site.{{[0-9]+}} = private global
; FORWARD: define linkonce_odr hidden void @tm.module_ctor()

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
