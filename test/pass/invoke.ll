; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s --implicit-check-not=tm.hint.unwind
; An invoked operator new stays an invoke of its own unwind destination: it sets the hint before the invoke while the runtime traces, in the same set block as a call's, and both of its successors clear the hint if it still holds this site, whether or not that block ran, at the invoke's location: after the PHIs of the normal destination and after the landingpad of the unwind destination; the invoke's result is then handed to the empty asm in the normal destination if the invoke is that block's only predecessor, and not at all otherwise.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: [[SITE:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 13, i16 4, i32 5, i32 10,
; CHECK: [[SITE2:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 13, i16 4, i32 15, i32 12,

; CHECK-LABEL: define ptr @make(i1 %want, i64 %n)
; CHECK:       alloc:
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1, !dbg [[LOC:![0-9]+]]
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0, !dbg [[LOC]]
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]], !dbg [[LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[LOC]]
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null, !dbg [[LOC]]
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[SITE]], ptr [[OLD]], !dbg [[LOC]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame), !dbg [[LOC]]
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0), !dbg [[LOC]]
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]], !dbg [[LOC]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    br label %[[CALLBB]], !dbg [[LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB]]:
; CHECK-NEXT:    %p = invoke ptr @_Znwm(i64 %n)
; CHECK-NEXT:            to label %done unwind label %lpad, !dbg [[LOC]]
;
; %done is also reached from %entry, where the value the set block loaded
; is not defined: it clears the hint only if the hint holds this site.  %p does not dominate %done:
; no asm use of it.
; CHECK-EMPTY:
; CHECK-NEXT:  done:
; CHECK-NEXT:    %r = phi ptr [ null, %entry ], [ %p, %[[CALLBB]] ]
; CHECK-NEXT:    [[ADDR:%.*]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[LOC]]
; CHECK-NEXT:    [[NOW:%.*]] = load volatile ptr, ptr [[ADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    [[MINE:%.*]] = icmp eq ptr [[NOW]], [[SITE]], !dbg [[LOC]]
; CHECK-NEXT:    [[CLEARED:%.*]] = select i1 [[MINE]], ptr null, ptr [[NOW]], !dbg [[LOC]]
; CHECK-NEXT:    store volatile ptr [[CLEARED]], ptr [[ADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    ret ptr %r, !dbg
;
; CHECK:       lpad:
; CHECK-NEXT:    %lp = landingpad { ptr, i32 }
; CHECK-NEXT:            cleanup
; CHECK-NEXT:    [[ADDR:%.*]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[LOC]]
; CHECK-NEXT:    [[NOW:%.*]] = load volatile ptr, ptr [[ADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    [[MINE:%.*]] = icmp eq ptr [[NOW]], [[SITE]], !dbg [[LOC]]
; CHECK-NEXT:    [[CLEARED:%.*]] = select i1 [[MINE]], ptr null, ptr [[NOW]], !dbg [[LOC]]
; CHECK-NEXT:    store volatile ptr [[CLEARED]], ptr [[ADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    resume { ptr, i32 } %lp, !dbg
; CHECK-NEXT:  }
define ptr @make(i1 %want, i64 %n) personality ptr @__gxx_personality_v0 !dbg !10 {
entry:
  br i1 %want, label %alloc, label %done, !dbg !11

alloc:
  %p = invoke ptr @_Znwm(i64 %n)
          to label %done unwind label %lpad, !dbg !12

done:
  %r = phi ptr [ null, %entry ], [ %p, %alloc ]
  ret ptr %r, !dbg !13

lpad:
  %lp = landingpad { ptr, i32 }
          cleanup
  resume { ptr, i32 } %lp, !dbg !14
}

; The normal destination has the invoke as its only predecessor: after the
; PHIs and the clearing, the empty asm reads the invoke's result.
; CHECK-LABEL: define ptr @make_one(i64 %n)
; CHECK-NEXT:  entry:
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1, !dbg [[LOC2:![0-9]+]]
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0, !dbg [[LOC2]]
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]], !dbg [[LOC2]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[LOC2]]
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8, !dbg [[LOC2]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null, !dbg [[LOC2]]
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[SITE2]], ptr [[OLD]], !dbg [[LOC2]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8, !dbg [[LOC2]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame), !dbg [[LOC2]]
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]], align 8, !dbg [[LOC2]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0), !dbg [[LOC2]]
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]], !dbg [[LOC2]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8, !dbg [[LOC2]]
; CHECK-NEXT:    br label %[[CALLBB]], !dbg [[LOC2]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB]]:
; CHECK-NEXT:    %p = invoke ptr @_Znwm(i64 %n)
; CHECK-NEXT:            to label %cont unwind label %lpad, !dbg [[LOC2]]
; CHECK-EMPTY:
; CHECK-NEXT:  cont:
; CHECK-NEXT:    %q = phi ptr [ %p, %[[CALLBB]] ]
; CHECK-NEXT:    [[ADDR:%.*]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[LOC2]]
; CHECK-NEXT:    [[NOW:%.*]] = load volatile ptr, ptr [[ADDR]], align 8, !dbg [[LOC2]]
; CHECK-NEXT:    [[MINE:%.*]] = icmp eq ptr [[NOW]], [[SITE2]], !dbg [[LOC2]]
; CHECK-NEXT:    [[CLEARED:%.*]] = select i1 [[MINE]], ptr null, ptr [[NOW]], !dbg [[LOC2]]
; CHECK-NEXT:    store volatile ptr [[CLEARED]], ptr [[ADDR]], align 8, !dbg [[LOC2]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p), !dbg [[LOC2]]
; CHECK-NEXT:    store i8 0, ptr %q, align 1, !dbg
; CHECK-NEXT:    ret ptr %q, !dbg
; CHECK-EMPTY:
; CHECK-NEXT:  lpad:
; CHECK-NEXT:    %lp = landingpad { ptr, i32 }
; CHECK-NEXT:            cleanup
; CHECK-NEXT:    [[ADDR:%.*]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[LOC2]]
; CHECK-NEXT:    [[NOW:%.*]] = load volatile ptr, ptr [[ADDR]], align 8, !dbg [[LOC2]]
; CHECK-NEXT:    [[MINE:%.*]] = icmp eq ptr [[NOW]], [[SITE2]], !dbg [[LOC2]]
; CHECK-NEXT:    [[CLEARED:%.*]] = select i1 [[MINE]], ptr null, ptr [[NOW]], !dbg [[LOC2]]
; CHECK-NEXT:    store volatile ptr [[CLEARED]], ptr [[ADDR]], align 8, !dbg [[LOC2]]
; CHECK-NEXT:    resume { ptr, i32 } %lp, !dbg
; CHECK-NEXT:  }
define ptr @make_one(i64 %n) personality ptr @__gxx_personality_v0 !dbg !20 {
entry:
  %p = invoke ptr @_Znwm(i64 %n)
          to label %cont unwind label %lpad, !dbg !21

cont:
  %q = phi ptr [ %p, %entry ]
  store i8 0, ptr %q, align 1, !dbg !22
  ret ptr %q, !dbg !22

lpad:
  %lp = landingpad { ptr, i32 }
          cleanup
  resume { ptr, i32 } %lp, !dbg !23
}

declare ptr @_Znwm(i64)
declare i32 @__gxx_personality_v0(...)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus_14, file: !1, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "invoke.cpp", directory: "/src")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "make", scope: !1, file: !1, line: 3, type: !3, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DILocation(line: 4, column: 7, scope: !10)
!12 = !DILocation(line: 5, column: 10, scope: !10)
!13 = !DILocation(line: 6, column: 3, scope: !10)
!14 = !DILocation(line: 7, column: 1, scope: !10)
!20 = distinct !DISubprogram(name: "make_one", scope: !1, file: !1, line: 13, type: !3, spFlags: DISPFlagDefinition, unit: !0)
!21 = !DILocation(line: 15, column: 12, scope: !20)
!22 = !DILocation(line: 16, column: 3, scope: !20)
!23 = !DILocation(line: 17, column: 1, scope: !20)

; The clearing sequences carry the invoke's location, not that of the
; instruction they are inserted before.
; CHECK: [[LOC]] = !DILocation(line: 5, column: 10,
; CHECK: [[LOC2]] = !DILocation(line: 15, column: 12,
