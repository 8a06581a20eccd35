; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s
; RUN: %opt -load-pass-plugin=%plugin -tracemalloc-auto-wrapper=false -passes="tracemalloc,verify" -S %inputs/pass/reallocarray-pvalloc-wrong-prototypes.ll \
; RUN:   | FileCheck %s --check-prefix=WRONG --implicit-check-not=__tm_ --implicit-check-not=tm.module_ctor
; reallocarray (kind 4) and pvalloc (kind 10), which TargetLibraryInfo does not know, are recognised by name only with their glibc prototypes.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: [[REALLOCARRAY:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 4, i16 4, i32 3, i32 10,
; CHECK: [[PVALLOC:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 10, i16 4, i32 4, i32 10,

; CHECK-LABEL: define ptr @grow(ptr %q, i64 %n)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[REALLOCARRAY]], ptr [[OLD]]
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
; CHECK-NEXT:    %p = call ptr @reallocarray(ptr %q, i64 %n, i64 16)
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
define ptr @grow(ptr %q, i64 %n) !dbg !10 {
  %p = call ptr @reallocarray(ptr %q, i64 %n, i64 16), !dbg !11
  ret ptr %p
}

; CHECK-LABEL: define ptr @page(i64 %n)
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[PVALLOC]], ptr [[OLD]]
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
; CHECK-NEXT:    %p = call ptr @pvalloc(i64 %n)
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
define ptr @page(i64 %n) !dbg !12 {
  %p = call ptr @pvalloc(i64 %n), !dbg !13
  ret ptr %p
}

declare ptr @reallocarray(ptr, i64, i64)
declare ptr @pvalloc(i64)

; The same functions with prototypes glibc does not have are not allocations.
; WRONG-LABEL: define i32 @grow(ptr %q, i64 %n)
; WRONG-NEXT:    %r = call i32 @reallocarray(ptr %q, i64 %n, i64 16)
; WRONG-NEXT:    ret i32 %r
; WRONG-LABEL: define ptr @page(i32 %n)
; WRONG-NEXT:    %p = call ptr @pvalloc(i32 %n)
; WRONG-NEXT:    ret ptr %p
; WRONG-LABEL: define ptr @grow2(ptr %q, i64 %n)
; WRONG-NEXT:    %p = call ptr @reallocarray2(ptr %q, i64 %n)
; WRONG-NEXT:    ret ptr %p

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "glibc.c", directory: "/src")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "grow", scope: !1, file: !1, line: 2, type: !3, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DILocation(line: 3, column: 10, scope: !10)
!12 = distinct !DISubprogram(name: "page", scope: !1, file: !1, line: 2, type: !3, spFlags: DISPFlagDefinition, unit: !0)
!13 = !DILocation(line: 4, column: 10, scope: !12)
