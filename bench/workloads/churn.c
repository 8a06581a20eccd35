/*
 * churn: the worst case for a heap tracer.  One thread replaces random
 * blocks of 8 B to 4 KiB in a window of 4096 live blocks; nearly all the
 * time is spent in malloc and free.
 *
 *   churn [operations]     (default 20000000)
 *
 * Prints a checksum of the sizes and contents, so a broken build cannot
 * pass for a fast one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "random.h"

#define WINDOW 4096

static uint64_t rng = RANDOM_SEED;

int main(int argc, char **argv) {
  long operations = argc > 1 ? atol(argv[1]) : 20000000;
  static unsigned char *blocks[WINDOW];
  static size_t sizes[WINDOW];
  uint64_t checksum = 0;
  for (long i = 0; i < operations; i++) {
    uint64_t r = xorshift(&rng);
    size_t slot = r % WINDOW;
    size_t size = 8 + (r >> 32) % (4096 - 8 + 1);
    if (blocks[slot])
      checksum += blocks[slot][0] + blocks[slot][sizes[slot] - 1];
    free(blocks[slot]);
    blocks[slot] = malloc(size);
    if (!blocks[slot])
      return 1;
    blocks[slot][0] = (unsigned char)r;
    blocks[slot][size - 1] = (unsigned char)(r >> 8);
    sizes[slot] = size;
    checksum += size;
  }
  for (size_t i = 0; i < WINDOW; i++)
    free(blocks[i]);
  printf("churn checksum %llu\n", (unsigned long long)checksum);
  return 0;
}
