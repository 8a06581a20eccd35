; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s
; Without debug info a site has flags 1 (TM_SITE_NO_DEBUG_INFO), line 0 and column 0, the module's source_filename as its file, an empty directory and the enclosing function's IR name demangled (as the symbolizer names the frames of its callers), and the call still gets the hint sequence and the asm use, all without a location.

source_filename = "src/plain.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: [[FILE:@__tm_str[.0-9]*]] = private unnamed_addr constant [12 x i8] c"src/plain.c\00", align 1
; CHECK: [[DIR:@__tm_str[.0-9]*]] = private unnamed_addr constant [1 x i8] zeroinitializer, align 1
; CHECK: [[FN:@__tm_str[.0-9]*]] = private unnamed_addr constant [21 x i8] c"plain(unsigned long)\00", align 1
; CHECK: [[SITE:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, i16 1, i32 0, i32 0, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }, section "__tm_sites", align 8
; CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 5, i16 1, i32 0, i32 0, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }, section "__tm_sites", align 8

; CHECK-LABEL: define void @_Z5plainm(i64 %n)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1{{$}}
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0{{$}}
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]{{$}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint){{$}}
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8{{$}}
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null{{$}}
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[SITE]], ptr [[OLD]]{{$}}
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8{{$}}
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame){{$}}
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]], align 8{{$}}
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0){{$}}
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]{{$}}
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8{{$}}
; CHECK-NEXT:    br label %[[CALLBB]]{{$}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB]]:
; CHECK-NEXT:    [[PREV:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD]], %[[SETBB]] ], [ poison, %0 ]{{$}}
; CHECK-NEXT:    %p = call ptr @malloc(i64 %n){{$}}
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]{{$}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint){{$}}
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8{{$}}
; CHECK-NEXT:    br label %[[DONEBB]]{{$}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
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
