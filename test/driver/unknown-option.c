// RUN: not env TMCC_CLANG=%inputs/driver/print-argv %tmcc -ftm-foo -c %s > %t.out 2>&1
// RUN: FileCheck %s --input-file=%t.out
// RUN: count 1 < %t.out
// RUN: echo "-ftm-bar" > %t.rsp
// RUN: not %tmcc @%t.rsp -c %s 2>&1 | FileCheck %s --check-prefix=IN-RSP
// RUN: not %tmcxx -ftm-foo -c %s 2>&1 | FileCheck %s --check-prefix=TMCXX
// tmcc rejects any -ftm- option it does not know, even in a response file, with one line and without running clang.

// CHECK: {{^}}tmcc: error: unknown option '-ftm-foo'{{$}}
// IN-RSP: {{^}}tmcc: error: unknown option '-ftm-bar'{{$}}
// TMCXX: {{^}}tmc++: error: unknown option '-ftm-foo'{{$}}

int main(void) { return 0; }
