; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s
; A call that may throw becomes an invoke whose cleanup puts the old hint back if the site set it (a select on the same test of the tracing flag that guards the set) and resumes, and whose normal destination puts it back under that same test and then hands the result to the empty asm, all at the call's location; a function without a personality gets the C++ one for operator new and new[] only; a function's own personality is kept; calls that cannot throw (nounwind at the call or on the callee), may-throw C calls in a function that had no personality before the pass (even when a new before or after them makes the pass add one), calls in a nounwind function (-fno-exceptions) and calls in a function with a scoped (Windows funclet) personality stay calls, without a cleanup.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@_ZSt7nothrow = external global i8, align 1

; CHECK: [[NEW:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 13, i16 4, i32 4, i32 10,
; CHECK: [[NEW_ARRAY:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 14, i16 4, i32 14, i32 9,
; CHECK: [[GCC_MALLOC:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, i16 4, i32 24, i32 10,
; CHECK: [[BEFORE_NEW:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, i16 0, i32 33, i32 8,
; CHECK: [[THE_NEW:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 13, i16 0, i32 34, i32 8,
; CHECK: [[AFTER_NEW:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, i16 4, i32 35, i32 8,
; CHECK: [[NO_EXCEPTIONS:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 13, i16 4, i32 44, i32 10,
; CHECK: [[NOUNWIND_PERSONALITY:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, i16 4, i32 54, i32 10,
; CHECK: [[SCOPED_CXX:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 13, i16 4, i32 64, i32 10,
; CHECK: [[SCOPED_SEH:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, i16 4, i32 74, i32 10,

; operator new in a function without a personality: the whole rewrite.
; CHECK-LABEL: define ptr @new_may_throw(i64 %n) personality ptr @__gxx_personality_v0 !dbg
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1, !dbg [[LOC:![0-9]+]]
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0, !dbg [[LOC]]
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]], !dbg [[LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[LOC]]
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null, !dbg [[LOC]]
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW]], ptr [[OLD]], !dbg [[LOC]]
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
; CHECK-NEXT:    [[P:%p[0-9]*]] = invoke noalias nonnull ptr @_Znwm(i64 %n)
; CHECK-NEXT:            to label %[[CONT:p.noexc]] unwind label %[[UNWIND:tm.hint.unwind]], !dbg [[LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT]]:
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]], !dbg [[LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[LOC]]
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    br label %[[DONEBB]], !dbg [[LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]]), !dbg [[LOC]]
; CHECK-NEXT:    store i8 0, ptr [[P]], align 1, !dbg
; CHECK-NEXT:    ret ptr [[P]], !dbg
; CHECK-EMPTY:
; CHECK-NEXT:  [[UNWIND]]:
; CHECK-NEXT:    [[LP:%[0-9]+]] = landingpad { ptr, i32 }
; CHECK-NEXT:            cleanup, !dbg [[LOC]]
; CHECK-NEXT:    [[UADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[LOC]]
; CHECK-NEXT:    [[NOW:%[0-9]+]] = load volatile ptr, ptr [[UADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    [[BACK:%[0-9]+]] = select i1 [[ON]], ptr [[PREV]], ptr [[NOW]], !dbg [[LOC]]
; CHECK-NEXT:    store volatile ptr [[BACK]], ptr [[UADDR]], align 8, !dbg [[LOC]]
; CHECK-NEXT:    resume { ptr, i32 } [[LP]], !dbg [[LOC]]
; CHECK-NEXT:  }
define ptr @new_may_throw(i64 %n) !dbg !10 {
  %p = call noalias nonnull ptr @_Znwm(i64 %n), !dbg !11
  store i8 0, ptr %p, align 1, !dbg !12
  ret ptr %p, !dbg !12
}

; operator new[] in the middle of a function: the call's block is split
; around the call, the blocks after it restore the hint and keep the result,
; and the PHI that used the call's result now takes the invoke's value from
; the last of them.
; CHECK-LABEL: define ptr @new_array_may_throw(i1 %want, i64 %n) personality ptr @__gxx_personality_v0 !dbg
; CHECK:       alloc:
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW_ARRAY]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]], align 8
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8
; CHECK-NEXT:    br label %[[CALLBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB]]:
; CHECK-NEXT:    [[PREV:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD]], %[[SETBB]] ], [ poison, %alloc ]
; CHECK-NEXT:    [[A:%a[0-9]*]] = invoke ptr @_Znam(i64 %n)
; CHECK-NEXT:            to label %[[CONT:a.noexc]] unwind label %[[UNWIND:tm.hint.unwind]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT]]:
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[A]])
; CHECK-NEXT:    br label %done
; CHECK-EMPTY:
; CHECK-NEXT:  done:
; CHECK-NEXT:    %r = phi ptr [ null, %entry ], [ [[A]], %[[DONEBB]] ]
; CHECK-NEXT:    ret ptr %r
; CHECK-EMPTY:
; CHECK-NEXT:  [[UNWIND]]:
; CHECK-NEXT:    [[LP:%[0-9]+]] = landingpad { ptr, i32 }
; CHECK-NEXT:            cleanup
; CHECK-NEXT:    [[UADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[NOW:%[0-9]+]] = load volatile ptr, ptr [[UADDR]], align 8
; CHECK-NEXT:    [[BACK:%[0-9]+]] = select i1 [[ON]], ptr [[PREV]], ptr [[NOW]]
; CHECK-NEXT:    store volatile ptr [[BACK]], ptr [[UADDR]], align 8
; CHECK-NEXT:    resume { ptr, i32 } [[LP]]
; CHECK-NEXT:  }
define ptr @new_array_may_throw(i1 %want, i64 %n) !dbg !13 {
entry:
  br i1 %want, label %alloc, label %done

alloc:
  %a = call ptr @_Znam(i64 %n), !dbg !14
  br label %done

done:
  %r = phi ptr [ null, %entry ], [ %a, %alloc ]
  ret ptr %r
}

; C built with -fexceptions: the cleanup uses the function's own
; personality, which stays.
; CHECK-LABEL: define ptr @malloc_with_personality(i64 %n) personality ptr @__gcc_personality_v0 !dbg
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[GCC_MALLOC]], ptr [[OLD]]
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
; CHECK-NEXT:    [[P:%p[0-9]*]] = invoke ptr @malloc(i64 %n)
; CHECK-NEXT:            to label %[[CONT:p.noexc]] unwind label %[[UNWIND:tm.hint.unwind]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT]]:
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8
; CHECK-NEXT:    br label %[[DONEBB]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
; CHECK-NEXT:    ret ptr [[P]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[UNWIND]]:
; CHECK-NEXT:    [[LP:%[0-9]+]] = landingpad { ptr, i32 }
; CHECK-NEXT:            cleanup
; CHECK-NEXT:    [[UADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[NOW:%[0-9]+]] = load volatile ptr, ptr [[UADDR]], align 8
; CHECK-NEXT:    [[BACK:%[0-9]+]] = select i1 [[ON]], ptr [[PREV]], ptr [[NOW]]
; CHECK-NEXT:    store volatile ptr [[BACK]], ptr [[UADDR]], align 8
; CHECK-NEXT:    resume { ptr, i32 } [[LP]]
; CHECK-NEXT:  }
define ptr @malloc_with_personality(i64 %n) personality ptr @__gcc_personality_v0 !dbg !15 {
  %p = call ptr @malloc(i64 %n), !dbg !16
  ret ptr %p
}

; A C allocation call in a function without a personality: no personality
; is made up for it, the call stays a call.
; CHECK-LABEL: define ptr @malloc_without_personality(i64 %n) {
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr {{@__tm_site[.0-9]*}}, ptr [[OLD]]
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
; CHECK-NEXT:    %p = call ptr @malloc(i64 %n)
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
; CHECK-NEXT:  }
define ptr @malloc_without_personality(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}

; operator new called nounwind (as in a -fno-exceptions build that knows
; better) and the nothrow operator new declared nounwind cannot throw: they
; stay calls and the function gets no personality.
; CHECK-LABEL: define void @cannot_throw(i64 %n) {
; CHECK-NEXT:    [[FLAG1:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON1:%[0-9]+]] = icmp ne i8 [[FLAG1]], 0
; CHECK-NEXT:    br i1 [[ON1]], label %[[SETBB1:tm.hint.set[0-9]*]], label %[[CALLBB1:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB1]]:
; CHECK-NEXT:    [[ADDR1:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD1:%[0-9]+]] = load volatile ptr, ptr [[ADDR1]], align 8
; CHECK-NEXT:    [[UNSET1:%[0-9]+]] = icmp eq ptr [[OLD1]], null
; CHECK-NEXT:    [[SET1:%tm.hint[0-9]*]] = select i1 [[UNSET1]], ptr {{@__tm_site[.0-9]*}}, ptr [[OLD1]]
; CHECK-NEXT:    store volatile ptr [[SET1]], ptr [[ADDR1]], align 8
; CHECK-NEXT:    [[FADDR1:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD1:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR1]], align 8
; CHECK-NEXT:    [[FRAME1:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET1:%[0-9]+]] = select i1 [[UNSET1]], ptr [[FRAME1]], ptr [[FOLD1]]
; CHECK-NEXT:    store volatile ptr [[FSET1]], ptr [[FADDR1]], align 8
; CHECK-NEXT:    br label %[[CALLBB1]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB1]]:
; CHECK-NEXT:    [[PREV1:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD1]], %[[SETBB1]] ], [ poison, %0 ]
; CHECK-NEXT:    %p = call ptr @_Znwm(i64 %n) #[[NOUNWIND:[0-9]+]]
; CHECK-NEXT:    br i1 [[ON1]], label %[[RESTBB1:tm.hint.restore[0-9]*]], label %[[DONEBB1:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB1]]:
; CHECK-NEXT:    [[RADDR1:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV1]], ptr [[RADDR1]], align 8
; CHECK-NEXT:    br label %[[DONEBB1]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB1]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
; CHECK-NEXT:    [[FLAG2:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON2:%[0-9]+]] = icmp ne i8 [[FLAG2]], 0
; CHECK-NEXT:    br i1 [[ON2]], label %[[SETBB2:tm.hint.set[0-9]*]], label %[[CALLBB2:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB2]]:
; CHECK-NEXT:    [[ADDR2:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD2:%[0-9]+]] = load volatile ptr, ptr [[ADDR2]], align 8
; CHECK-NEXT:    [[UNSET2:%[0-9]+]] = icmp eq ptr [[OLD2]], null
; CHECK-NEXT:    [[SET2:%tm.hint[0-9]*]] = select i1 [[UNSET2]], ptr {{@__tm_site[.0-9]*}}, ptr [[OLD2]]
; CHECK-NEXT:    store volatile ptr [[SET2]], ptr [[ADDR2]], align 8
; CHECK-NEXT:    [[FADDR2:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD2:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR2]], align 8
; CHECK-NEXT:    [[FRAME2:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET2:%[0-9]+]] = select i1 [[UNSET2]], ptr [[FRAME2]], ptr [[FOLD2]]
; CHECK-NEXT:    store volatile ptr [[FSET2]], ptr [[FADDR2]], align 8
; CHECK-NEXT:    br label %[[CALLBB2]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB2]]:
; CHECK-NEXT:    [[PREV2:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD2]], %[[SETBB2]] ], [ poison, %[[DONEBB1]] ]
; CHECK-NEXT:    %q = call ptr @_ZnwmRKSt9nothrow_t(i64 %n, ptr @_ZSt7nothrow){{$}}
; CHECK-NEXT:    br i1 [[ON2]], label %[[RESTBB2:tm.hint.restore[0-9]*]], label %[[DONEBB2:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB2]]:
; CHECK-NEXT:    [[RADDR2:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV2]], ptr [[RADDR2]], align 8
; CHECK-NEXT:    br label %[[DONEBB2]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB2]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %q)
; CHECK-NEXT:    ret void
; CHECK-NEXT:  }
define void @cannot_throw(i64 %n) {
  %p = call ptr @_Znwm(i64 %n) #0
  %q = call ptr @_ZnwmRKSt9nothrow_t(i64 %n, ptr @_ZSt7nothrow)
  ret void
}

; A function without a personality that calls malloc before and after
; operator new: the pass gives it the C++ personality for the new, but
; decides the mallocs on the function as it was before the pass, whatever
; the order of the calls: they stay calls and the function's only landing
; pad is the new's.
; CHECK-LABEL: define ptr @malloc_around_new(i64 %n) personality ptr @__gxx_personality_v0 !dbg
; CHECK-NEXT:    [[FLAG1:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON1:%[0-9]+]] = icmp ne i8 [[FLAG1]], 0
; CHECK-NEXT:    br i1 [[ON1]], label %[[SETBB1:tm.hint.set[0-9]*]], label %[[CALLBB1:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB1]]:
; CHECK-NEXT:    [[ADDR1:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD1:%[0-9]+]] = load volatile ptr, ptr [[ADDR1]], align 8
; CHECK-NEXT:    [[UNSET1:%[0-9]+]] = icmp eq ptr [[OLD1]], null
; CHECK-NEXT:    [[SET1:%tm.hint[0-9]*]] = select i1 [[UNSET1]], ptr [[BEFORE_NEW]], ptr [[OLD1]]
; CHECK-NEXT:    store volatile ptr [[SET1]], ptr [[ADDR1]], align 8
; CHECK-NEXT:    [[FADDR1:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD1:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR1]], align 8
; CHECK-NEXT:    [[FRAME1:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET1:%[0-9]+]] = select i1 [[UNSET1]], ptr [[FRAME1]], ptr [[FOLD1]]
; CHECK-NEXT:    store volatile ptr [[FSET1]], ptr [[FADDR1]], align 8
; CHECK-NEXT:    br label %[[CALLBB1]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB1]]:
; CHECK-NEXT:    [[PREV1:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD1]], %[[SETBB1]] ], [ poison, %0 ]
; CHECK-NEXT:    %p = call ptr @malloc(i64 %n), !dbg
; CHECK-NEXT:    br i1 [[ON1]], label %[[RESTBB1:tm.hint.restore[0-9]*]], label %[[DONEBB1:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB1]]:
; CHECK-NEXT:    [[RADDR1:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV1]], ptr [[RADDR1]], align 8
; CHECK-NEXT:    br label %[[DONEBB1]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB1]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p)
; CHECK-NEXT:    [[FLAG2:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON2:%[0-9]+]] = icmp ne i8 [[FLAG2]], 0
; CHECK-NEXT:    br i1 [[ON2]], label %[[SETBB2:tm.hint.set[0-9]*]], label %[[CALLBB2:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB2]]:
; CHECK-NEXT:    [[ADDR2:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD2:%[0-9]+]] = load volatile ptr, ptr [[ADDR2]], align 8
; CHECK-NEXT:    [[UNSET2:%[0-9]+]] = icmp eq ptr [[OLD2]], null
; CHECK-NEXT:    [[SET2:%tm.hint[0-9]*]] = select i1 [[UNSET2]], ptr [[THE_NEW]], ptr [[OLD2]]
; CHECK-NEXT:    store volatile ptr [[SET2]], ptr [[ADDR2]], align 8
; CHECK-NEXT:    [[FADDR2:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD2:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR2]], align 8
; CHECK-NEXT:    [[FRAME2:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET2:%[0-9]+]] = select i1 [[UNSET2]], ptr [[FRAME2]], ptr [[FOLD2]]
; CHECK-NEXT:    store volatile ptr [[FSET2]], ptr [[FADDR2]], align 8
; CHECK-NEXT:    br label %[[CALLBB2]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB2]]:
; CHECK-NEXT:    [[PREV2:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD2]], %[[SETBB2]] ], [ poison, %[[DONEBB1]] ]
; CHECK-NEXT:    [[Q:%q[0-9]*]] = invoke ptr @_Znwm(i64 %n)
; CHECK-NEXT:            to label %[[CONT2:q.noexc]] unwind label %[[UNWIND2:tm.hint.unwind[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT2]]:
; CHECK-NEXT:    br i1 [[ON2]], label %[[RESTBB2:tm.hint.restore[0-9]*]], label %[[DONEBB2:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB2]]:
; CHECK-NEXT:    [[RADDR2:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV2]], ptr [[RADDR2]], align 8
; CHECK-NEXT:    br label %[[DONEBB2]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB2]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[Q]])
; CHECK-NEXT:    [[FLAG3:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON3:%[0-9]+]] = icmp ne i8 [[FLAG3]], 0
; CHECK-NEXT:    br i1 [[ON3]], label %[[SETBB3:tm.hint.set[0-9]*]], label %[[CALLBB3:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB3]]:
; CHECK-NEXT:    [[ADDR3:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD3:%[0-9]+]] = load volatile ptr, ptr [[ADDR3]], align 8
; CHECK-NEXT:    [[UNSET3:%[0-9]+]] = icmp eq ptr [[OLD3]], null
; CHECK-NEXT:    [[SET3:%tm.hint[0-9]*]] = select i1 [[UNSET3]], ptr [[AFTER_NEW]], ptr [[OLD3]]
; CHECK-NEXT:    store volatile ptr [[SET3]], ptr [[ADDR3]], align 8
; CHECK-NEXT:    [[FADDR3:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD3:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR3]], align 8
; CHECK-NEXT:    [[FRAME3:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET3:%[0-9]+]] = select i1 [[UNSET3]], ptr [[FRAME3]], ptr [[FOLD3]]
; CHECK-NEXT:    store volatile ptr [[FSET3]], ptr [[FADDR3]], align 8
; CHECK-NEXT:    br label %[[CALLBB3]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB3]]:
; CHECK-NEXT:    [[PREV3:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD3]], %[[SETBB3]] ], [ poison, %[[DONEBB2]] ]
; CHECK-NEXT:    %r = call ptr @malloc(i64 %n), !dbg
; CHECK-NEXT:    br i1 [[ON3]], label %[[RESTBB3:tm.hint.restore[0-9]*]], label %[[DONEBB3:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB3]]:
; CHECK-NEXT:    [[RADDR3:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV3]], ptr [[RADDR3]], align 8
; CHECK-NEXT:    br label %[[DONEBB3]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB3]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %r)
; CHECK-NEXT:    ret ptr %r
; CHECK-EMPTY:
; CHECK-NEXT:  [[UNWIND2]]:
; CHECK-NEXT:    [[LP2:%[0-9]+]] = landingpad { ptr, i32 }
; CHECK-NEXT:            cleanup
; CHECK-NEXT:    [[UADDR2:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[NOW2:%[0-9]+]] = load volatile ptr, ptr [[UADDR2]], align 8
; CHECK-NEXT:    [[BACK2:%[0-9]+]] = select i1 [[ON2]], ptr [[PREV2]], ptr [[NOW2]]
; CHECK-NEXT:    store volatile ptr [[BACK2]], ptr [[UADDR2]], align 8
; CHECK-NEXT:    resume { ptr, i32 } [[LP2]]
; CHECK-NEXT:  }
define ptr @malloc_around_new(i64 %n) !dbg !17 {
  %p = call ptr @malloc(i64 %n), !dbg !18
  %q = call ptr @_Znwm(i64 %n), !dbg !19
  %r = call ptr @malloc(i64 %n), !dbg !20
  ret ptr %r
}

