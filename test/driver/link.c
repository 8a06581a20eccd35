// RUN: %tmcc -### %s -o %t 2>&1 \
// RUN:   | FileCheck %s -DLIBDIR=%libdir -DPLUGIN=%plugin
// RUN: %tmcc -### -MD %s -o %t 2>&1 \
// RUN:   | FileCheck %s -DLIBDIR=%libdir -DPLUGIN=%plugin
// RUN: %tmcc -### -shared -fPIC %s -o %t.so 2>&1 \
// RUN:   | FileCheck %s -DLIBDIR=%libdir -DPLUGIN=%plugin --check-prefixes=CHECK,SHARED
// RUN: %clang -c %s -o %t.o
// RUN: %tmcc -### %t.o -o %t 2>&1 | FileCheck %s --check-prefix=OBJECTS -DLIBDIR=%libdir
// A command that links (with -MD and -shared too, or from objects only) compiles with the pass plugin and links the shared runtime with an rpath to it.

// CHECK: "-cc1"
// CHECK-SAME: "-fpass-plugin=[[PLUGIN]]"
// SHARED: "-shared"
// CHECK: "-L[[LIBDIR]]"
// CHECK-SAME: "-rpath" "[[LIBDIR]]" "-ltracemalloc"

// OBJECTS: "-L[[LIBDIR]]"
// OBJECTS-SAME: "-rpath" "[[LIBDIR]]" "-ltracemalloc"

int main(void) { return 0; }
