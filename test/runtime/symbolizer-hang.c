// RUN: %tmcc -O1 -rdynamic %s -o %t
// RUN: printf '#!/bin/sh\nexec cat >/dev/null\n' > %t.silent
// RUN: printf '#!/bin/sh\nexit 0\n' > %t.exits
// RUN: printf '#!/bin/sh\nread line\nprintf "answered\\n??:0:0\\n\\n"\nexec cat >/dev/null\n' > %t.once
// RUN: chmod +x %t.silent %t.exits %t.once
//
// RUN: rm -f %t.silent.dump
// RUN: env TRACEMALLOC=4 TRACEMALLOC_TOP=1 TRACEMALLOC_DUMP=%t.silent.dump \
// RUN:   TRACEMALLOC_SYMBOLIZER=%t.silent timeout 30 %t 2> %t.silent.err
// RUN: FileCheck --check-prefixes=TOP,SILENT -DSCRIPT=%t.silent -DSECONDS=5 %s < %t.silent.err
// RUN: %bindir/tmreport folded %t.silent.dump | FileCheck --check-prefix=NAMES -DEXE=%t %s
//
// RUN: rm -f %t.exits.dump
// RUN: env TRACEMALLOC=4 TRACEMALLOC_TOP=1 TRACEMALLOC_DUMP=%t.exits.dump \
// RUN:   TRACEMALLOC_SYMBOLIZER=%t.exits timeout 30 %t 2> %t.exits.err
// RUN: FileCheck --check-prefixes=TOP,EXITS -DSCRIPT=%t.exits %s < %t.exits.err
// RUN: %bindir/tmreport folded %t.exits.dump | FileCheck --check-prefix=NAMES -DEXE=%t %s
//
// RUN: rm -f %t.once.dump
// RUN: env TRACEMALLOC=4 TRACEMALLOC_TOP=1 TRACEMALLOC_DUMP=%t.once.dump \
// RUN:   TRACEMALLOC_SYMBOLIZER=%t.once TRACEMALLOC_SYMBOLIZER_TIMEOUT=1 \
// RUN:   timeout 30 %t 2> %t.once.err
// RUN: FileCheck --check-prefixes=TOP,SILENT -DSCRIPT=%t.once -DSECONDS=1 %s < %t.once.err
// RUN: %bindir/tmreport folded %t.once.dump | FileCheck --check-prefix=NAMES -DEXE=%t %s
//
// A symbolizer that stops answering cannot hold the program at exit: the
// exit report and the exit dump symbolize in one batch with a deadline
// (TRACEMALLOC_SYMBOLIZER_TIMEOUT seconds, 5 by default), and a symbolizer
// that reads and never answers, one that exits at once, and one that
// answers one request and then hangs are each given up with one warning.
// The frames it did not answer get dladdr's names and their module, line
// 0, as without a symbolizer.  `timeout 30` only bounds a failure: the
// program exits within its deadline.
#include <stdlib.h>

void *kept;

__attribute__((noinline)) void *allocate(size_t n) {
  void *p = malloc(n); // line 39
  __asm__ volatile("");
  return p;
}

int main(void) {
  kept = allocate(100);
  return 0;
}

// TOP:         {{^}}tracemalloc: warning: [[SCRIPT]]
// SILENT-SAME: did not answer within [[SECONDS]] s; tracebacks show modules and symbols, not lines (TRACEMALLOC_SYMBOLIZER_TIMEOUT sets the wait)
// EXITS-SAME:  exits without answering; tracebacks show modules and symbols, not lines
// TOP-NEXT:    symbolizer-hang.c:39: size=100 B, count=1, average=100 B
// TOP-NOT:     {{.}}

// NAMES:     {{^/.*/libc\.so\.6}}:0;main ([[EXE]]:0);allocate ({{.*}}symbolizer-hang.c:39) 100{{$}}
// NAMES-NOT: {{.}}