; -fno-exceptions C++: the function is nounwind and has no personality.
; operator new may throw, but nothing unwinds out of this function: the
; call stays a call and the function gets no personality.
; CHECK-LABEL: define ptr @no_exceptions(i64 %n)
; CHECK-SAME:    #[[NOUNWIND]] !dbg !{{[0-9]+ \{$}}
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1, !dbg [[CALL_LOC:![0-9]+]]
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0, !dbg [[CALL_LOC]]
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]], !dbg [[CALL_LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null, !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NO_EXCEPTIONS]], ptr [[OLD]], !dbg [[CALL_LOC]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame), !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0), !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]], !dbg [[CALL_LOC]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    br label %[[CALLBB]], !dbg [[CALL_LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB]]:
; CHECK-NEXT:    [[PREV:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD]], %[[SETBB]] ], [ poison, %0 ]
; CHECK-NEXT:    %p = call ptr @_Znwm(i64 %n), !dbg [[CALL_LOC]]
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]], !dbg [[CALL_LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[CALL_LOC]]
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    br label %[[DONEBB]], !dbg [[CALL_LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p), !dbg [[CALL_LOC]]
; CHECK-NEXT:    ret ptr %p
; CHECK-NEXT:  }
define ptr @no_exceptions(i64 %n) #0 !dbg !21 {
  %p = call ptr @_Znwm(i64 %n), !dbg !22
  ret ptr %p
}

