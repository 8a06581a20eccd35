// RUN: cd %S && %tmcxx -O2 -g libstdcxx-frames.cpp -o %t && %t | FileCheck %s
// RUN: cd %S && %tmcxx -O0 -g libstdcxx-frames.cpp -o %t.O0 && %t.O0 | FileCheck %s
// std::string's storage is allocated inside libstdc++ (operator new called
// from _M_create, built without frame pointers), so the frame-pointer walk
// from malloc cannot be trusted there: the system's unwinder takes over,
// and each block's traceback reaches the program's own line that made it,
// even when two lines reach operator new through the same library frames
// and the same frame-pointer chain (a remembered walk would give both the
// first line's traceback).
#include <cstdio>
#include <cstring>
#include <string>
#include <tracemalloc.h>

static unsigned construct_line, append_line;

/* The line of this file nearest to the allocation in the block's
 * traceback, 0 if none. */
static unsigned own_line(const void *p) {
  const tm_traceback *tb = tm_get_object_traceback(p);
  for (size_t i = tb ? tb->nframe : 0; i-- > 0;)
    if (std::strstr(tb->frames[i].filename, "libstdcxx-frames.cpp"))
      return tb->frames[i].lineno;
  return 0;
}

__attribute__((noinline)) static void make(std::string *a, std::string *b) {
  *a = std::string(200, 'a'); construct_line = __LINE__;
  b->append(300, 'b'); append_line = __LINE__;
}

int main() {
  tm_start(16);
  unsigned right = 0, runs = 50;
  for (unsigned i = 0; i < runs; i++) {
    std::string a, b;
    make(&a, &b);
    right += own_line(a.data()) == construct_line &&
             own_line(b.data()) == append_line;
  }
  std::printf("%u of %u pairs name their own lines\n", right, runs);
  // CHECK: 50 of 50 pairs name their own lines
  tm_stop();
}
