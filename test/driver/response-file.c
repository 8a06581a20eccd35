// RUN: rm -rf %t && mkdir -p %t
// RUN: printf '%%s\n' '-O1 "-DNAME=\"x y\"" @%t/nested.rsp' > %t/outer.rsp
// RUN: printf '%%s\n' "'-c'" > %t/nested.rsp
// RUN: %tmcc -### @%t/outer.rsp %s -o %t/out.o 2>&1 | FileCheck %s --check-prefix=MODE \
// RUN:   -DPLUGIN=%plugin --implicit-check-not=-ltracemalloc --implicit-check-not=-rpath
// RUN: env TMCC_CLANG=%inputs/driver/print-argv %tmcc @%t/outer.rsp %s -o %t/out.o \
// RUN:   | FileCheck %s --check-prefix=ARGV -DT=%t
// RUN: env TMCC_CLANG=%inputs/driver/print-argv %tmcc -c @%t/missing.rsp %s \
// RUN:   | FileCheck %s --check-prefix=MISSING-ARGV -DT=%t
// RUN: not %tmcc -c @%t/missing.rsp %s 2>&1 | FileCheck %s --check-prefix=MISSING -DT=%t
// tmcc reads @file response files (nested, quoted) to learn what the command does, but passes them to clang unexpanded, and leaves an unreadable one for clang to report.

// The -c in the nested response file makes this a compile: no runtime.
// MODE: "-cc1"
// MODE-SAME: "-D" "NAME=\"x y\""
// MODE-SAME: "-fpass-plugin=[[PLUGIN]]"

// ARGV: "@[[T]]/outer.rsp" "{{.*}}response-file.c" "-o" "[[T]]/out.o" "-I
// ARGV-NOT: -ltracemalloc

// MISSING-ARGV: "-c" "@[[T]]/missing.rsp" "{{.*}}response-file.c" "-I

// MISSING: error: no such file or directory: '@[[T]]/missing.rsp'

int main(void) { return 0; }
