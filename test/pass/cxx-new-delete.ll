; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s
; Every C++ operator new/new[] variant gets a site of kind 13/14 and the hint, every operator delete/delete[] variant a site of kind 15/16 and no hint, and a new-expression's call stays a direct call to the operator with its own attributes, `builtin` and allocsize included.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@_ZSt7nothrow = external global i8, align 1

; The sites, in call order: line 1xx is the xx-th new, 2xx the xx-th delete,
; 301 the new-expression.
; CHECK: [[NEW1:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 13, i16 0, i32 101, i32 3,
; CHECK: [[NEW2:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 13, i16 0, i32 102, i32 3,
; CHECK: [[NEW3:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 13, i16 0, i32 103, i32 3,
; CHECK: [[NEW4:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 13, i16 0, i32 104, i32 3,
; CHECK: [[NEW5:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 13, i16 0, i32 105, i32 3,
; CHECK: [[NEW6:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 13, i16 0, i32 106, i32 3,
; CHECK: [[NEW7:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 13, i16 0, i32 107, i32 3,
; CHECK: [[NEW8:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 13, i16 0, i32 108, i32 3,
; CHECK: [[NEW9:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 14, i16 0, i32 109, i32 3,
; CHECK: [[NEW10:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 14, i16 0, i32 110, i32 3,
; CHECK: [[NEW11:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 14, i16 0, i32 111, i32 3,
; CHECK: [[NEW12:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 14, i16 0, i32 112, i32 3,
; CHECK: [[NEW13:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 14, i16 0, i32 113, i32 3,
; CHECK: [[NEW14:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 14, i16 0, i32 114, i32 3,
; CHECK: [[NEW15:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 14, i16 0, i32 115, i32 3,
; CHECK: [[NEW16:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 14, i16 0, i32 116, i32 3,
; CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 15, i16 0, i32 201, i32 3,
; CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 15, i16 0, i32 202, i32 3,
; CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 15, i16 0, i32 203, i32 3,
; CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 15, i16 0, i32 204, i32 3,
; CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 15, i16 0, i32 205, i32 3,
; CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 15, i16 0, i32 206, i32 3,
; CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 16, i16 0, i32 207, i32 3,
; CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 16, i16 0, i32 208, i32 3,
; CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 16, i16 0, i32 209, i32 3,
; CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 16, i16 0, i32 210, i32 3,
; CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 16, i16 0, i32 211, i32 3,
; CHECK: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 16, i16 0, i32 212, i32 3,
; CHECK: [[NEWEXPR:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 13, i16 4, i32 301, i32 10,
; CHECK-NOT: @__tm_site{{[.0-9]*}} =

; Each new, while the runtime traces, sets the hint to its own site and
; calls the operator directly with its arguments unchanged.  None of these
; declarations is nounwind, so each call becomes an invoke whose normal
; destination restores the hint under the same test of the tracing flag
; and then hands the result to the empty asm (the cleanups are tested in
; may-throw.ll), and the function gets the C++ personality.
; CHECK-LABEL: define void @news(i64 %n)
; CHECK-SAME:    personality ptr @__gxx_personality_v0
; CHECK-NEXT:    [[FLAG1:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON1:%[0-9]+]] = icmp ne i8 [[FLAG1]], 0
; CHECK-NEXT:    br i1 [[ON1]], label %[[SETBB1:tm.hint.set[0-9]*]], label %[[CALLBB1:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB1]]:
; CHECK-NEXT:    [[ADDR1:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD1:%[0-9]+]] = load volatile ptr, ptr [[ADDR1]], align 8
; CHECK-NEXT:    [[UNSET1:%[0-9]+]] = icmp eq ptr [[OLD1]], null
; CHECK-NEXT:    [[SET1:%tm.hint[0-9]*]] = select i1 [[UNSET1]], ptr [[NEW1]], ptr [[OLD1]]
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
; CHECK-NEXT:    [[P1:%new1[0-9]*]] = invoke ptr @_Znwm(i64 %n)
; CHECK-NEXT:            to label %[[CONT1:new1.noexc]] unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT1]]:
; CHECK-NEXT:    br i1 [[ON1]], label %[[RESTBB1:tm.hint.restore[0-9]*]], label %[[DONEBB1:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB1]]:
; CHECK-NEXT:    [[RADDR1:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV1]], ptr [[RADDR1]], align 8
; CHECK-NEXT:    br label %[[DONEBB1]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB1]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P1]])
; CHECK-NEXT:    [[FLAG2:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON2:%[0-9]+]] = icmp ne i8 [[FLAG2]], 0
; CHECK-NEXT:    br i1 [[ON2]], label %[[SETBB2:tm.hint.set[0-9]*]], label %[[CALLBB2:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB2]]:
; CHECK-NEXT:    [[ADDR2:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD2:%[0-9]+]] = load volatile ptr, ptr [[ADDR2]], align 8
; CHECK-NEXT:    [[UNSET2:%[0-9]+]] = icmp eq ptr [[OLD2]], null
; CHECK-NEXT:    [[SET2:%tm.hint[0-9]*]] = select i1 [[UNSET2]], ptr [[NEW2]], ptr [[OLD2]]
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
; CHECK-NEXT:    [[P2:%new2[0-9]*]] = invoke ptr @_ZnwmRKSt9nothrow_t(i64 %n, ptr @_ZSt7nothrow)
; CHECK-NEXT:            to label %[[CONT2:new2.noexc]] unwind label %tm.hint.unwind{{[0-9]*}}
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
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P2]])
; CHECK-NEXT:    [[FLAG3:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON3:%[0-9]+]] = icmp ne i8 [[FLAG3]], 0
; CHECK-NEXT:    br i1 [[ON3]], label %[[SETBB3:tm.hint.set[0-9]*]], label %[[CALLBB3:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB3]]:
; CHECK-NEXT:    [[ADDR3:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD3:%[0-9]+]] = load volatile ptr, ptr [[ADDR3]], align 8
; CHECK-NEXT:    [[UNSET3:%[0-9]+]] = icmp eq ptr [[OLD3]], null
; CHECK-NEXT:    [[SET3:%tm.hint[0-9]*]] = select i1 [[UNSET3]], ptr [[NEW3]], ptr [[OLD3]]
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
; CHECK-NEXT:    [[P3:%new3[0-9]*]] = invoke ptr @_ZnwmSt11align_val_t(i64 %n, i64 64)
; CHECK-NEXT:            to label %[[CONT3:new3.noexc]] unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT3]]:
; CHECK-NEXT:    br i1 [[ON3]], label %[[RESTBB3:tm.hint.restore[0-9]*]], label %[[DONEBB3:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB3]]:
; CHECK-NEXT:    [[RADDR3:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV3]], ptr [[RADDR3]], align 8
; CHECK-NEXT:    br label %[[DONEBB3]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB3]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P3]])
; CHECK-NEXT:    [[FLAG4:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON4:%[0-9]+]] = icmp ne i8 [[FLAG4]], 0
; CHECK-NEXT:    br i1 [[ON4]], label %[[SETBB4:tm.hint.set[0-9]*]], label %[[CALLBB4:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB4]]:
; CHECK-NEXT:    [[ADDR4:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD4:%[0-9]+]] = load volatile ptr, ptr [[ADDR4]], align 8
; CHECK-NEXT:    [[UNSET4:%[0-9]+]] = icmp eq ptr [[OLD4]], null
; CHECK-NEXT:    [[SET4:%tm.hint[0-9]*]] = select i1 [[UNSET4]], ptr [[NEW4]], ptr [[OLD4]]
; CHECK-NEXT:    store volatile ptr [[SET4]], ptr [[ADDR4]], align 8
; CHECK-NEXT:    [[FADDR4:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD4:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR4]], align 8
; CHECK-NEXT:    [[FRAME4:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET4:%[0-9]+]] = select i1 [[UNSET4]], ptr [[FRAME4]], ptr [[FOLD4]]
; CHECK-NEXT:    store volatile ptr [[FSET4]], ptr [[FADDR4]], align 8
; CHECK-NEXT:    br label %[[CALLBB4]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB4]]:
; CHECK-NEXT:    [[PREV4:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD4]], %[[SETBB4]] ], [ poison, %[[DONEBB3]] ]
; CHECK-NEXT:    [[P4:%new4[0-9]*]] = invoke ptr @_ZnwmSt11align_val_tRKSt9nothrow_t(i64 %n, i64 64, ptr @_ZSt7nothrow)
; CHECK-NEXT:            to label %[[CONT4:new4.noexc]] unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT4]]:
; CHECK-NEXT:    br i1 [[ON4]], label %[[RESTBB4:tm.hint.restore[0-9]*]], label %[[DONEBB4:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB4]]:
; CHECK-NEXT:    [[RADDR4:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV4]], ptr [[RADDR4]], align 8
; CHECK-NEXT:    br label %[[DONEBB4]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB4]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P4]])
; CHECK-NEXT:    [[FLAG5:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON5:%[0-9]+]] = icmp ne i8 [[FLAG5]], 0
; CHECK-NEXT:    br i1 [[ON5]], label %[[SETBB5:tm.hint.set[0-9]*]], label %[[CALLBB5:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB5]]:
; CHECK-NEXT:    [[ADDR5:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD5:%[0-9]+]] = load volatile ptr, ptr [[ADDR5]], align 8
; CHECK-NEXT:    [[UNSET5:%[0-9]+]] = icmp eq ptr [[OLD5]], null
; CHECK-NEXT:    [[SET5:%tm.hint[0-9]*]] = select i1 [[UNSET5]], ptr [[NEW5]], ptr [[OLD5]]
; CHECK-NEXT:    store volatile ptr [[SET5]], ptr [[ADDR5]], align 8
; CHECK-NEXT:    [[FADDR5:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD5:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR5]], align 8
; CHECK-NEXT:    [[FRAME5:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET5:%[0-9]+]] = select i1 [[UNSET5]], ptr [[FRAME5]], ptr [[FOLD5]]
; CHECK-NEXT:    store volatile ptr [[FSET5]], ptr [[FADDR5]], align 8
; CHECK-NEXT:    br label %[[CALLBB5]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB5]]:
; CHECK-NEXT:    [[PREV5:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD5]], %[[SETBB5]] ], [ poison, %[[DONEBB4]] ]
; CHECK-NEXT:    [[P5:%new5[0-9]*]] = invoke ptr @_Znwm12__hot_cold_t(i64 %n, i8 1)
; CHECK-NEXT:            to label %[[CONT5:new5.noexc]] unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT5]]:
; CHECK-NEXT:    br i1 [[ON5]], label %[[RESTBB5:tm.hint.restore[0-9]*]], label %[[DONEBB5:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB5]]:
; CHECK-NEXT:    [[RADDR5:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV5]], ptr [[RADDR5]], align 8
; CHECK-NEXT:    br label %[[DONEBB5]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB5]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P5]])
; CHECK-NEXT:    [[FLAG6:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON6:%[0-9]+]] = icmp ne i8 [[FLAG6]], 0
; CHECK-NEXT:    br i1 [[ON6]], label %[[SETBB6:tm.hint.set[0-9]*]], label %[[CALLBB6:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB6]]:
; CHECK-NEXT:    [[ADDR6:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD6:%[0-9]+]] = load volatile ptr, ptr [[ADDR6]], align 8
; CHECK-NEXT:    [[UNSET6:%[0-9]+]] = icmp eq ptr [[OLD6]], null
; CHECK-NEXT:    [[SET6:%tm.hint[0-9]*]] = select i1 [[UNSET6]], ptr [[NEW6]], ptr [[OLD6]]
; CHECK-NEXT:    store volatile ptr [[SET6]], ptr [[ADDR6]], align 8
; CHECK-NEXT:    [[FADDR6:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD6:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR6]], align 8
; CHECK-NEXT:    [[FRAME6:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET6:%[0-9]+]] = select i1 [[UNSET6]], ptr [[FRAME6]], ptr [[FOLD6]]
; CHECK-NEXT:    store volatile ptr [[FSET6]], ptr [[FADDR6]], align 8
; CHECK-NEXT:    br label %[[CALLBB6]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB6]]:
; CHECK-NEXT:    [[PREV6:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD6]], %[[SETBB6]] ], [ poison, %[[DONEBB5]] ]
; CHECK-NEXT:    [[P6:%new6[0-9]*]] = invoke ptr @_ZnwmRKSt9nothrow_t12__hot_cold_t(i64 %n, ptr @_ZSt7nothrow, i8 1)
; CHECK-NEXT:            to label %[[CONT6:new6.noexc]] unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT6]]:
; CHECK-NEXT:    br i1 [[ON6]], label %[[RESTBB6:tm.hint.restore[0-9]*]], label %[[DONEBB6:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB6]]:
; CHECK-NEXT:    [[RADDR6:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV6]], ptr [[RADDR6]], align 8
; CHECK-NEXT:    br label %[[DONEBB6]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB6]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P6]])
; CHECK-NEXT:    [[FLAG7:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON7:%[0-9]+]] = icmp ne i8 [[FLAG7]], 0
; CHECK-NEXT:    br i1 [[ON7]], label %[[SETBB7:tm.hint.set[0-9]*]], label %[[CALLBB7:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB7]]:
; CHECK-NEXT:    [[ADDR7:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD7:%[0-9]+]] = load volatile ptr, ptr [[ADDR7]], align 8
; CHECK-NEXT:    [[UNSET7:%[0-9]+]] = icmp eq ptr [[OLD7]], null
; CHECK-NEXT:    [[SET7:%tm.hint[0-9]*]] = select i1 [[UNSET7]], ptr [[NEW7]], ptr [[OLD7]]
; CHECK-NEXT:    store volatile ptr [[SET7]], ptr [[ADDR7]], align 8
; CHECK-NEXT:    [[FADDR7:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD7:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR7]], align 8
; CHECK-NEXT:    [[FRAME7:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET7:%[0-9]+]] = select i1 [[UNSET7]], ptr [[FRAME7]], ptr [[FOLD7]]
; CHECK-NEXT:    store volatile ptr [[FSET7]], ptr [[FADDR7]], align 8
; CHECK-NEXT:    br label %[[CALLBB7]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB7]]:
; CHECK-NEXT:    [[PREV7:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD7]], %[[SETBB7]] ], [ poison, %[[DONEBB6]] ]
; CHECK-NEXT:    [[P7:%new7[0-9]*]] = invoke ptr @_ZnwmSt11align_val_t12__hot_cold_t(i64 %n, i64 64, i8 1)
; CHECK-NEXT:            to label %[[CONT7:new7.noexc]] unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT7]]:
; CHECK-NEXT:    br i1 [[ON7]], label %[[RESTBB7:tm.hint.restore[0-9]*]], label %[[DONEBB7:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB7]]:
; CHECK-NEXT:    [[RADDR7:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV7]], ptr [[RADDR7]], align 8
; CHECK-NEXT:    br label %[[DONEBB7]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB7]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P7]])
; CHECK-NEXT:    [[FLAG8:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON8:%[0-9]+]] = icmp ne i8 [[FLAG8]], 0
; CHECK-NEXT:    br i1 [[ON8]], label %[[SETBB8:tm.hint.set[0-9]*]], label %[[CALLBB8:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB8]]:
; CHECK-NEXT:    [[ADDR8:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD8:%[0-9]+]] = load volatile ptr, ptr [[ADDR8]], align 8
; CHECK-NEXT:    [[UNSET8:%[0-9]+]] = icmp eq ptr [[OLD8]], null
; CHECK-NEXT:    [[SET8:%tm.hint[0-9]*]] = select i1 [[UNSET8]], ptr [[NEW8]], ptr [[OLD8]]
; CHECK-NEXT:    store volatile ptr [[SET8]], ptr [[ADDR8]], align 8
; CHECK-NEXT:    [[FADDR8:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD8:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR8]], align 8
; CHECK-NEXT:    [[FRAME8:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET8:%[0-9]+]] = select i1 [[UNSET8]], ptr [[FRAME8]], ptr [[FOLD8]]
; CHECK-NEXT:    store volatile ptr [[FSET8]], ptr [[FADDR8]], align 8
; CHECK-NEXT:    br label %[[CALLBB8]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB8]]:
; CHECK-NEXT:    [[PREV8:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD8]], %[[SETBB8]] ], [ poison, %[[DONEBB7]] ]
; CHECK-NEXT:    [[P8:%new8[0-9]*]] = invoke ptr @_ZnwmSt11align_val_tRKSt9nothrow_t12__hot_cold_t(i64 %n, i64 64, ptr @_ZSt7nothrow, i8 1)
; CHECK-NEXT:            to label %[[CONT8:new8.noexc]] unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT8]]:
; CHECK-NEXT:    br i1 [[ON8]], label %[[RESTBB8:tm.hint.restore[0-9]*]], label %[[DONEBB8:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB8]]:
; CHECK-NEXT:    [[RADDR8:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV8]], ptr [[RADDR8]], align 8
; CHECK-NEXT:    br label %[[DONEBB8]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB8]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P8]])
; CHECK-NEXT:    [[FLAG9:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON9:%[0-9]+]] = icmp ne i8 [[FLAG9]], 0
; CHECK-NEXT:    br i1 [[ON9]], label %[[SETBB9:tm.hint.set[0-9]*]], label %[[CALLBB9:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB9]]:
; CHECK-NEXT:    [[ADDR9:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD9:%[0-9]+]] = load volatile ptr, ptr [[ADDR9]], align 8
; CHECK-NEXT:    [[UNSET9:%[0-9]+]] = icmp eq ptr [[OLD9]], null
; CHECK-NEXT:    [[SET9:%tm.hint[0-9]*]] = select i1 [[UNSET9]], ptr [[NEW9]], ptr [[OLD9]]
; CHECK-NEXT:    store volatile ptr [[SET9]], ptr [[ADDR9]], align 8
; CHECK-NEXT:    [[FADDR9:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD9:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR9]], align 8
; CHECK-NEXT:    [[FRAME9:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET9:%[0-9]+]] = select i1 [[UNSET9]], ptr [[FRAME9]], ptr [[FOLD9]]
; CHECK-NEXT:    store volatile ptr [[FSET9]], ptr [[FADDR9]], align 8
; CHECK-NEXT:    br label %[[CALLBB9]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB9]]:
; CHECK-NEXT:    [[PREV9:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD9]], %[[SETBB9]] ], [ poison, %[[DONEBB8]] ]
; CHECK-NEXT:    [[P9:%new9[0-9]*]] = invoke ptr @_Znam(i64 %n)
; CHECK-NEXT:            to label %[[CONT9:new9.noexc]] unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT9]]:
; CHECK-NEXT:    br i1 [[ON9]], label %[[RESTBB9:tm.hint.restore[0-9]*]], label %[[DONEBB9:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB9]]:
; CHECK-NEXT:    [[RADDR9:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV9]], ptr [[RADDR9]], align 8
; CHECK-NEXT:    br label %[[DONEBB9]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB9]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P9]])
; CHECK-NEXT:    [[FLAG10:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON10:%[0-9]+]] = icmp ne i8 [[FLAG10]], 0
; CHECK-NEXT:    br i1 [[ON10]], label %[[SETBB10:tm.hint.set[0-9]*]], label %[[CALLBB10:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB10]]:
; CHECK-NEXT:    [[ADDR10:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD10:%[0-9]+]] = load volatile ptr, ptr [[ADDR10]], align 8
; CHECK-NEXT:    [[UNSET10:%[0-9]+]] = icmp eq ptr [[OLD10]], null
; CHECK-NEXT:    [[SET10:%tm.hint[0-9]*]] = select i1 [[UNSET10]], ptr [[NEW10]], ptr [[OLD10]]
; CHECK-NEXT:    store volatile ptr [[SET10]], ptr [[ADDR10]], align 8
; CHECK-NEXT:    [[FADDR10:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD10:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR10]], align 8
; CHECK-NEXT:    [[FRAME10:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET10:%[0-9]+]] = select i1 [[UNSET10]], ptr [[FRAME10]], ptr [[FOLD10]]
; CHECK-NEXT:    store volatile ptr [[FSET10]], ptr [[FADDR10]], align 8
; CHECK-NEXT:    br label %[[CALLBB10]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB10]]:
; CHECK-NEXT:    [[PREV10:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD10]], %[[SETBB10]] ], [ poison, %[[DONEBB9]] ]
; CHECK-NEXT:    [[P10:%new10[0-9]*]] = invoke ptr @_ZnamRKSt9nothrow_t(i64 %n, ptr @_ZSt7nothrow)
; CHECK-NEXT:            to label %[[CONT10:new10.noexc]] unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT10]]:
; CHECK-NEXT:    br i1 [[ON10]], label %[[RESTBB10:tm.hint.restore[0-9]*]], label %[[DONEBB10:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB10]]:
; CHECK-NEXT:    [[RADDR10:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV10]], ptr [[RADDR10]], align 8
; CHECK-NEXT:    br label %[[DONEBB10]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB10]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P10]])
; CHECK-NEXT:    [[FLAG11:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON11:%[0-9]+]] = icmp ne i8 [[FLAG11]], 0
; CHECK-NEXT:    br i1 [[ON11]], label %[[SETBB11:tm.hint.set[0-9]*]], label %[[CALLBB11:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB11]]:
; CHECK-NEXT:    [[ADDR11:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD11:%[0-9]+]] = load volatile ptr, ptr [[ADDR11]], align 8
; CHECK-NEXT:    [[UNSET11:%[0-9]+]] = icmp eq ptr [[OLD11]], null
; CHECK-NEXT:    [[SET11:%tm.hint[0-9]*]] = select i1 [[UNSET11]], ptr [[NEW11]], ptr [[OLD11]]
; CHECK-NEXT:    store volatile ptr [[SET11]], ptr [[ADDR11]], align 8
; CHECK-NEXT:    [[FADDR11:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD11:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR11]], align 8
; CHECK-NEXT:    [[FRAME11:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET11:%[0-9]+]] = select i1 [[UNSET11]], ptr [[FRAME11]], ptr [[FOLD11]]
; CHECK-NEXT:    store volatile ptr [[FSET11]], ptr [[FADDR11]], align 8
; CHECK-NEXT:    br label %[[CALLBB11]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB11]]:
; CHECK-NEXT:    [[PREV11:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD11]], %[[SETBB11]] ], [ poison, %[[DONEBB10]] ]
; CHECK-NEXT:    [[P11:%new11[0-9]*]] = invoke ptr @_ZnamSt11align_val_t(i64 %n, i64 64)
; CHECK-NEXT:            to label %[[CONT11:new11.noexc]] unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT11]]:
; CHECK-NEXT:    br i1 [[ON11]], label %[[RESTBB11:tm.hint.restore[0-9]*]], label %[[DONEBB11:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB11]]:
; CHECK-NEXT:    [[RADDR11:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV11]], ptr [[RADDR11]], align 8
; CHECK-NEXT:    br label %[[DONEBB11]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB11]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P11]])
; CHECK-NEXT:    [[FLAG12:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON12:%[0-9]+]] = icmp ne i8 [[FLAG12]], 0
; CHECK-NEXT:    br i1 [[ON12]], label %[[SETBB12:tm.hint.set[0-9]*]], label %[[CALLBB12:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB12]]:
; CHECK-NEXT:    [[ADDR12:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD12:%[0-9]+]] = load volatile ptr, ptr [[ADDR12]], align 8
; CHECK-NEXT:    [[UNSET12:%[0-9]+]] = icmp eq ptr [[OLD12]], null
; CHECK-NEXT:    [[SET12:%tm.hint[0-9]*]] = select i1 [[UNSET12]], ptr [[NEW12]], ptr [[OLD12]]
; CHECK-NEXT:    store volatile ptr [[SET12]], ptr [[ADDR12]], align 8
; CHECK-NEXT:    [[FADDR12:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD12:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR12]], align 8
; CHECK-NEXT:    [[FRAME12:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET12:%[0-9]+]] = select i1 [[UNSET12]], ptr [[FRAME12]], ptr [[FOLD12]]
; CHECK-NEXT:    store volatile ptr [[FSET12]], ptr [[FADDR12]], align 8
; CHECK-NEXT:    br label %[[CALLBB12]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB12]]:
; CHECK-NEXT:    [[PREV12:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD12]], %[[SETBB12]] ], [ poison, %[[DONEBB11]] ]
; CHECK-NEXT:    [[P12:%new12[0-9]*]] = invoke ptr @_ZnamSt11align_val_tRKSt9nothrow_t(i64 %n, i64 64, ptr @_ZSt7nothrow)
; CHECK-NEXT:            to label %[[CONT12:new12.noexc]] unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT12]]:
; CHECK-NEXT:    br i1 [[ON12]], label %[[RESTBB12:tm.hint.restore[0-9]*]], label %[[DONEBB12:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB12]]:
; CHECK-NEXT:    [[RADDR12:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV12]], ptr [[RADDR12]], align 8
; CHECK-NEXT:    br label %[[DONEBB12]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB12]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P12]])
; CHECK-NEXT:    [[FLAG13:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON13:%[0-9]+]] = icmp ne i8 [[FLAG13]], 0
; CHECK-NEXT:    br i1 [[ON13]], label %[[SETBB13:tm.hint.set[0-9]*]], label %[[CALLBB13:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB13]]:
; CHECK-NEXT:    [[ADDR13:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD13:%[0-9]+]] = load volatile ptr, ptr [[ADDR13]], align 8
; CHECK-NEXT:    [[UNSET13:%[0-9]+]] = icmp eq ptr [[OLD13]], null
; CHECK-NEXT:    [[SET13:%tm.hint[0-9]*]] = select i1 [[UNSET13]], ptr [[NEW13]], ptr [[OLD13]]
; CHECK-NEXT:    store volatile ptr [[SET13]], ptr [[ADDR13]], align 8
; CHECK-NEXT:    [[FADDR13:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD13:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR13]], align 8
; CHECK-NEXT:    [[FRAME13:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET13:%[0-9]+]] = select i1 [[UNSET13]], ptr [[FRAME13]], ptr [[FOLD13]]
; CHECK-NEXT:    store volatile ptr [[FSET13]], ptr [[FADDR13]], align 8
; CHECK-NEXT:    br label %[[CALLBB13]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB13]]:
; CHECK-NEXT:    [[PREV13:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD13]], %[[SETBB13]] ], [ poison, %[[DONEBB12]] ]
; CHECK-NEXT:    [[P13:%new13[0-9]*]] = invoke ptr @_Znam12__hot_cold_t(i64 %n, i8 1)
; CHECK-NEXT:            to label %[[CONT13:new13.noexc]] unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT13]]:
; CHECK-NEXT:    br i1 [[ON13]], label %[[RESTBB13:tm.hint.restore[0-9]*]], label %[[DONEBB13:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB13]]:
; CHECK-NEXT:    [[RADDR13:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV13]], ptr [[RADDR13]], align 8
; CHECK-NEXT:    br label %[[DONEBB13]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB13]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P13]])
; CHECK-NEXT:    [[FLAG14:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON14:%[0-9]+]] = icmp ne i8 [[FLAG14]], 0
; CHECK-NEXT:    br i1 [[ON14]], label %[[SETBB14:tm.hint.set[0-9]*]], label %[[CALLBB14:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB14]]:
; CHECK-NEXT:    [[ADDR14:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD14:%[0-9]+]] = load volatile ptr, ptr [[ADDR14]], align 8
; CHECK-NEXT:    [[UNSET14:%[0-9]+]] = icmp eq ptr [[OLD14]], null
; CHECK-NEXT:    [[SET14:%tm.hint[0-9]*]] = select i1 [[UNSET14]], ptr [[NEW14]], ptr [[OLD14]]
; CHECK-NEXT:    store volatile ptr [[SET14]], ptr [[ADDR14]], align 8
; CHECK-NEXT:    [[FADDR14:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD14:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR14]], align 8
; CHECK-NEXT:    [[FRAME14:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET14:%[0-9]+]] = select i1 [[UNSET14]], ptr [[FRAME14]], ptr [[FOLD14]]
; CHECK-NEXT:    store volatile ptr [[FSET14]], ptr [[FADDR14]], align 8
; CHECK-NEXT:    br label %[[CALLBB14]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB14]]:
; CHECK-NEXT:    [[PREV14:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD14]], %[[SETBB14]] ], [ poison, %[[DONEBB13]] ]
; CHECK-NEXT:    [[P14:%new14[0-9]*]] = invoke ptr @_ZnamRKSt9nothrow_t12__hot_cold_t(i64 %n, ptr @_ZSt7nothrow, i8 1)
; CHECK-NEXT:            to label %[[CONT14:new14.noexc]] unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT14]]:
; CHECK-NEXT:    br i1 [[ON14]], label %[[RESTBB14:tm.hint.restore[0-9]*]], label %[[DONEBB14:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB14]]:
; CHECK-NEXT:    [[RADDR14:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV14]], ptr [[RADDR14]], align 8
; CHECK-NEXT:    br label %[[DONEBB14]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB14]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P14]])
; CHECK-NEXT:    [[FLAG15:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON15:%[0-9]+]] = icmp ne i8 [[FLAG15]], 0
; CHECK-NEXT:    br i1 [[ON15]], label %[[SETBB15:tm.hint.set[0-9]*]], label %[[CALLBB15:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB15]]:
; CHECK-NEXT:    [[ADDR15:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD15:%[0-9]+]] = load volatile ptr, ptr [[ADDR15]], align 8
; CHECK-NEXT:    [[UNSET15:%[0-9]+]] = icmp eq ptr [[OLD15]], null
; CHECK-NEXT:    [[SET15:%tm.hint[0-9]*]] = select i1 [[UNSET15]], ptr [[NEW15]], ptr [[OLD15]]
; CHECK-NEXT:    store volatile ptr [[SET15]], ptr [[ADDR15]], align 8
; CHECK-NEXT:    [[FADDR15:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD15:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR15]], align 8
; CHECK-NEXT:    [[FRAME15:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET15:%[0-9]+]] = select i1 [[UNSET15]], ptr [[FRAME15]], ptr [[FOLD15]]
; CHECK-NEXT:    store volatile ptr [[FSET15]], ptr [[FADDR15]], align 8
; CHECK-NEXT:    br label %[[CALLBB15]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB15]]:
; CHECK-NEXT:    [[PREV15:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD15]], %[[SETBB15]] ], [ poison, %[[DONEBB14]] ]
; CHECK-NEXT:    [[P15:%new15[0-9]*]] = invoke ptr @_ZnamSt11align_val_t12__hot_cold_t(i64 %n, i64 64, i8 1)
; CHECK-NEXT:            to label %[[CONT15:new15.noexc]] unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT15]]:
; CHECK-NEXT:    br i1 [[ON15]], label %[[RESTBB15:tm.hint.restore[0-9]*]], label %[[DONEBB15:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB15]]:
; CHECK-NEXT:    [[RADDR15:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV15]], ptr [[RADDR15]], align 8
; CHECK-NEXT:    br label %[[DONEBB15]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB15]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P15]])
; CHECK-NEXT:    [[FLAG16:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON16:%[0-9]+]] = icmp ne i8 [[FLAG16]], 0
; CHECK-NEXT:    br i1 [[ON16]], label %[[SETBB16:tm.hint.set[0-9]*]], label %[[CALLBB16:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB16]]:
; CHECK-NEXT:    [[ADDR16:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD16:%[0-9]+]] = load volatile ptr, ptr [[ADDR16]], align 8
; CHECK-NEXT:    [[UNSET16:%[0-9]+]] = icmp eq ptr [[OLD16]], null
; CHECK-NEXT:    [[SET16:%tm.hint[0-9]*]] = select i1 [[UNSET16]], ptr [[NEW16]], ptr [[OLD16]]
; CHECK-NEXT:    store volatile ptr [[SET16]], ptr [[ADDR16]], align 8
; CHECK-NEXT:    [[FADDR16:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD16:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR16]], align 8
; CHECK-NEXT:    [[FRAME16:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET16:%[0-9]+]] = select i1 [[UNSET16]], ptr [[FRAME16]], ptr [[FOLD16]]
; CHECK-NEXT:    store volatile ptr [[FSET16]], ptr [[FADDR16]], align 8
; CHECK-NEXT:    br label %[[CALLBB16]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[CALLBB16]]:
; CHECK-NEXT:    [[PREV16:%tm.hint.old[0-9]*]] = phi ptr [ [[OLD16]], %[[SETBB16]] ], [ poison, %[[DONEBB15]] ]
; CHECK-NEXT:    [[P16:%new16[0-9]*]] = invoke ptr @_ZnamSt11align_val_tRKSt9nothrow_t12__hot_cold_t(i64 %n, i64 64, ptr @_ZSt7nothrow, i8 1)
; CHECK-NEXT:            to label %[[CONT16:new16.noexc]] unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  [[CONT16]]:
; CHECK-NEXT:    br i1 [[ON16]], label %[[RESTBB16:tm.hint.restore[0-9]*]], label %[[DONEBB16:tm.hint.done[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[RESTBB16]]:
; CHECK-NEXT:    [[RADDR16:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    store volatile ptr [[PREV16]], ptr [[RADDR16]], align 8
; CHECK-NEXT:    br label %[[DONEBB16]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[DONEBB16]]:
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P16]])
; CHECK-NEXT:    ret void
define void @news(i64 %n) !dbg !10 {
  %new1 = call ptr @_Znwm(i64 %n), !dbg !101
  %new2 = call ptr @_ZnwmRKSt9nothrow_t(i64 %n, ptr @_ZSt7nothrow), !dbg !102
  %new3 = call ptr @_ZnwmSt11align_val_t(i64 %n, i64 64), !dbg !103
  %new4 = call ptr @_ZnwmSt11align_val_tRKSt9nothrow_t(i64 %n, i64 64, ptr @_ZSt7nothrow), !dbg !104
  %new5 = call ptr @_Znwm12__hot_cold_t(i64 %n, i8 1), !dbg !105
  %new6 = call ptr @_ZnwmRKSt9nothrow_t12__hot_cold_t(i64 %n, ptr @_ZSt7nothrow, i8 1), !dbg !106
  %new7 = call ptr @_ZnwmSt11align_val_t12__hot_cold_t(i64 %n, i64 64, i8 1), !dbg !107
  %new8 = call ptr @_ZnwmSt11align_val_tRKSt9nothrow_t12__hot_cold_t(i64 %n, i64 64, ptr @_ZSt7nothrow, i8 1), !dbg !108
  %new9 = call ptr @_Znam(i64 %n), !dbg !109
  %new10 = call ptr @_ZnamRKSt9nothrow_t(i64 %n, ptr @_ZSt7nothrow), !dbg !110
  %new11 = call ptr @_ZnamSt11align_val_t(i64 %n, i64 64), !dbg !111
  %new12 = call ptr @_ZnamSt11align_val_tRKSt9nothrow_t(i64 %n, i64 64, ptr @_ZSt7nothrow), !dbg !112
  %new13 = call ptr @_Znam12__hot_cold_t(i64 %n, i8 1), !dbg !113
  %new14 = call ptr @_ZnamRKSt9nothrow_t12__hot_cold_t(i64 %n, ptr @_ZSt7nothrow, i8 1), !dbg !114
  %new15 = call ptr @_ZnamSt11align_val_t12__hot_cold_t(i64 %n, i64 64, i8 1), !dbg !115
  %new16 = call ptr @_ZnamSt11align_val_tRKSt9nothrow_t12__hot_cold_t(i64 %n, i64 64, ptr @_ZSt7nothrow, i8 1), !dbg !116
  ret void
}

; A delete is left exactly as it was: no hint around it, still a direct call.
; CHECK-LABEL: define void @deletes(ptr %p, i64 %n)
; CHECK-NEXT:    call void @_ZdlPv(ptr %p) #{{[0-9]+}}, !dbg
; CHECK-NEXT:    call void @_ZdlPvm(ptr %p, i64 %n) #{{[0-9]+}}, !dbg
; CHECK-NEXT:    call void @_ZdlPvSt11align_val_t(ptr %p, i64 64) #{{[0-9]+}}, !dbg
; CHECK-NEXT:    call void @_ZdlPvmSt11align_val_t(ptr %p, i64 %n, i64 64) #{{[0-9]+}}, !dbg
; CHECK-NEXT:    call void @_ZdlPvRKSt9nothrow_t(ptr %p, ptr @_ZSt7nothrow) #{{[0-9]+}}, !dbg
; CHECK-NEXT:    call void @_ZdlPvSt11align_val_tRKSt9nothrow_t(ptr %p, i64 64, ptr @_ZSt7nothrow) #{{[0-9]+}}, !dbg
; CHECK-NEXT:    call void @_ZdaPv(ptr %p) #{{[0-9]+}}, !dbg
; CHECK-NEXT:    call void @_ZdaPvm(ptr %p, i64 %n) #{{[0-9]+}}, !dbg
; CHECK-NEXT:    call void @_ZdaPvSt11align_val_t(ptr %p, i64 64) #{{[0-9]+}}, !dbg
; CHECK-NEXT:    call void @_ZdaPvmSt11align_val_t(ptr %p, i64 %n, i64 64) #{{[0-9]+}}, !dbg
; CHECK-NEXT:    call void @_ZdaPvRKSt9nothrow_t(ptr %p, ptr @_ZSt7nothrow) #{{[0-9]+}}, !dbg
; CHECK-NEXT:    call void @_ZdaPvSt11align_val_tRKSt9nothrow_t(ptr %p, i64 64, ptr @_ZSt7nothrow) #{{[0-9]+}}, !dbg
; CHECK-NEXT:    ret void
define void @deletes(ptr %p, i64 %n) !dbg !20 {
  call void @_ZdlPv(ptr %p) #1, !dbg !201
  call void @_ZdlPvm(ptr %p, i64 %n) #1, !dbg !202
  call void @_ZdlPvSt11align_val_t(ptr %p, i64 64) #1, !dbg !203
  call void @_ZdlPvmSt11align_val_t(ptr %p, i64 %n, i64 64) #1, !dbg !204
  call void @_ZdlPvRKSt9nothrow_t(ptr %p, ptr @_ZSt7nothrow) #1, !dbg !205
  call void @_ZdlPvSt11align_val_tRKSt9nothrow_t(ptr %p, i64 64, ptr @_ZSt7nothrow) #1, !dbg !206
  call void @_ZdaPv(ptr %p) #1, !dbg !207
  call void @_ZdaPvm(ptr %p, i64 %n) #1, !dbg !208
  call void @_ZdaPvSt11align_val_t(ptr %p, i64 64) #1, !dbg !209
  call void @_ZdaPvmSt11align_val_t(ptr %p, i64 %n, i64 64) #1, !dbg !210
  call void @_ZdaPvRKSt9nothrow_t(ptr %p, ptr @_ZSt7nothrow) #1, !dbg !211
  call void @_ZdaPvSt11align_val_tRKSt9nothrow_t(ptr %p, i64 64, ptr @_ZSt7nothrow) #1, !dbg !212
  ret void
}

; What clang emits for `new int`: a `builtin` call to a `nobuiltin` operator.
; The invoke that replaces the call keeps the call's own attributes,
; `builtin` and allocsize included, so the optimizer may still treat it as
; an allocation (the asm use keeps it from deleting it).
; CHECK-LABEL: define ptr @new_expression()
; CHECK-NEXT:    [[FLAG:%tm.tracing[0-9]*]] = load atomic i8, ptr @__tm_tracing unordered, align 1
; CHECK-NEXT:    [[ON:%[0-9]+]] = icmp ne i8 [[FLAG]], 0
; CHECK-NEXT:    br i1 [[ON]], label %[[SETBB:tm.hint.set[0-9]*]], label %[[CALLBB:tm.hint.call[0-9]*]]
; CHECK-EMPTY:
; CHECK-NEXT:  [[SETBB]]:
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%[0-9]+]] = load volatile ptr, ptr [[ADDR]], align 8
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEWEXPR]], ptr [[OLD]]
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
; CHECK-NEXT:    [[P:%p[0-9]*]] = invoke noalias noundef nonnull ptr @_Znwm(i64 noundef 4) #[[NEWATTRS:[0-9]+]]
; CHECK-NEXT:            to label %[[CONT:p.noexc]] unwind label %tm.hint.unwind
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
define ptr @new_expression() !dbg !30 {
  %p = call noalias noundef nonnull ptr @_Znwm(i64 noundef 4) #0, !dbg !31
  ret ptr %p
}