; A nounwind function with a personality that would otherwise get a
; cleanup (see @malloc_with_personality): still none.
; CHECK-LABEL: define ptr @nounwind_with_personality(i64 %n)
; CHECK-SAME:    #[[NOUNWIND]] personality ptr @__gcc_personality_v0 !dbg !{{[0-9]+ \{$}}
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1, !dbg [[CALL_LOC:![0-9]+]]
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0, !dbg [[CALL_LOC]]
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]], !dbg [[CALL_LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null, !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NOUNWIND_PERSONALITY]], ptr [[OLD]], !dbg [[CALL_LOC]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame), !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0), !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]], !dbg [[CALL_LOC]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    br label %[[CALLBB]], !dbg [[CALL_LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB]]:
; CHECK-NEXT:    [[PREV:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD]], %[[SETBB]] ], [ poison, %0 ]
; CHECK-NEXT:    %p = call ptr @malloc(i64 %n), !dbg [[CALL_LOC]]
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]], !dbg [[CALL_LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[CALL_LOC]]
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    br label %[[DONEBB]], !dbg [[CALL_LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p), !dbg [[CALL_LOC]]
; CHECK-NEXT:    ret ptr %p
; CHECK-NEXT:  }
define ptr @nounwind_with_personality(i64 %n) #0 personality ptr @__gcc_personality_v0 !dbg !23 {
  %p = call ptr @malloc(i64 %n), !dbg !24
  ret ptr %p
}

