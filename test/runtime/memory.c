// RUN: %tmcc -O2 %s -o %t && %t | FileCheck %s
// tm_get_tracemalloc_memory counts the tracer's own memory: 8 bytes per
// live traced block, the tag at the block's end that carries its trace;
// the table counts (trace, size) pairs, not blocks, so it adds nothing per
// block.  (The table once held a 24-byte slot per block: 32 bytes.)
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

enum { N = 200000 };
static void *blocks[N];

int main(void) {
  puts("start"); // stdout's buffer is allocated now, before tracing
  tm_start(1);
  size_t before = tm_get_tracemalloc_memory();
  for (int i = 0; i < N; i++)
    blocks[i] = malloc(8);
  size_t after = tm_get_tracemalloc_memory();
  double per_block = (double)(after - before) / N;
  printf("per block %s (%.1f)\n",
         per_block >= 7.9 && per_block <= 8.1 ? "ok" : "wrong", per_block);
  // CHECK: per block ok
  for (int i = 0; i < N; i++)
    free(blocks[i]);
  return 0;
}
