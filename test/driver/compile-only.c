// RUN: %tmcc -### -O2 -c %s -o %t.o 2>&1 | FileCheck %s -DINCLUDEDIR=%includedir \
// RUN:   -DPLUGIN=%plugin --implicit-check-not=-ltracemalloc --implicit-check-not=-rpath
// RUN: %tmcc -### -O2 -S %s -o %t.s 2>&1 | FileCheck %s -DINCLUDEDIR=%includedir \
// RUN:   -DPLUGIN=%plugin --implicit-check-not=-ltracemalloc --implicit-check-not=-rpath
// Compiling without linking (-c, -S) runs the pass plugin with frame pointers, line tables and the header directory, and links no runtime.

// CHECK: "-cc1"
// CHECK-SAME: "-mframe-pointer=all"
// CHECK-SAME: "-debug-info-kind=line-tables-only"
// CHECK-SAME: "-I" "[[INCLUDEDIR]]"
// CHECK-SAME: "-fpass-plugin=[[PLUGIN]]"

int main(void) { return 0; }
