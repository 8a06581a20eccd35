// RUN: env TMCC_CLANG=%inputs/driver/print-argv %tmcc -ftm-no-auto-wrapper -c %s | FileCheck %s -DPLUGIN=%plugin
// RUN: env TMCC_CLANG=%inputs/driver/print-argv %tmcc -ftm-no-auto-wrapper -ftm-wrapper=xmalloc -c %s | FileCheck %s --check-prefix=BOTH -DPLUGIN=%plugin
// RUN: env TMCC_CLANG=%inputs/driver/print-argv %tmcc -c %s | FileCheck %s --check-prefix=DEFAULT
// RUN: echo "-ftm-no-auto-wrapper" > %t.rsp
// RUN: not %tmcc @%t.rsp -c %s 2>&1 | FileCheck %s --check-prefix=RSP
// RUN: %tmcc -ftm-no-auto-wrapper -O1 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: %tmcc -O1 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR-AUTO
// -ftm-no-auto-wrapper loads the plugin early and turns its wrapper
// detection off (-mllvm -tracemalloc-auto-wrapper=false): a function that
// returns its block keeps its own line, TM_SITE_RETURNED (4) is not set,
// and no forwarding record (kind 19) is made.  Like -ftm-wrapper, it must
// be on the command line.
#include <stdlib.h>

void *make(size_t n) { return malloc(n); }

// CHECK: "-fplugin=[[PLUGIN]]" "-mllvm" "-tracemalloc-auto-wrapper=false"
// BOTH: "-fplugin=[[PLUGIN]]" "-mllvm" "-tracemalloc-wrapper=xmalloc" "-mllvm" "-tracemalloc-auto-wrapper=false"
// DEFAULT-NOT: -tracemalloc-auto-wrapper
// RSP: tmcc: error: '-ftm-no-auto-wrapper' cannot come from a response file (@file): give it on the command line
// IR: %struct.tm_site { i32 0, i16 1, i16 2,
// IR-AUTO: %struct.tm_site { i32 0, i16 1, i16 6,
