; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s
; Each C allocation function TargetLibraryInfo knows, glibc's __strdup and __strndup (kinds 11 and 12, as strdup and strndup) included, gets a site with its kind, line and column, stays a direct call inside the hint sequence and has its pointer result handed to an empty asm (posix_memalign, which returns an int, has none); free gets a site of kind 5 and no hint.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; Sites come in call order: { id 0, kind, flags 0, line, column, file, directory, function }.
; CHECK: %struct.tm_site = type { i32, i16, i16, i32, i32, ptr, ptr, ptr }
; CHECK: [[FILE:@__tm_str[.0-9]*]] = private unnamed_addr constant [8 x i8] c"alloc.c\00", align 1
; CHECK: [[DIR:@__tm_str[.0-9]*]] = private unnamed_addr constant [5 x i8] c"/src\00", align 1
; CHECK: [[FN:@__tm_str[.0-9]*]] = private unnamed_addr constant [11 x i8] c"use_malloc\00", align 1
; CHECK: [[MALLOC:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, i16 4, i32 10, i32 13, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }, section "__tm_sites", align 8
; CHECK: [[FN:@__tm_str[.0-9]*]] = {{.*}} c"use_calloc\00"
; CHECK: [[CALLOC:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 2, i16 4, i32 20, i32 14, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }
; CHECK: [[FN:@__tm_str[.0-9]*]] = {{.*}} c"use_realloc\00"
; CHECK: [[REALLOC:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 3, i16 4, i32 30, i32 15, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }
; CHECK: [[FN:@__tm_str[.0-9]*]] = {{.*}} c"use_aligned_alloc\00"
; CHECK: [[ALIGNED_ALLOC:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 6, i16 4, i32 40, i32 16, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }
; CHECK: [[FN:@__tm_str[.0-9]*]] = {{.*}} c"use_posix_memalign\00"
; CHECK: [[POSIX_MEMALIGN:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 7, i16 0, i32 50, i32 17, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }
; CHECK: [[FN:@__tm_str[.0-9]*]] = {{.*}} c"use_memalign\00"
; CHECK: [[MEMALIGN:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 8, i16 4, i32 60, i32 18, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }
; CHECK: [[FN:@__tm_str[.0-9]*]] = {{.*}} c"use_valloc\00"
; CHECK: [[VALLOC:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 9, i16 4, i32 70, i32 19, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }
; CHECK: [[FN:@__tm_str[.0-9]*]] = {{.*}} c"use_strdup\00"
; CHECK: [[STRDUP:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 11, i16 4, i32 80, i32 20, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }
; CHECK: [[FN:@__tm_str[.0-9]*]] = {{.*}} c"use_strndup\00"
; CHECK: [[STRNDUP:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 12, i16 4, i32 90, i32 21, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }
; CHECK: [[FN:@__tm_str[.0-9]*]] = private unnamed_addr constant [9 x i8] c"use_free\00", align 1
; CHECK: {{@__tm_site[.0-9]*}} = private global %struct.tm_site { i32 0, i16 5, i16 0, i32 100, i32 3, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }, section "__tm_sites", align 8
; CHECK: [[FN:@__tm_str[.0-9]*]] = {{.*}} c"use___strdup\00"
; CHECK: [[DUNDER_STRDUP:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 11, i16 4, i32 110, i32 22, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }
; CHECK: [[FN:@__tm_str[.0-9]*]] = {{.*}} c"use___strndup\00"
; CHECK: [[DUNDER_STRNDUP:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 12, i16 4, i32 120, i32 23, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }
; CHECK-NOT: @__tm_site{{[.0-9]*}} =

; The whole sequence, once: read the runtime's tracing flag; only while it
; is set, set the hint unless an outer site did; call malloc directly; put
; the old value back under the same test of the flag (the set block's load
; through the PHI, poison on the path that did not set it); hand the result
; to the empty asm that keeps the allocation.  malloc may throw here (no
; nounwind), but a C function without a personality has nowhere to put a
; cleanup: the call stays a call.
; CHECK-LABEL: define ptr @use_malloc(i64 %n)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1, !dbg [[LOC:![0-9]+]]
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0, !dbg [[LOC]]
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]], !dbg [[LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[LOC]]
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null, !dbg [[LOC]]
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[MALLOC]], ptr [[OLD]], !dbg [[LOC]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame), !dbg [[LOC]]
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0), !dbg [[LOC]]
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]], !dbg [[LOC]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    br label %[[CALLBB]], !dbg [[LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB]]:
; CHECK-NEXT:    [[PREV:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD]], %[[SETBB]] ], [ poison, %0 ]
; CHECK-NEXT:    %p = call ptr @malloc(i64 %n), !dbg [[LOC]]
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]], !dbg [[LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[LOC]]
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    br label %[[DONEBB]], !dbg [[LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p), !dbg [[LOC]]
; CHECK-NEXT:    ret ptr %p
define ptr @use_malloc(i64 %n) !dbg !10 {
  %p = call ptr @malloc(i64 %n), !dbg !11
  ret ptr %p
}

; The other functions: the same blocks, the site in the select, the same
; direct call with its arguments unchanged, the old value restored under
; the same test, the result kept.
; CHECK-LABEL: define ptr @use_calloc(i64 %n)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[CALLOC]], ptr [[OLD]]
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
; CHECK-NEXT:    %p = call ptr @calloc(i64 %n, i64 8)
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
; CHECK-NEXT:    ret ptr %p
define ptr @use_calloc(i64 %n) !dbg !20 {
  %p = call ptr @calloc(i64 %n, i64 8), !dbg !21
  ret ptr %p
}

; CHECK-LABEL: define ptr @use_realloc(ptr %q, i64 %n)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[REALLOC]], ptr [[OLD]]
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
; CHECK-NEXT:    %p = call ptr @realloc(ptr %q, i64 %n)
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
; CHECK-NEXT:    ret ptr %p
define ptr @use_realloc(ptr %q, i64 %n) !dbg !30 {
  %p = call ptr @realloc(ptr %q, i64 %n), !dbg !31
  ret ptr %p
}

; CHECK-LABEL: define ptr @use_aligned_alloc(i64 %n)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[ALIGNED_ALLOC]], ptr [[OLD]]
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
; CHECK-NEXT:    %p = call ptr @aligned_alloc(i64 64, i64 %n)
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
; CHECK-NEXT:    ret ptr %p
define ptr @use_aligned_alloc(i64 %n) !dbg !40 {
  %p = call ptr @aligned_alloc(i64 64, i64 %n), !dbg !41
  ret ptr %p
}

; posix_memalign returns an int, not the block: no asm use after it.
; CHECK-LABEL: define i32 @use_posix_memalign(ptr %out, i64 %n)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[POSIX_MEMALIGN]], ptr [[OLD]]
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
; CHECK-NEXT:    %r = call i32 @posix_memalign(ptr %out, i64 64, i64 %n)
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    ret i32 %r
define i32 @use_posix_memalign(ptr %out, i64 %n) !dbg !50 {
  %r = call i32 @posix_memalign(ptr %out, i64 64, i64 %n), !dbg !51
  ret i32 %r
}

; CHECK-LABEL: define ptr @use_memalign(i64 %n)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[MEMALIGN]], ptr [[OLD]]
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
; CHECK-NEXT:    %p = call ptr @memalign(i64 64, i64 %n)
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
; CHECK-NEXT:    ret ptr %p
define ptr @use_memalign(i64 %n) !dbg !60 {
  %p = call ptr @memalign(i64 64, i64 %n), !dbg !61
  ret ptr %p
}

; CHECK-LABEL: define ptr @use_valloc(i64 %n)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[VALLOC]], ptr [[OLD]]
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
; CHECK-NEXT:    %p = call ptr @valloc(i64 %n)
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
; CHECK-NEXT:    ret ptr %p
define ptr @use_valloc(i64 %n) !dbg !70 {
  %p = call ptr @valloc(i64 %n), !dbg !71
  ret ptr %p
}

