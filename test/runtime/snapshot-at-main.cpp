// RUN: %tmcxx -O1 %s -o %t
// RUN: rm -f %t.main.dump %t.exit.dump
// RUN: env TRACEMALLOC=1 TRACEMALLOC_SNAPSHOT_AT=main TRACEMALLOC_TOP=5 TRACEMALLOC_DUMP=%t.main.dump %t 2>&1 | FileCheck %s --match-full-lines
// RUN: tmreport top %t.main.dump | FileCheck %s --match-full-lines
// RUN: env TRACEMALLOC=1 TRACEMALLOC_TOP=5 TRACEMALLOC_DUMP=%t.exit.dump %t 2>&1 | count 0
// RUN: tmreport info %t.exit.dump | FileCheck %s --check-prefix=EXIT
// RUN: env TRACEMALLOC=1 TRACEMALLOC_SNAPSHOT_AT=end TRACEMALLOC_TOP=5 %t 2>&1 | FileCheck %s --check-prefix=BAD
// The containers of a C++ program's static objects are freed by their
// destructors, which exit() runs before the runtime's own exit handler: by
// then they are gone, and the exit snapshot holds none of their blocks.
// TRACEMALLOC_SNAPSHOT_AT=main takes it when main returns instead, before
// the destructors, for TRACEMALLOC_TOP and TRACEMALLOC_DUMP alike.
#include <map>
#include <vector>

static std::vector<long> numbers;
static std::map<int, int> squares;

int main() {
  for (int i = 0; i < 1000; i++)
    numbers.push_back(i); // line 21
  for (int i = 0; i < 100; i++)
    squares[i] = i * i; // line 23
  return 0;
}
// CHECK:      {{.*}}snapshot-at-main.cpp:21: size=8192 B, count=1, average=8192 B
// CHECK-NEXT: {{.*}}snapshot-at-main.cpp:23: size=4000 B, count=100, average=40 B
// CHECK-NOT:  {{.}}

// EXIT: blocks: 0

// BAD: tracemalloc: warning: ignoring TRACEMALLOC_SNAPSHOT_AT='end': expected main or exit