declare ptr @_Znwm(i64) #2
declare ptr @_ZnwmRKSt9nothrow_t(i64, ptr) #2
declare ptr @_ZnwmSt11align_val_t(i64, i64) #2
declare ptr @_ZnwmSt11align_val_tRKSt9nothrow_t(i64, i64, ptr) #2
declare ptr @_Znwm12__hot_cold_t(i64, i8) #2
declare ptr @_ZnwmRKSt9nothrow_t12__hot_cold_t(i64, ptr, i8) #2
declare ptr @_ZnwmSt11align_val_t12__hot_cold_t(i64, i64, i8) #2
declare ptr @_ZnwmSt11align_val_tRKSt9nothrow_t12__hot_cold_t(i64, i64, ptr, i8) #2
declare ptr @_Znam(i64) #2
declare ptr @_ZnamRKSt9nothrow_t(i64, ptr) #2
declare ptr @_ZnamSt11align_val_t(i64, i64) #2
declare ptr @_ZnamSt11align_val_tRKSt9nothrow_t(i64, i64, ptr) #2
declare ptr @_Znam12__hot_cold_t(i64, i8) #2
declare ptr @_ZnamRKSt9nothrow_t12__hot_cold_t(i64, ptr, i8) #2
declare ptr @_ZnamSt11align_val_t12__hot_cold_t(i64, i64, i8) #2
declare ptr @_ZnamSt11align_val_tRKSt9nothrow_t12__hot_cold_t(i64, i64, ptr, i8) #2
declare void @_ZdlPv(ptr) #3
declare void @_ZdlPvm(ptr, i64) #3
declare void @_ZdlPvSt11align_val_t(ptr, i64) #3
declare void @_ZdlPvmSt11align_val_t(ptr, i64, i64) #3
declare void @_ZdlPvRKSt9nothrow_t(ptr, ptr) #3
declare void @_ZdlPvSt11align_val_tRKSt9nothrow_t(ptr, i64, ptr) #3
declare void @_ZdaPv(ptr) #3
declare void @_ZdaPvm(ptr, i64) #3
declare void @_ZdaPvSt11align_val_t(ptr, i64) #3
declare void @_ZdaPvmSt11align_val_t(ptr, i64, i64) #3
declare void @_ZdaPvRKSt9nothrow_t(ptr, ptr) #3
declare void @_ZdaPvSt11align_val_tRKSt9nothrow_t(ptr, i64, ptr) #3

