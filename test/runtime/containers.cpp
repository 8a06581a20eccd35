// RUN: cd %S && %tmcxx -O2 containers.cpp -o %t && %t | FileCheck %s
// RUN: cd %S && %tmcxx -O0 containers.cpp -o %t.O0 && %t.O0 | FileCheck %s
// C++ containers growing: the blocks std::vector and std::map allocate
// deep in the standard library's templates are charged to the line of the
// program that grew the container, not to libstdc++'s headers.
#include <cstdio>
#include <map>
#include <vector>
#include <tracemalloc.h>

static std::vector<long> numbers;
static std::map<int, int> squares;

int main() {
  std::setvbuf(stdout, nullptr, _IONBF, 0);
  tm_start(1);
  for (int i = 0; i < 1000; i++)
    numbers.push_back(i); // line 18
  for (int i = 0; i < 100; i++)
    squares[i] = i * i; // line 20
  tm_snapshot *snap = tm_take_snapshot();
  tm_stats *st = tm_snapshot_statistics(snap, TM_KEY_LINENO, false);
  char line[512];
  for (size_t i = 0; i < tm_stats_count(st); i++) {
    tm_stat_format(tm_stats_get(st, i), line, sizeof line);
    std::puts(line);
  }
  tm_stats_free(st);
  tm_snapshot_free(snap);
  return 0;
}
// The vector's final buffer holds 1024 longs; the map has 100 nodes of
// 40 bytes (three pointers, a color, the pair).
// CHECK:      containers.cpp:18: size=8192 B, count=1, average=8192 B
// CHECK-NEXT: containers.cpp:20: size=4000 B, count=100, average=40 B
// CHECK-NOT:  {{.}}
