// RUN: env TMCC_CLANG=%inputs/driver/print-argv %tmcc -x c %s -c -o %t.o \
// RUN:   | FileCheck %s --check-prefix=ARGV -DINCLUDEDIR=%includedir
// RUN: env TMCC_CLANG=%inputs/driver/print-argv %tmcc %s -c -o %t.o \
// RUN:   | FileCheck %s --check-prefix=NO-X
// RUN: %tmcc -### -xc %s -o %t 2>&1 | FileCheck %s -DPLUGIN=%plugin
// After a user's -x, tmcc puts "-x none" before its own arguments, so that the user's language never applies to anything tmcc adds.

// ARGV: "-x" "c" "{{.*}}language.c" "-c" "-o" "{{.*}}.o" "-x" "none" "-I[[INCLUDEDIR]]"
// NO-X-NOT: "none"

// CHECK: "-cc1"
// CHECK-SAME: "-fpass-plugin=[[PLUGIN]]"
// CHECK-SAME: "-x" "c"
// CHECK: "-ltracemalloc"

int main(void) { return 0; }
