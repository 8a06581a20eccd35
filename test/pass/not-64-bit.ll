; RUN: %opt -passes=verify -S %s -o %t.i386.before.ll
; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s -o %t.i386.after.ll
; RUN: diff %t.i386.before.ll %t.i386.after.ll
; RUN: FileCheck %s --check-prefix=I386 --implicit-check-not=__tm_ --implicit-check-not=tm. < %t.i386.after.ll
; RUN: %opt -mtriple=x86_64-unknown-linux-gnux32 -passes=verify -S %s -o %t.x32.before.ll
; RUN: %opt -mtriple=x86_64-unknown-linux-gnux32 -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s -o %t.x32.after.ll
; RUN: diff %t.x32.before.ll %t.x32.after.ll
; RUN: %opt -mtriple=x86_64-unknown-linux-gnu -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s \
; RUN:   | FileCheck %s --check-prefix=X86-64
; A module whose pointers are not 64 bits wide (i386, x32), whose data layout opt derives from the triple, is left unchanged, allocation calls and all; the same module for x86-64 is instrumented.

target triple = "i386-unknown-linux-gnu"

; I386: target datalayout = "e-m:e-p:32:32-
; I386-LABEL: define void @allocate(i32 %n, ptr %s)
; I386-NEXT:    %p = call ptr @malloc(i32 %n)
; I386-NEXT:    call void @free(ptr %p)
; I386-NEXT:    %d = call ptr @strdup(ptr %s)
; I386-NEXT:    %o = call ptr @_Znwj(i32 %n)
; I386-NEXT:    ret void

; strdup, free and operator new(unsigned int) have the same prototype on
; x86-64 (malloc's size_t is then i64: not malloc there).
; X86-64: target datalayout = "e-m:e-p270:32:32-
; X86-64: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 5,
; X86-64: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 11,
; X86-64: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 13,
; X86-64-LABEL: define void @allocate(i32 %n, ptr %s)
; X86-64:         [[ON:%[0-9]+]] = icmp ne i8 %tm.tracing, 0
; X86-64:         %d = call ptr @strdup(ptr %s)
; X86-64-NEXT:    br i1 [[ON]], label %[[RESTORE:tm.hint.restore[0-9]*]], label %[[DONE:tm.hint.done[0-9]*]]
; X86-64-EMPTY:
; X86-64-NEXT:  [[RESTORE]]:
; X86-64-NEXT:    call ptr @llvm.threadlocal.address.p0(ptr @__tm_site_hint)
; X86-64-NEXT:    store volatile ptr
; X86-64-NEXT:    br label %[[DONE]]
; X86-64-EMPTY:
; X86-64-NEXT:  [[DONE]]:
; X86-64-NEXT:    call void asm sideeffect "", "r"(ptr %d)
; X86-64:         define linkonce_odr hidden void @tm.module_ctor()
define void @allocate(i32 %n, ptr %s) {
  %p = call ptr @malloc(i32 %n)
  call void @free(ptr %p)
  %d = call ptr @strdup(ptr %s)
  %o = call ptr @_Znwj(i32 %n)
  ret void
}

declare ptr @malloc(i32)
declare void @free(ptr)
declare ptr @strdup(ptr)
declare ptr @_Znwj(i32)
