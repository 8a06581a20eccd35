; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s
; RUN: %opt -load-pass-plugin=%plugin -tracemalloc-auto-wrapper=false -passes="tracemalloc,verify" -S %s | FileCheck %s --check-prefix=OFF
; Which allocation calls return their block (flag 4, TM_SITE_RETURNED; 1 is TM_SITE_NO_DEBUG_INFO here): the returned value followed back through casts, constant offsets, PHIs and selects, and the local variables clang keeps values in before mem2reg, as long as their address goes nowhere else.  A call the pass cannot see into whose result is returned is recorded as a forwarding call (kind 19), with no hint around it.  No line tables here: each record is told apart by its function's name.

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@global = global ptr null

; CHECK: [[DIRECT:@__tm_str[.0-9]*]] = {{.*}} c"direct\00"
; CHECK-NEXT: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 1, i16 5, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[DIRECT]] }
; CHECK: [[THROUGH_LOCAL:@__tm_str[.0-9]*]] = {{.*}} c"through_local\00"
; CHECK-NEXT: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 1, i16 5, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[THROUGH_LOCAL]] }
; CHECK: [[PHI_WITH_NULL:@__tm_str[.0-9]*]] = {{.*}} c"phi_with_null\00"
; CHECK-NEXT: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 2, i16 5, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[PHI_WITH_NULL]] }
; CHECK: [[SELECTED:@__tm_str[.0-9]*]] = {{.*}} c"selected\00"
; CHECK-NEXT: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 3, i16 5, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[SELECTED]] }
; CHECK: [[WITH_HEADER:@__tm_str[.0-9]*]] = {{.*}} c"with_header\00"
; CHECK-NEXT: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 1, i16 5, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[WITH_HEADER]] }
; CHECK: [[THROUGH_GLOBAL:@__tm_str[.0-9]*]] = {{.*}} c"through_global\00"
; CHECK-NEXT: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 1, i16 1, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[THROUGH_GLOBAL]] }
; CHECK: [[ESCAPING_LOCAL:@__tm_str[.0-9]*]] = {{.*}} c"escaping_local\00"
; CHECK-NEXT: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 1, i16 1, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[ESCAPING_LOCAL]] }
; CHECK: [[VARIABLE_OFFSET:@__tm_str[.0-9]*]] = {{.*}} c"variable_offset\00"
; CHECK-NEXT: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 1, i16 1, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[VARIABLE_OFFSET]] }
; CHECK: [[INDIRECT:@__tm_str[.0-9]*]] = {{.*}} c"indirect\00"
; CHECK-NEXT: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 19, i16 5, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[INDIRECT]] }
; CHECK: [[WRAPS_WRAPPER:@__tm_str[.0-9]*]] = {{.*}} c"wraps_wrapper\00"
; CHECK-NEXT: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 18, i16 5, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[WRAPS_WRAPPER]] }
; CHECK: [[FORWARDS:@__tm_str[.0-9]*]] = {{.*}} c"forwards\00"
; CHECK-NEXT: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 19, i16 5, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[FORWARDS]] }
; CHECK-NOT: @__tm_site{{[.0-9]*}} = private global
; OFF-NOT: i16 5,
; OFF-NOT: i16 19,

; 1: returned as it is.
define ptr @direct(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}

; 2: -O0's shape: through a local, after a NULL check that aborts.
define ptr @through_local(i64 %n) {
  %p.addr = alloca ptr
  %p = call ptr @malloc(i64 %n)
  store ptr %p, ptr %p.addr
  %v = load ptr, ptr %p.addr
  %null = icmp eq ptr %v, null
  br i1 %null, label %fail, label %ok
fail:
  call void @abort()
  unreachable
ok:
  %r = load ptr, ptr %p.addr
  ret ptr %r
}

; 3: a NULL check that returns NULL: a PHI of the block and null.
define ptr @phi_with_null(i64 %n) {
entry:
  %p = call ptr @calloc(i64 1, i64 %n)
  %null = icmp eq ptr %p, null
  br i1 %null, label %done, label %fill
fill:
  br label %done
done:
  %r = phi ptr [ null, %entry ], [ %p, %fill ]
  ret ptr %r
}

; 4: a select, after a realloc.
define ptr @selected(ptr %old, i64 %n, i1 %c) {
  %p = call ptr @realloc(ptr %old, i64 %n)
  %r = select i1 %c, ptr %p, ptr null
  ret ptr %r
}

; 5: a header in front of the block: a constant offset.
define ptr @with_header(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  %r = getelementptr inbounds i8, ptr %p, i64 16
  ret ptr %r
}

; 6: kept in a global and returned from there: not followed.
define ptr @through_global(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  store ptr %p, ptr @global
  %r = load ptr, ptr @global
  ret ptr %r
}

; 7: a local whose address escapes: what it holds when returned is unknown.
define ptr @escaping_local(i64 %n) {
  %p.addr = alloca ptr
  %p = call ptr @malloc(i64 %n)
  store ptr %p, ptr %p.addr
  call void @take(ptr %p.addr)
  %r = load ptr, ptr %p.addr
  ret ptr %r
}

; 8: a variable offset: the block is not what is returned.
define ptr @variable_offset(i64 %n, i64 %i) {
  %p = call ptr @malloc(i64 %n)
  %r = getelementptr inbounds i8, ptr %p, i64 %i
  ret ptr %r
}

; 9: a call through a pointer whose result is returned: forwarding.
; CHECK-LABEL: define ptr @indirect(
; CHECK-NEXT:    %p = call ptr %f(i64 %n)
; CHECK-NEXT:    ret ptr %p
define ptr @indirect(ptr %f, i64 %n) {
  %p = call ptr %f(i64 %n)
  ret ptr %p
}

; 10: a wrapper's call whose result is returned: a wrapper of a wrapper.
define ptr @wraps_wrapper(i64 %n) {
  %p = call ptr @g_malloc(i64 %n)
  ret ptr %p
}

; 11 and 12: a function the pass cannot see into, returned or not.
define ptr @forwards(i64 %n) {
  %p = call ptr @elsewhere(i64 %n)
  %q = call ptr @elsewhere(i64 %n)
  call void @take(ptr %q)
  ret ptr %p
}

declare ptr @malloc(i64)
declare ptr @calloc(i64, i64)
declare ptr @realloc(ptr, i64)
declare ptr @g_malloc(i64) allocsize(0)
declare ptr @elsewhere(i64)
declare void @take(ptr)
declare void @abort()