; CHECK-LABEL: define ptr @use_strdup(ptr %s)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[STRDUP]], ptr [[OLD]]
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
; CHECK-NEXT:    %p = call ptr @strdup(ptr %s)
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
; CHECK-NEXT:    ret ptr %p
define ptr @use_strdup(ptr %s) !dbg !80 {
  %p = call ptr @strdup(ptr %s), !dbg !81
  ret ptr %p
}

; CHECK-LABEL: define ptr @use_strndup(ptr %s, i64 %n)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[STRNDUP]], ptr [[OLD]]
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
; CHECK-NEXT:    %p = call ptr @strndup(ptr %s, i64 %n)
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
; CHECK-NEXT:    ret ptr %p
define ptr @use_strndup(ptr %s, i64 %n) !dbg !90 {
  %p = call ptr @strndup(ptr %s, i64 %n), !dbg !91
  ret ptr %p
}

; A deallocation is recorded but neither sets the hint nor changes the call.
; CHECK-LABEL: define void @use_free(ptr %p)
; CHECK-NEXT:    call void @free(ptr %p), !dbg
; CHECK-NEXT:    ret void
define void @use_free(ptr %p) !dbg !100 {
  call void @free(ptr %p), !dbg !101
  ret void
}

; glibc's own names for strdup and strndup, which older glibc headers
; (bits/string2.h) call in their place.
; CHECK-LABEL: define ptr @use___strdup(ptr %s)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[DUNDER_STRDUP]], ptr [[OLD]]
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
; CHECK-NEXT:    %p = call ptr @__strdup(ptr %s)
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
; CHECK-NEXT:    ret ptr %p
define ptr @use___strdup(ptr %s) !dbg !110 {
  %p = call ptr @__strdup(ptr %s), !dbg !111
  ret ptr %p
}

