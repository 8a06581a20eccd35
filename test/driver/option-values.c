// RUN: %tmcc -### %s -o -c 2>&1 | FileCheck %s
// RUN: %tmcc -### %s -MD -MF -E -o %t 2>&1 | FileCheck %s
// RUN: %tmcc -### %s -Xlinker -r -o %t 2>&1 | FileCheck %s
// An option's separate value is not an option: an output named -c, a dependency file named -E, or a -r meant for the linker leaves the command a link.

// CHECK: "-cc1"
// CHECK: "-ltracemalloc"

int main(void) { return 0; }
