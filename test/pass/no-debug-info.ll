; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s
; Without debug info a site has flags 1 (TM_SITE_NO_DEBUG_INFO), line 0 and column 0, the module's source_filename as its file, an empty directory and the enclosing function's IR name, and the call still gets the hint sequence and the asm use, all without a location.

source_filename = "src/plain.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: [[FILE:@__tm_str[.0-9]*]] = private unnamed_addr constant [12 x i8] c"src/plain.c\00", align 1
; CHECK: [[DIR:@__tm_str[.0-9]*]] = private unnamed_addr constant [1 x i8] zeroinitializer, align 1
; CHECK: [[FN:@__tm_str[.0-9]*]] = private unnamed_addr constant [10 x i8] c"_Z5plainm\00", align 1
; CHECK: [[SITE:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, i16 1, i32 0, i32 0, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }, section "__tm_sites", align 8
; CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 5, i16 1, i32 0, i32 0, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }, section "__tm_sites", align 8

; CHECK-LABEL: define void @_Z5plainm(i64 %n)
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint){{$}}
; CHECK:         select i1 [[FUNSET1:%[0-9]+]], ptr [[SITE]], ptr %tm.hint.old{{$}}
; CHECK-NEXT:    store volatile ptr %tm.hint, ptr [[ADDR]], align 8{{$}}
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame){{$}}
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]], align 8{{$}}
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0){{$}}
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[FUNSET1]], ptr [[FRAME]], ptr [[FOLD]]{{$}}
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8{{$}}
; CHECK-NEXT:    %p = call ptr @malloc(i64 %n){{$}}
; CHECK-NEXT:    store volatile ptr %tm.hint.old, ptr [[ADDR]], align 8{{$}}
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p){{$}}
; CHECK-NEXT:    call void @free(ptr %p)
; CHECK-NEXT:    ret void
define void @_Z5plainm(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  call void @free(ptr %p)
  ret void
}

declare ptr @malloc(i64)
declare void @free(ptr)