; CHECK:      attributes #[[NEWATTRS]] = { builtin allocsize(0) }
attributes #0 = { builtin allocsize(0) }
attributes #1 = { builtin }
attributes #2 = { nobuiltin allocsize(0) }
attributes #3 = { nobuiltin }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C_plus_plus_14, file: !1, emissionKind: LineTablesOnly)
!1 = !DIFile(filename: "new.cpp", directory: "/src")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = !DISubroutineType(types: !{})
!10 = distinct !DISubprogram(name: "news", scope: !1, file: !1, line: 100, type: !3, spFlags: DISPFlagDefinition, unit: !0)
!20 = distinct !DISubprogram(name: "deletes", scope: !1, file: !1, line: 200, type: !3, spFlags: DISPFlagDefinition, unit: !0)
!30 = distinct !DISubprogram(name: "new_expression", scope: !1, file: !1, line: 300, type: !3, spFlags: DISPFlagDefinition, unit: !0)
!31 = !DILocation(line: 301, column: 10, scope: !30)
!101 = !DILocation(line: 101, column: 3, scope: !10)
!102 = !DILocation(line: 102, column: 3, scope: !10)
!103 = !DILocation(line: 103, column: 3, scope: !10)
!104 = !DILocation(line: 104, column: 3, scope: !10)
!105 = !DILocation(line: 105, column: 3, scope: !10)
!106 = !DILocation(line: 106, column: 3, scope: !10)
!107 = !DILocation(line: 107, column: 3, scope: !10)
!108 = !DILocation(line: 108, column: 3, scope: !10)
!109 = !DILocation(line: 109, column: 3, scope: !10)
!110 = !DILocation(line: 110, column: 3, scope: !10)
!111 = !DILocation(line: 111, column: 3, scope: !10)
!112 = !DILocation(line: 112, column: 3, scope: !10)
!113 = !DILocation(line: 113, column: 3, scope: !10)
!114 = !DILocation(line: 114, column: 3, scope: !10)
!115 = !DILocation(line: 115, column: 3, scope: !10)
!116 = !DILocation(line: 116, column: 3, scope: !10)
!201 = !DILocation(line: 201, column: 3, scope: !20)
!202 = !DILocation(line: 202, column: 3, scope: !20)
!203 = !DILocation(line: 203, column: 3, scope: !20)
!204 = !DILocation(line: 204, column: 3, scope: !20)
!205 = !DILocation(line: 205, column: 3, scope: !20)
!206 = !DILocation(line: 206, column: 3, scope: !20)
!207 = !DILocation(line: 207, column: 3, scope: !20)
!208 = !DILocation(line: 208, column: 3, scope: !20)
!209 = !DILocation(line: 209, column: 3, scope: !20)
!210 = !DILocation(line: 210, column: 3, scope: !20)
!211 = !DILocation(line: 211, column: 3, scope: !20)
!212 = !DILocation(line: 212, column: 3, scope: !20)
