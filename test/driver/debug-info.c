// RUN: %tmcc -### -c %s 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: %tmcc -### -c -g %s 2>&1 | FileCheck %s --check-prefix=FULL
// RUN: %tmcc -### -c -gdwarf-4 %s 2>&1 | FileCheck %s --check-prefix=FULL
// RUN: %tmcc -### -c -g0 %s 2>&1 | FileCheck %s --check-prefix=NONE
// Without a -g option tmcc asks for line tables; any -g option, -g0 included, leaves debug info to the user.

// DEFAULT: "-debug-info-kind=line-tables-only"
// FULL: "-debug-info-kind=constructor"
// NONE: "-cc1"
// NONE-NOT: "-debug-info-kind

int main(void) { return 0; }
