; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s
; No site record has a COMDAT, allocation and deallocation alike, even when its call is in a linkonce_odr function with its own COMDAT or in another function's COMDAT: a copy of the function inlined into other code still refers to the record, which must not go away when the linker discards the function's group; only the module constructor has a COMDAT.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

$_Z4makem = comdat any
$_ZN6BufferC5Em = comdat any

; The module's COMDATs and one more, the constructor's; every site ends
; with its section and alignment.
; CHECK:      $_Z4makem = comdat any
; CHECK-EMPTY:
; CHECK-NEXT: $_ZN6BufferC5Em = comdat any
; CHECK-EMPTY:
; CHECK-NEXT: $tm.module_ctor = comdat any
; CHECK-NOT:  , comdat
; CHECK:      [[MAKE:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, {{.*}} }, section "__tm_sites", align 8{{$}}
; CHECK-NOT:  , comdat
; CHECK:      [[FREE:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 5, {{.*}} }, section "__tm_sites", align 8{{$}}
; CHECK-NOT:  , comdat
; CHECK:      [[MAKE2:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, {{.*}} }, section "__tm_sites", align 8{{$}}
; CHECK-NOT:  , comdat
; CHECK:      [[CTOR:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, {{.*}} }, section "__tm_sites", align 8{{$}}
; CHECK-NOT:  , comdat
; CHECK:      [[PLAIN:@__tm_site[.0-9]*]] = private global %struct.tm_site { i32 0, i16 1, {{.*}} }, section "__tm_sites", align 8{{$}}
; CHECK-NOT:  @__tm_site{{[.0-9]*}} = private
; CHECK:      @llvm.compiler.used = appending global [5 x ptr] [ptr [[MAKE]], ptr [[FREE]], ptr [[MAKE2]], ptr [[CTOR]], ptr [[PLAIN]]], section "llvm.metadata"

; An inline function: its own COMDAT.
; CHECK-LABEL: define linkonce_odr ptr @_Z4makem(i64 %n) comdat {
; CHECK:         select i1 {{%.*}}, ptr [[MAKE]], ptr {{%[0-9]+}}
; CHECK:         select i1 {{%.*}}, ptr [[MAKE2]], ptr {{%[0-9]+}}
define linkonce_odr ptr @_Z4makem(i64 %n) comdat {
  %p = call ptr @malloc(i64 %n)
  call void @free(ptr %p)
  %q = call ptr @malloc(i64 %n)
  ret ptr %q
}

; A base-object constructor in its complete-object constructor's COMDAT.
; CHECK-LABEL: define linkonce_odr void @_ZN6BufferC2Em(ptr %this, i64 %n) unnamed_addr comdat($_ZN6BufferC5Em) {
; CHECK:         select i1 {{%.*}}, ptr [[CTOR]], ptr {{%[0-9]+}}
define linkonce_odr void @_ZN6BufferC2Em(ptr %this, i64 %n) unnamed_addr comdat($_ZN6BufferC5Em) {
  %p = call ptr @malloc(i64 %n)
  store ptr %p, ptr %this, align 8
  ret void
}

; CHECK-LABEL: define ptr @plain(i64 %n) {
; CHECK:         select i1 {{%.*}}, ptr [[PLAIN]], ptr {{%[0-9]+}}
define ptr @plain(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}

; CHECK-LABEL: define linkonce_odr hidden void @tm.module_ctor()
; CHECK-SAME:    comdat {

declare ptr @malloc(i64)
declare void @free(ptr)