; Scoped (Windows, funclet-based) personalities, C++ and SEH: their
; cleanups are cleanuppads, not landingpads.  The calls stay calls and the
; personality stays.
; CHECK-LABEL: define ptr @scoped_cxx(i64 %n)
; CHECK-SAME:    personality ptr @__CxxFrameHandler3 !dbg !{{[0-9]+ \{$}}
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1, !dbg [[CALL_LOC:![0-9]+]]
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0, !dbg [[CALL_LOC]]
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]], !dbg [[CALL_LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null, !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[SCOPED_CXX]], ptr [[OLD]], !dbg [[CALL_LOC]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame), !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0), !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]], !dbg [[CALL_LOC]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    br label %[[CALLBB]], !dbg [[CALL_LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB]]:
; CHECK-NEXT:    [[PREV:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD]], %[[SETBB]] ], [ poison, %0 ]
; CHECK-NEXT:    %p = call ptr @_Znwm(i64 %n), !dbg [[CALL_LOC]]
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]], !dbg [[CALL_LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[CALL_LOC]]
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    br label %[[DONEBB]], !dbg [[CALL_LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p), !dbg [[CALL_LOC]]
; CHECK-NEXT:    ret ptr %p
; CHECK-NEXT:  }
define ptr @scoped_cxx(i64 %n) personality ptr @__CxxFrameHandler3 !dbg !25 {
  %p = call ptr @_Znwm(i64 %n), !dbg !26
  ret ptr %p
}

; CHECK-LABEL: define ptr @scoped_seh(i64 %n)
; CHECK-SAME:    personality ptr @__C_specific_handler !dbg !{{[0-9]+ \{$}}
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1, !dbg [[CALL_LOC:![0-9]+]]
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0, !dbg [[CALL_LOC]]
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]], !dbg [[CALL_LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null, !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[SCOPED_SEH]], ptr [[OLD]], !dbg [[CALL_LOC]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame), !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0), !dbg [[CALL_LOC]]
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]], !dbg [[CALL_LOC]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    br label %[[CALLBB]], !dbg [[CALL_LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB]]:
; CHECK-NEXT:    [[PREV:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD]], %[[SETBB]] ], [ poison, %0 ]
; CHECK-NEXT:    %p = call ptr @malloc(i64 %n), !dbg [[CALL_LOC]]
; CHECK-NEXT:    br i1 [[ON]], label %[[RESTBB:tm.hint.restore[0-9]*]], label %[[DONEBB:tm.hint.done[0-9]*]], !dbg [[CALL_LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB]]:
; CHECK-NEXT:    [[RADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint), !dbg [[CALL_LOC]]
; CHECK-NEXT:    store volatile ptr [[PREV]], ptr [[RADDR]], align 8, !dbg [[CALL_LOC]]
; CHECK-NEXT:    br label %[[DONEBB]], !dbg [[CALL_LOC]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr %p), !dbg [[CALL_LOC]]
; CHECK-NEXT:    ret ptr %p
; CHECK-NEXT:  }
define ptr @scoped_seh(i64 %n) personality ptr @__C_specific_handler !dbg !27 {
  %p = call ptr @malloc(i64 %n), !dbg !28
  ret ptr %p
}

