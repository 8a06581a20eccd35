; Input of pass/reallocarray-pvalloc.ll: the glibc functions the pass matches
; by name, declared with prototypes glibc does not have.
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

; Returns an int, not a pointer.
define i32 @grow(ptr %q, i64 %n) {
  %r = call i32 @reallocarray(ptr %q, i64 %n, i64 16)
  ret i32 %r
}

; size_t is 64 bits wide on x86_64.
define ptr @page(i32 %n) {
  %p = call ptr @pvalloc(i32 %n)
  ret ptr %p
}

; Right types, wrong name: matching is by exact name.
define ptr @grow2(ptr %q, i64 %n) {
  %p = call ptr @reallocarray2(ptr %q, i64 %n)
  ret ptr %p
}

declare i32 @reallocarray(ptr, i64, i64)
declare ptr @pvalloc(i32)
declare ptr @reallocarray2(ptr, i64)
