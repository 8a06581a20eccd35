// RUN: rm -rf %t && mkdir %t
// RUN: cd %S && %tmcxx -O1 -ftm-no-auto-wrapper pprof-views.cpp -o %t/prog
// RUN: env TRACEMALLOC=4 TRACEMALLOC_DUMP=%t/heap.dump %t/prog
// RUN: %tmreport pprof %t/heap.dump -o %t/heap.pb.gz
// RUN: env HOME=%t GOCACHE=%t/gocache GOFLAGS=-mod=mod PPROF_TMPDIR=%t \
// RUN:   go tool pprof -tags %t/heap.pb.gz | FileCheck %s --check-prefix=TAGS
// RUN: env HOME=%t GOCACHE=%t/gocache GOFLAGS=-mod=mod PPROF_TMPDIR=%t \
// RUN:   go tool pprof -top -tagfocus=bytes=500B: %t/heap.pb.gz | FileCheck %s --check-prefix=FOCUS
// RUN: env HOME=%t GOCACHE=%t/gocache GOFLAGS=-mod=mod PPROF_TMPDIR=%t \
// RUN:   go tool pprof -traces %t/heap.pb.gz | FileCheck %s --check-prefix=NAMES
// RUN: cd %S && env HOME=%t GOCACHE=%t/gocache GOFLAGS=-mod=mod PPROF_TMPDIR=%t \
// RUN:   go tool pprof -weblist='make_node' -output=%t/source.html %t/heap.pb.gz
// RUN: FileCheck %s --check-prefix=WEBLIST < %t/source.html
// What pprof's users reach for in a profile of a C++ program: the size of
// the blocks as the numeric label "bytes" (one sample per traceback and
// size, so -tags shows the sizes and -tagfocus picks them), one name per
// function whether the frame came from the pass (the allocating one) or
// from the symbolizer (its callers), and the source view (-weblist, the
// web UI's Source), which shows the source instead of failing to
// disassemble the program.
#include <cstdlib>

namespace tree {
struct node {
  char payload[1];
};

__attribute__((noinline)) void *make_node(std::size_t size) {
  return std::malloc(size); // the allocation
}

__attribute__((noinline)) void *grow(int i) {
  void *volatile block = make_node(i % 4 ? 24 : 1000); // two sizes, one line
  return block;
}
} // namespace tree

void *kept[8];

int main() {
  for (int i = 0; i < 8; i++)
    kept[i] = tree::grow(i);
  return 0;
}

// 6 blocks of 24 B, 2 of 1000 B, from one traceback.
// TAGS:      bytes: Total 2.1kB
// TAGS-NEXT:   2.0kB (93.28%): 1000B
// TAGS-NEXT:  144.0B ( 6.72%): 24B

// FOCUS: Showing nodes accounting for 1.95kB, 93.28% of 2.09kB total

// NAMES:      tree::make_node
// NAMES-NEXT: tree::grow
// NAMES-NEXT: main

// WEBLIST: make_node
// WEBLIST: the allocation
