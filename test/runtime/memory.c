// RUN: %tmcc -O2 %s -o %t && %t | FileCheck %s
// tm_get_tracemalloc_memory counts the tracer's own memory: 32 bytes per
// live traced block (a 24-byte slot and the 8-byte tag at the block's
// end), and never more than the 48 bytes the design allows.
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
         per_block >= 31.9 && per_block <= 32.1 ? "ok" : "wrong", per_block);
  // CHECK: per block ok
  for (int i = 0; i < N; i++)
    free(blocks[i]);
  return 0;
}
