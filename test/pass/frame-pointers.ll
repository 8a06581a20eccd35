; RUN: %opt -load-pass-plugin=%plugin -passes="tracemalloc,verify" -S %s | FileCheck %s
; A site's flags say whether its function keeps a frame pointer (2, TM_SITE_FRAME_POINTERS): under "frame-pointer"="all" and "non-leaf" it does (a function that calls is never a leaf), under "none" or without the attribute it does not (no line tables here: 1 is TM_SITE_NO_DEBUG_INFO; each function returns its block, 4 is TM_SITE_RETURNED); the runtime follows the frame records of an object only when all its sites say so.

source_filename = "fp.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; CHECK: [[ALL:@__tm_str[.0-9]*]] = {{.*}} c"all\00"
; CHECK-NEXT: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 1, i16 7, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[ALL]] }
; CHECK: [[NONLEAF:@__tm_str[.0-9]*]] = {{.*}} c"non_leaf\00"
; CHECK-NEXT: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 1, i16 7, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[NONLEAF]] }
; CHECK: [[NONE:@__tm_str[.0-9]*]] = {{.*}} c"none\00"
; CHECK-NEXT: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 1, i16 5, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[NONE]] }
; CHECK: [[UNSAID:@__tm_str[.0-9]*]] = {{.*}} c"unsaid\00"
; CHECK-NEXT: @__tm_site{{[.0-9]*}} = private global %struct.tm_site { i32 0, i16 1, i16 5, i32 0, i32 0, ptr {{@__tm_str[.0-9]*}}, ptr {{@__tm_str[.0-9]*}}, ptr [[UNSAID]] }

declare ptr @malloc(i64)

define ptr @all(i64 %n) "frame-pointer"="all" {
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}

define ptr @non_leaf(i64 %n) "frame-pointer"="non-leaf" {
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}

define ptr @none(i64 %n) "frame-pointer"="none" {
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}

define ptr @unsaid(i64 %n) {
  %p = call ptr @malloc(i64 %n)
  ret ptr %p
}