; CHECK-LABEL: define ptr @use___strndup(ptr %s, i64 %n)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[DUNDER_STRNDUP]], ptr [[OLD]]
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
; CHECK-NEXT:    %p = call ptr @__strndup(ptr %s, i64 %n)
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
; CHECK-NEXT:    ret ptr %p
define ptr @use___strndup(ptr %s, i64 %n) !dbg !120 {
  %p = call ptr @__strndup(ptr %s, i64 %n), !dbg !121
  ret ptr %p
}

declare ptr @malloc(i64)
declare ptr @calloc(i64, i64)
declare ptr @realloc(ptr, i64)
declare ptr @aligned_alloc(i64, i64)
declare i32 @posix_memalign(ptr, i64, i64)
declare ptr @memalign(i64, i64)
declare ptr @valloc(i64)
declare ptr @strdup(ptr)
declare ptr @strndup(ptr, i64)
declare void @free(ptr)
declare ptr @__strdup(ptr)
declare ptr @__strndup(ptr, i64)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "alloc.c", directory: "/src")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !{i32 7, !"Dwarf Version", i32 5}
!4 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "use_malloc", scope: !1, file: !1, line: 9, type: !4, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DILocation(line: 10, column: 13, scope: !10)
!20 = distinct !DISubprogram(name: "use_calloc", scope: !1, file: !1, line: 19, type: !4, spFlags: DISPFlagDefinition, unit: !0)
!21 = !DILocation(line: 20, column: 14, scope: !20)
!30 = distinct !DISubprogram(name: "use_realloc", scope: !1, file: !1, line: 29, type: !4, spFlags: DISPFlagDefinition, unit: !0)
!31 = !DILocation(line: 30, column: 15, scope: !30)
!40 = distinct !DISubprogram(name: "use_aligned_alloc", scope: !1, file: !1, line: 39, type: !4, spFlags: DISPFlagDefinition, unit: !0)
!41 = !DILocation(line: 40, column: 16, scope: !40)
!50 = distinct !DISubprogram(name: "use_posix_memalign", scope: !1, file: !1, line: 49, type: !4, spFlags: DISPFlagDefinition, unit: !0)
!51 = !DILocation(line: 50, column: 17, scope: !50)
!60 = distinct !DISubprogram(name: "use_memalign", scope: !1, file: !1, line: 59, type: !4, spFlags: DISPFlagDefinition, unit: !0)
!61 = !DILocation(line: 60, column: 18, scope: !60)
!70 = distinct !DISubprogram(name: "use_valloc", scope: !1, file: !1, line: 69, type: !4, spFlags: DISPFlagDefinition, unit: !0)
!71 = !DILocation(line: 70, column: 19, scope: !70)
!80 = distinct !DISubprogram(name: "use_strdup", scope: !1, file: !1, line: 79, type: !4, spFlags: DISPFlagDefinition, unit: !0)
!81 = !DILocation(line: 80, column: 20, scope: !80)
!90 = distinct !DISubprogram(name: "use_strndup", scope: !1, file: !1, line: 89, type: !4, spFlags: DISPFlagDefinition, unit: !0)
!91 = !DILocation(line: 90, column: 21, scope: !90)
!100 = distinct !DISubprogram(name: "use_free", scope: !1, file: !1, line: 99, type: !4, spFlags: DISPFlagDefinition, unit: !0)
!101 = !DILocation(line: 100, column: 3, scope: !100)
!110 = distinct !DISubprogram(name: "use___strdup", scope: !1, file: !1, line: 109, type: !4, spFlags: DISPFlagDefinition, unit: !0)
!111 = !DILocation(line: 110, column: 22, scope: !110)
!120 = distinct !DISubprogram(name: "use___strndup", scope: !1, file: !1, line: 119, type: !4, spFlags: DISPFlagDefinition, unit: !0)
!121 = !DILocation(line: 120, column: 23, scope: !120)

; The inserted instructions carry the call's own location.
; CHECK: [[LOC]] = !DILocation(line: 10, column: 13,
