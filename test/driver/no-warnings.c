// RUN: rm -rf %t && mkdir -p %t
// RUN: %tmcc -Werror -Wall -E %s -o %t/a.i 2>&1 | count 0
// RUN: %tmcc -Werror -Wall -M %s -o %t/a.d 2>&1 | count 0
// RUN: %tmcc -Werror -Wall -fsyntax-only %s 2>&1 | count 0
// RUN: %tmcc -Werror -Wall -S %s -o %t/a.s 2>&1 | count 0
// RUN: %tmcc -Werror -Wall -c %s -o %t/a.o 2>&1 | count 0
// RUN: %tmcc -Werror -Wall %t/a.o -o %t/from-object 2>&1 | count 0
// RUN: %tmcc -Werror -Wall %s -o %t/from-source 2>&1 | count 0
// RUN: %t/from-object && %t/from-source
// What tmcc adds draws no warning from clang in any mode, so -Werror builds and configure-style probes behave as they do with clang.

int main(void) { return 0; }
