// RUN: not %tmcc %s -static -o %t 2>&1 | FileCheck %s
// RUN: not %tmcc %s -static-pie -o %t 2>&1 | FileCheck %s
// RUN: %tmcc -static -c %s -o %t.o
// A static link is refused with one clear line (the runtime needs the
// dynamic loader to find the real malloc); compiling alone is fine.
// CHECK: tmcc: error: -static is not supported: tracing needs a dynamically linked program (drop -static, or build this binary with clang)
// CHECK-NOT: {{.}}
int main(void) { return 0; }
