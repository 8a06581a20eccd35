// RUN: %tmcxx -### %s -o %t 2>&1 | FileCheck %s -DPLUGIN=%plugin -DLIBDIR=%libdir
// RUN: env TMCC_CLANG=/nonexistent/clang TMCXX_CLANG=%inputs/driver/print-argv %tmcxx -c %s \
// RUN:   | FileCheck %s --check-prefix=OVERRIDE
// tmc++ runs clang++, which compiles C++ and links its standard library, with the same tracing arguments as tmcc, and TMCXX_CLANG overrides it.

// CHECK: "-cc1"
// CHECK-SAME: "-fpass-plugin=[[PLUGIN]]"
// CHECK-SAME: "-x" "c++"
// CHECK: "-rpath" "[[LIBDIR]]" "-ltracemalloc" "--pop-state"
// CHECK-SAME: "-lstdc++"

// OVERRIDE: "-c" "{{.*}}tmcxx.cpp" "-I

#include <vector>

int main() { return std::vector<int>(1).front(); }
