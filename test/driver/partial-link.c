// RUN: %tmcc -### -r %s -o %t.o 2>&1 | FileCheck %s -DPLUGIN=%plugin \
// RUN:   --implicit-check-not=-ltracemalloc --implicit-check-not=-rpath
// A relocatable link (-r) compiles with the pass plugin but links no runtime: the program that links the object in does.

// CHECK: "-cc1"
// CHECK-SAME: "-fpass-plugin=[[PLUGIN]]"
// CHECK: "-r"

int f(void) { return 0; }