; The C++ personality is declared once, by the pass; the C one and the
; Windows ones are the module's own.
; CHECK:     declare i32 @__gcc_personality_v0(...)
; CHECK:     declare i32 @__CxxFrameHandler3(...)
; CHECK:     declare i32 @__C_specific_handler(...)
; CHECK:     declare i32 @__gxx_personality_v0(...)
; CHECK-NOT: declare {{.*}}personality

; CHECK: attributes #[[NOUNWIND]] = { nounwind }

declare ptr @_Znwm(i64)
declare ptr @_Znam(i64)
declare ptr @_ZnwmRKSt9nothrow_t(i64, ptr) #0
declare ptr @malloc(i64)
declare i32 @__gcc_personality_v0(...)
declare i32 @__CxxFrameHandler3(...)
declare i32 @__C_specific_handler(...)

attributes #0 = { nounwind }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus_14, file: !1, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "throw.cpp", directory: "/src")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "new_may_throw", scope: !1, file: !1, line: 3, type: !3, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DILocation(line: 4, column: 10, scope: !10)
!12 = !DILocation(line: 5, column: 3, scope: !10)
!13 = distinct !DISubprogram(name: "new_array_may_throw", scope: !1, file: !1, line: 13, type: !3, spFlags: DISPFlagDefinition, unit: !0)
!14 = !DILocation(line: 14, column: 9, scope: !13)
!15 = distinct !DISubprogram(name: "malloc_with_personality", scope: !1, file: !1, line: 23, type: !3, spFlags: DISPFlagDefinition, unit: !0)
!16 = !DILocation(line: 24, column: 10, scope: !15)
!17 = distinct !DISubprogram(name: "malloc_around_new", scope: !1, file: !1, line: 32, type: !3, spFlags: DISPFlagDefinition, unit: !0)
!18 = !DILocation(line: 33, column: 8, scope: !17)
!19 = !DILocation(line: 34, column: 8, scope: !17)
!20 = !DILocation(line: 35, column: 8, scope: !17)
!21 = distinct !DISubprogram(name: "no_exceptions", scope: !1, file: !1, line: 43, type: !3, spFlags: DISPFlagDefinition, unit: !0)
!22 = !DILocation(line: 44, column: 10, scope: !21)
!23 = distinct !DISubprogram(name: "nounwind_with_personality", scope: !1, file: !1, line: 53, type: !3, spFlags: DISPFlagDefinition, unit: !0)
!24 = !DILocation(line: 54, column: 10, scope: !23)
!25 = distinct !DISubprogram(name: "scoped_cxx", scope: !1, file: !1, line: 63, type: !3, spFlags: DISPFlagDefinition, unit: !0)
!26 = !DILocation(line: 64, column: 10, scope: !25)
!27 = distinct !DISubprogram(name: "scoped_seh", scope: !1, file: !1, line: 73, type: !3, spFlags: DISPFlagDefinition, unit: !0)
!28 = !DILocation(line: 74, column: 10, scope: !27)

; The inserted instructions, the cleanup included, carry the call's location.
; CHECK: [[LOC]] = !DILocation(line: 4, column: 10,
