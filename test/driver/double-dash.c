// RUN: rm -rf %t && mkdir -p %t
// RUN: env TMCC_CLANG=%inputs/driver/print-argv %tmcc -x c -c -- %s \
// RUN:   | FileCheck %s --check-prefix=ARGV -DINCLUDEDIR=%includedir
// RUN: echo "-- %s" > %t/inputs.rsp
// RUN: env TMCC_CLANG=%inputs/driver/print-argv %tmcc -c @%t/inputs.rsp \
// RUN:   | FileCheck %s --check-prefix=RSP -DT=%t
// RUN: cd %t && %tmcc -### -x c -c -- %s 2>&1 | FileCheck %s -DPLUGIN=%plugin
// clang reads everything after "--" as an input file, so tmcc puts its arguments before the "--", or before the @file holding it.

// ARGV: "-x" "c" "-c" "-I[[INCLUDEDIR]]" {{.*}} "--" "{{.*}}double-dash.c"{{$}}
// RSP: "-c" "-I{{[^"]*}}" {{.*}} "@[[T]]/inputs.rsp"{{$}}

// CHECK: "-cc1"
// CHECK-SAME: "-fpass-plugin=[[PLUGIN]]"
// CHECK-SAME: "-x" "c" "{{.*}}double-dash.c"

int main(void) { return 0; }
