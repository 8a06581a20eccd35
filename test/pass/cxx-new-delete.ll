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
; CHECK: [[NEWEXPR:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 13, i16 0, i32 301, i32 10,
; CHECK-NOT: @__tm_site{{[.0-9]*}} =

; Each new sets the hint to its own site and calls the operator directly
; with its arguments unchanged.  None of these declarations is nounwind, so
; each call becomes an invoke whose normal destination starts by restoring
; the hint and then hands the result to the empty asm (the cleanups are
; tested in may-throw.ll), and the function gets the C++ personality.
; CHECK-LABEL: define void @news(i64 %n)
; CHECK-SAME:    personality ptr @__gxx_personality_v0
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%tm.hint.old[0-9]*]] = load volatile ptr, ptr [[ADDR]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW1]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%new1[0-9]*]] = invoke ptr @_Znwm(i64 %n)
; CHECK-NEXT:            to label %new1.noexc unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  new1.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%tm.hint.old[0-9]*]] = load volatile ptr, ptr [[ADDR]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW2]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%new2[0-9]*]] = invoke ptr @_ZnwmRKSt9nothrow_t(i64 %n, ptr @_ZSt7nothrow)
; CHECK-NEXT:            to label %new2.noexc unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  new2.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%tm.hint.old[0-9]*]] = load volatile ptr, ptr [[ADDR]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW3]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%new3[0-9]*]] = invoke ptr @_ZnwmSt11align_val_t(i64 %n, i64 64)
; CHECK-NEXT:            to label %new3.noexc unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  new3.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%tm.hint.old[0-9]*]] = load volatile ptr, ptr [[ADDR]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW4]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%new4[0-9]*]] = invoke ptr @_ZnwmSt11align_val_tRKSt9nothrow_t(i64 %n, i64 64, ptr @_ZSt7nothrow)
; CHECK-NEXT:            to label %new4.noexc unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  new4.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%tm.hint.old[0-9]*]] = load volatile ptr, ptr [[ADDR]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW5]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%new5[0-9]*]] = invoke ptr @_Znwm12__hot_cold_t(i64 %n, i8 1)
; CHECK-NEXT:            to label %new5.noexc unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  new5.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%tm.hint.old[0-9]*]] = load volatile ptr, ptr [[ADDR]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW6]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%new6[0-9]*]] = invoke ptr @_ZnwmRKSt9nothrow_t12__hot_cold_t(i64 %n, ptr @_ZSt7nothrow, i8 1)
; CHECK-NEXT:            to label %new6.noexc unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  new6.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%tm.hint.old[0-9]*]] = load volatile ptr, ptr [[ADDR]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW7]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%new7[0-9]*]] = invoke ptr @_ZnwmSt11align_val_t12__hot_cold_t(i64 %n, i64 64, i8 1)
; CHECK-NEXT:            to label %new7.noexc unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  new7.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%tm.hint.old[0-9]*]] = load volatile ptr, ptr [[ADDR]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW8]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%new8[0-9]*]] = invoke ptr @_ZnwmSt11align_val_tRKSt9nothrow_t12__hot_cold_t(i64 %n, i64 64, ptr @_ZSt7nothrow, i8 1)
; CHECK-NEXT:            to label %new8.noexc unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  new8.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%tm.hint.old[0-9]*]] = load volatile ptr, ptr [[ADDR]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW9]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%new9[0-9]*]] = invoke ptr @_Znam(i64 %n)
; CHECK-NEXT:            to label %new9.noexc unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  new9.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%tm.hint.old[0-9]*]] = load volatile ptr, ptr [[ADDR]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW10]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%new10[0-9]*]] = invoke ptr @_ZnamRKSt9nothrow_t(i64 %n, ptr @_ZSt7nothrow)
; CHECK-NEXT:            to label %new10.noexc unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  new10.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%tm.hint.old[0-9]*]] = load volatile ptr, ptr [[ADDR]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW11]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%new11[0-9]*]] = invoke ptr @_ZnamSt11align_val_t(i64 %n, i64 64)
; CHECK-NEXT:            to label %new11.noexc unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  new11.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%tm.hint.old[0-9]*]] = load volatile ptr, ptr [[ADDR]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW12]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%new12[0-9]*]] = invoke ptr @_ZnamSt11align_val_tRKSt9nothrow_t(i64 %n, i64 64, ptr @_ZSt7nothrow)
; CHECK-NEXT:            to label %new12.noexc unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  new12.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%tm.hint.old[0-9]*]] = load volatile ptr, ptr [[ADDR]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW13]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%new13[0-9]*]] = invoke ptr @_Znam12__hot_cold_t(i64 %n, i8 1)
; CHECK-NEXT:            to label %new13.noexc unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  new13.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%tm.hint.old[0-9]*]] = load volatile ptr, ptr [[ADDR]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW14]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%new14[0-9]*]] = invoke ptr @_ZnamRKSt9nothrow_t12__hot_cold_t(i64 %n, ptr @_ZSt7nothrow, i8 1)
; CHECK-NEXT:            to label %new14.noexc unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  new14.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%tm.hint.old[0-9]*]] = load volatile ptr, ptr [[ADDR]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW15]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%new15[0-9]*]] = invoke ptr @_ZnamSt11align_val_t12__hot_cold_t(i64 %n, i64 64, i8 1)
; CHECK-NEXT:            to label %new15.noexc unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  new15.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
; CHECK-NEXT:    [[ADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; CHECK-NEXT:    [[OLD:%tm.hint.old[0-9]*]] = load volatile ptr, ptr [[ADDR]]
; CHECK-NEXT:    [[UNSET:%[0-9]+]] = icmp eq ptr [[OLD]], null
; CHECK-NEXT:    [[SET:%tm.hint[0-9]*]] = select i1 [[UNSET]], ptr [[NEW16]], ptr [[OLD]]
; CHECK-NEXT:    store volatile ptr [[SET]], ptr [[ADDR]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[UNSET]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%new16[0-9]*]] = invoke ptr @_ZnamSt11align_val_tRKSt9nothrow_t12__hot_cold_t(i64 %n, i64 64, ptr @_ZSt7nothrow, i8 1)
; CHECK-NEXT:            to label %new16.noexc unwind label %tm.hint.unwind{{[0-9]*}}
; CHECK-EMPTY:
; CHECK-NEXT:  new16.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
; CHECK-NEXT:    call void asm sideeffect "", "r"(ptr [[P]])
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
; CHECK:         select i1 [[FUNSETC1:%[0-9]+]], ptr [[NEWEXPR]], ptr [[OLD:%tm.hint.old]]
; CHECK-NEXT:    store volatile ptr %tm.hint, ptr [[ADDR:%[0-9]+]]
; CHECK-NEXT:    [[FADDR:%[0-9]+]] = call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_frame)
; CHECK-NEXT:    [[FOLD:%tm.frame.old[0-9]*]] = load volatile ptr, ptr [[FADDR]]
; CHECK-NEXT:    [[FRAME:%tm.frame[0-9]*]] = call ptr @llvm.frameaddress.p0(i32 0)
; CHECK-NEXT:    [[FSET:%[0-9]+]] = select i1 [[FUNSETC1]], ptr [[FRAME]], ptr [[FOLD]]
; CHECK-NEXT:    store volatile ptr [[FSET]], ptr [[FADDR]]
; CHECK-NEXT:    [[P:%p[0-9]*]] = invoke noalias noundef nonnull ptr @_Znwm(i64 noundef 4) #[[NEWATTRS:[0-9]+]]
; CHECK-NEXT:            to label %p.noexc unwind label %tm.hint.unwind
; CHECK-EMPTY:
; CHECK-NEXT:  p.noexc:
; CHECK-NEXT:    store volatile ptr [[OLD]], ptr [[ADDR]]
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
