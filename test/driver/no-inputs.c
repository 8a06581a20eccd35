// RUN: env TMCC_CLANG=%inputs/driver/print-argv %tmcc -dumpversion \
// RUN:   | FileCheck %s --check-prefix=DUMPVERSION --match-full-lines
// RUN: env TMCC_CLANG=%inputs/driver/print-argv %tmcc -print-file-name=libc.so -### \
// RUN:   | FileCheck %s --check-prefix=PRINT --match-full-lines
// RUN: env TMCC_CLANG=%inputs/driver/print-argv %tmcc --version -v \
// RUN:   | FileCheck %s --check-prefix=VERSION --match-full-lines
// RUN: %tmcc -dumpversion | FileCheck %s --check-prefix=CLANG
// RUN: not %tmcc 2>&1 | FileCheck %s --check-prefix=NOTHING
// A command without input files is a query for clang (or a mistake for clang to report): tmcc adds nothing to it.

// DUMPVERSION: "-dumpversion"
// PRINT: "-print-file-name=libc.so" "-###"
// VERSION: "--version" "-v"
// CLANG: {{^[0-9]+}}
// NOTHING: error: no input files
