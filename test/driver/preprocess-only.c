// RUN: %tmcc -### -E %s 2>&1 | FileCheck %s -DINCLUDEDIR=%includedir \
// RUN:   --implicit-check-not=-fpass-plugin --implicit-check-not=-ltracemalloc
// RUN: %tmcc -### -M %s 2>&1 | FileCheck %s -DINCLUDEDIR=%includedir \
// RUN:   --implicit-check-not=-fpass-plugin --implicit-check-not=-ltracemalloc
// RUN: %tmcc -### -MM %s 2>&1 | FileCheck %s -DINCLUDEDIR=%includedir \
// RUN:   --implicit-check-not=-fpass-plugin --implicit-check-not=-ltracemalloc
// RUN: %tmcc -### -fsyntax-only %s 2>&1 | FileCheck %s -DINCLUDEDIR=%includedir \
// RUN:   --implicit-check-not=-fpass-plugin --implicit-check-not=-ltracemalloc
// RUN: %tmcc -E %s | FileCheck %s --check-prefix=HEADER
// RUN: %tmcc -MM %s | FileCheck %s --check-prefix=DEPS -DINCLUDEDIR=%includedir
// Commands that generate no code (-E, -M, -MM, -fsyntax-only) see tracemalloc.h but neither load the pass plugin nor link the runtime.

// CHECK: "-cc1"
// CHECK-SAME: "-I" "[[INCLUDEDIR]]"

// HEADER: int tm_start(int nframe);
// DEPS: [[INCLUDEDIR]]/tracemalloc.h

#include <tracemalloc.h>
