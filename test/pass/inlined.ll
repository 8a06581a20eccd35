; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s
; A call inlined from another function is recorded where it is written: the line, column, file and name of the innermost location (the inlined helper), not those of the function it was inlined into.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: [[FILE:@__tm_str[.0-9]*]] = private unnamed_addr constant [17 x i8] c"include/buffer.h\00", align 1
; CHECK: [[DIR:@__tm_str[.0-9]*]] = private unnamed_addr constant [5 x i8] c"/src\00", align 1
; CHECK: [[FN:@__tm_str[.0-9]*]] = private unnamed_addr constant [12 x i8] c"make_buffer\00", align 1
; CHECK: [[SITE:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, i16 0, i32 4, i32 10, ptr [[FILE]], ptr [[DIR]], ptr [[FN]] }, section "__tm_sites", align 8
; CHECK-NOT: c"main\00"

; CHECK-LABEL: define i32 @main()
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1, !dbg [[INLINED:![0-9]+]]
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0, !dbg [[INLINED]]
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]], !dbg [[INLINED]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[INLINED]]
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8, !dbg [[INLINED]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null, !dbg [[INLINED]]
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[SITE]], ptr [[OLD]], !dbg [[INLINED]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8, !dbg [[INLINED]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame), !dbg [[INLINED]]
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]], align 8, !dbg [[INLINED]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0), !dbg [[INLINED]]
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]], !dbg [[INLINED]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8, !dbg [[INLINED]]
; CHECK-NEXT:    br label %[[CALLBB]], !dbg [[INLINED]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB]]:
; CHECK-NEXT:    [[PREV:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD]], %[[SETBB]] ], [ poison, %0 ]
; CHECK-NEXT:    %p.i = call ptr @malloc(i64 64), !dbg [[INLINED]]
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]], !dbg [[INLINED]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[INLINED]]
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8, !dbg [[INLINED]]
; CHECK-NEXT:    br label %[[DONEBB]], !dbg [[INLINED]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p.i), !dbg [[INLINED]]
define i32 @main() !dbg !20 {
  %p.i = call ptr @malloc(i64 64), !dbg !22
  ret i32 0, !dbg !23
}

declare ptr @malloc(i64)

; CHECK: [[INLINED]] = !DILocation(line: 4, column: 10, scope: {{![0-9]+}}, inlinedAt:

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!3}

!0 = distinct !DICompileUnit(language: DW_LANG_C11, file: !1, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "main.c", directory: "/src")
!2 = !DIFile(filename: "include/buffer.h", directory: "/src")
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !DISubroutineType(types: !{})
; static inline char *make_buffer(size_t n), include/buffer.h line 3
!10 = distinct !DISubprogram(name: "make_buffer", scope: !2, file: !2, line: 3, type: !4, spFlags: DISPFlagLocalToUnit | DISPFlagDefinition, unit: !0)
; int main(void), main.c line 8
!20 = distinct !DISubprogram(name: "main", scope: !1, file: !1, line: 8, type: !4, spFlags: DISPFlagDefinition, unit: !0)
!21 = distinct !DILocation(line: 9, column: 13, scope: !20)
!22 = !DILocation(line: 4, column: 10, scope: !10, inlinedAt: !21)
!23 = !DILocation(line: 10, column: 3, scope: !20)
