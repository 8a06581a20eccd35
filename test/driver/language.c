// RUN: env TMCC_CLANG=%inputs/driver/print-argv %tmcc -x c %s -c -o %t.o \
// RUN:   | FileCheck %s --check-prefix=ARGV -DINCLUDEDIR=%includedir
// RUN: %tmcc -Werror -x c %s -o %t 2>&1 | count 0
// RUN: %tmcc -### -xc %s -o %t 2>&1 | FileCheck %s -DPLUGIN=%plugin
// A user's -x does not apply to what tmcc adds, which is only options: tmcc adds no "-x none" (clang would warn that it has no effect) and still compiles with the plugin and links the runtime.

// ARGV: "-x" "c" "{{.*}}language.c" "-c" "-o" "{{.*}}.o" "-I[[INCLUDEDIR]]"

// CHECK: "-cc1"
// CHECK-SAME: "-fpass-plugin=[[PLUGIN]]"
// CHECK-SAME: "-x" "c"
// CHECK: "-ltracemalloc"

int main(void) { return 0; }
