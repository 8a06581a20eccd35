; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s
; A call without a location in a function with debug info takes the file and directory of the function's DISubprogram and the function's demangled linkage name (the symbolizer's name for it), with line 0, column 0 and flags 0, and the instructions the pass adds around it have no location either, like the call.

source_filename = "ignored.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: [[FILE:@__tm_str[.0-9]*]] = private unnamed_addr constant [8 x i8] c"where.c\00", align 1
; CHECK: [[DIR:@__tm_str[.0-9]*]] = private unnamed_addr constant [5 x i8] c"/src\00", align 1
; CHECK: [[FN:@__tm_str[.0-9]*]] = private unnamed_addr constant [9 x i8] c"source()\00", align 1
; CHECK: [[SITE:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, i16 4, i32 0, i32 0, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }, section "__tm_sites", align 8

; CHECK-LABEL: define ptr @_Z6sourcev()
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
; CHECK-NEXT:    %p = call ptr @malloc(i64 32){{$}}
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]{{$}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint){{$}}
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8{{$}}
; CHECK-NEXT:    br label %[[DONEBB]]{{$}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p){{$}}
; CHECK-NEXT:    ret ptr %p, !dbg
define ptr @_Z6sourcev() !dbg !10 {
  %p = call ptr @malloc(i64 32)
  ret ptr %p, !dbg !11
}

declare ptr @malloc(i64)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus_14, file: !1, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "where.c", directory: "/src")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "source", linkageName: "_Z6sourcev", scope: !1, file: !1, line: 3, type: !3, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DILocation(line: 5, column: 3, scope: !10)
