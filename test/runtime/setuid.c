// REQUIRES: setuid
// The program, the runtime beside it and the files live in a new
// directory under /tmp that every user can reach (the build tree may not
// be: a clone in a private directory); the program finds the runtime there
// through its second rpath when nobody cannot reach the first.
// RUN: d=$(mktemp -d /tmp/tracemalloc-setuid.XXXXXX) && chmod 755 $d
// RUN: cp %libdir/libtracemalloc.so* $d/
// RUN: %tmcc -O1 %s -o %t -Wl,-rpath,$d
// RUN: mkdir $d/root-only && chmod 1777 $d && chmod 700 $d/root-only
// RUN: echo secret > $d/root-only/file && chmod 600 $d/root-only/file
// RUN: cp %t $d/prog && chown root:root $d/prog && chmod 4755 $d/prog
// RUN: printf '#!/bin/sh\n: > %s/marker\nexec llvm-symbolizer "$@"\n' $d > $d/symbolizer
// RUN: chmod 755 $d/symbolizer
//
// RUN: setpriv --reuid=nobody --regid=nogroup --clear-groups \
// RUN:   env TRACEMALLOC=4 TRACEMALLOC_TOP=5 \
// RUN:   TRACEMALLOC_DUMP=$d/root-only/file \
// RUN:   TRACEMALLOC_PEAK_DUMP=$d/root-only/peak \
// RUN:   TRACEMALLOC_SYMBOLIZER=$d/symbolizer \
// RUN:   $d/prog > %t.out 2> %t.err
// RUN: FileCheck --check-prefix=ENV %s < %t.out
// RUN: FileCheck --check-prefix=IGNORED %s < %t.err
// RUN: count 1 < %t.err
// RUN: ls $d/root-only | FileCheck --check-prefix=FILES %s
// RUN: stat -c '%%a %%U' $d/root-only/file | FileCheck --check-prefix=MODE %s
// RUN: FileCheck --check-prefix=CONTENT %s < $d/root-only/file
// RUN: test ! -e $d/marker
//
// (No TRACEMALLOC variable at all here, not even the suite's live
// directory: the one warning is the symbolizer's.)
// RUN: setpriv --reuid=nobody --regid=nogroup --clear-groups \
// RUN:   env -u TRACEMALLOC_LIVE_DIR $d/prog api > %t.api.out 2> %t.api.err
// RUN: FileCheck --check-prefix=API %s < %t.api.out
// RUN: FileCheck --check-prefix=NO-SYMBOLIZER %s < %t.api.err
// RUN: count 1 < %t.api.err
// RUN: %t api | FileCheck --check-prefix=PLAIN %s
// RUN: rm -rf $d
//
// A set-user-ID program run by another user ignores every TRACEMALLOC*
// variable (secure_getenv, AT_SECURE): no tracing, no report, no dump in
// a directory only root may write, no root-only file replaced, and the
// user's own program is not run as the symbolizer; stderr says once that
// the variables were ignored.  Tracing the program starts itself still
// works, but runs no symbolizer (it would run with root's privileges and
// the user's environment): frames name their module, line 0, where the
// same program, not set-user-ID, has its lines.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>
#include <unistd.h>

void *kept;

/* Keeps the block itself (no wrapper): its traceback starts here. */
__attribute__((noinline)) void allocate(size_t n) {
  kept = malloc(n);
  __asm__ volatile("");
}

int main(int argc, char **argv) {
  printf("uid=%d euid=%d tracing=%d\n", (int)getuid(), (int)geteuid(),
         tm_is_tracing());
  if (argc > 1 && strcmp(argv[1], "api") == 0) {
    tm_start(4);
    allocate(100); // line 66
    const tm_traceback *tb = tm_get_object_traceback(kept);
    /* Oldest first: the last frame is the site, the one before its
     * caller, main, symbolized. */
    const tm_frame *caller = &tb->frames[tb->nframe - 2];
    printf("frames=%zu caller line=%u\n", tb->nframe, caller->lineno);
    tm_stop();
  } else {
    allocate(100);
  }
  return 0;
}

// ENV:      uid=65534 euid=0 tracing=0
// ENV-NOT:  {{.}}
// IGNORED:  tracemalloc: warning: a set-user-ID, set-group-ID or privileged program ignores the TRACEMALLOC* variables
// FILES:     file
// FILES-NOT: {{.}}
// MODE:     600 root
// CONTENT:  secret
// CONTENT-NOT: {{.}}

// API:      uid=65534 euid=0 tracing=0
// API-NEXT: frames=3 caller line=0
// NO-SYMBOLIZER: tracemalloc: warning: a set-user-ID, set-group-ID or privileged program runs no symbolizer; tracebacks show modules and symbols, not lines

// PLAIN:      uid=0 euid=0 tracing=0
// PLAIN-NEXT: frames=3 caller line=66
