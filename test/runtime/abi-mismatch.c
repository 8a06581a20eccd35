// RUN: %tmcc -O1 %s -o %t && %t 2>&1 | FileCheck %s
// A module instrumented for another ABI version is refused with one line
// naming it and what to do; its records keep id 0, the program runs on and
// the allocations still count, as <unknown>.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

/* The registration entry point of the pass-runtime contract (tm_abi.h). */
void __tm_register_sites(uint32_t abi_version, void *start, void *stop);

/* Records of a future ABI: their layout is unknown to this runtime. */
static struct { uint32_t id; uint32_t rest[15]; } future[2] = {{0}, {0}};

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  __tm_register_sites(99, &future[0], &future[2]);
  // CHECK: tracemalloc: error: {{.*}}abi-mismatch.c.tmp was instrumented for tracemalloc ABI 99 but this runtime speaks ABI 3; its allocations are traced without their source lines.  Rebuild it with the tmcc that matches this libtracemalloc.
  printf("ids %u %u\n", future[0].id, future[1].id);
  // CHECK-NEXT: ids 0 0
  tm_start(1);
  void *p = malloc(10);
  size_t current;
  tm_get_traced_memory(&current, NULL);
  printf("current %zu\n", current);
  // CHECK-NEXT: current 10
  free(p);
  return 0;
}
