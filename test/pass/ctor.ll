; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s
; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s --check-prefix=TLS
; A module with allocation calls gets the record type, the runtime's external tracing flag (a plain byte, not thread-local), the external initial-exec TLS hint and, right after it, the TLS frame, weak hidden section bounds, its sites added to llvm.compiler.used, and, however many sites it has, one COMDAT constructor of priority 1, appended to the existing constructors, that registers [__start___tm_sites, __stop___tm_sites) with ABI version 3.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@kept = internal global i32 0
@llvm.compiler.used = appending global [1 x ptr] [ptr @kept], section "llvm.metadata"
@llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @init, ptr null }]

; CHECK-DAG: %struct.tm_site = type { i32, i16, i16, i32, i32, ptr, ptr, ptr }
; CHECK-DAG: $tm.module_ctor = comdat any
; CHECK-DAG: [[SITE1:@__tm_site[.0-9]*]] = private global %struct.tm_site { {{.*}} }, section "__tm_sites", align 8
; CHECK-DAG: [[SITE2:@__tm_site[.0-9]*]] = private global %struct.tm_site { {{.*}} }, section "__tm_sites", align 8
; CHECK-DAG: [[SITE3:@__tm_site[.0-9]*]] = private global %struct.tm_site { {{.*}} }, section "__tm_sites", align 8
; CHECK-DAG: @__tm_tracing = external global i8{{$}}
; CHECK-DAG: @__tm_site_hint = external thread_local(initialexec) global ptr{{$}}
; CHECK-DAG: @__tm_site_frame = external thread_local(initialexec) global ptr{{$}}
; TLS:      @__tm_site_hint = external thread_local(initialexec) global ptr{{$}}
; TLS-NEXT: @__tm_site_frame = external thread_local(initialexec) global ptr{{$}}
; CHECK-DAG: @llvm.compiler.used = appending global [4 x ptr] [ptr @kept, ptr [[SITE1]], ptr [[SITE2]], ptr [[SITE3]]], section "llvm.metadata"
; CHECK-DAG: @__start___tm_sites = extern_weak hidden global %struct.tm_site{{$}}
; CHECK-DAG: @__stop___tm_sites = extern_weak hidden global %struct.tm_site{{$}}
; CHECK-DAG: @llvm.used = appending global [1 x ptr] [ptr @tm.module_ctor], section "llvm.metadata"
; CHECK-DAG: @llvm.global_ctors = appending global [2 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @init, ptr null }, { i32, ptr, ptr } { i32 1, ptr @tm.module_ctor, ptr @tm.module_ctor }]

define ptr @two_sites(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  call void @free(ptr %p)
  %q = call ptr @malloc(i64 %n)
  ret ptr %q
}

define internal void @init() {
  ret void
}

declare ptr @malloc(i64)
declare void @free(ptr)

; CHECK:       declare void @__tm_register_sites(i32, ptr, ptr)
; CHECK-LABEL: define linkonce_odr hidden void @tm.module_ctor()
; CHECK-SAME:    comdat {
; CHECK-NEXT:    call void @__tm_register_sites(i32 3, ptr @__start___tm_sites, ptr @__stop___tm_sites)
; CHECK-NEXT:    ret void
; CHECK-NEXT:  }
; CHECK-NOT:   define {{.*}}tm.module_ctor
