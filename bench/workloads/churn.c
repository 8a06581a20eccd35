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

#include "churn_step.h"

static uint64_t rng = RANDOM_SEED;

int main(int argc, char **argv) {
  long operations = argc > 1 ? atol(argv[1]) : 20000000;
  static unsigned char *blocks[WINDOW];
  static size_t sizes[WINDOW];
  uint64_t checksum = 0;
  for (long i = 0; i < operations; i++)
    if (!churn_step(blocks, sizes, &rng, &checksum))
      return 1;
  for (size_t i = 0; i < WINDOW; i++)
    free(blocks[i]);
  printf("churn checksum %llu\n", (unsigned long long)checksum);
  return 0;
}
