/*
 * churn: the worst case for a heap tracer.  One thread replaces random
 * blocks in a window of 4096 live blocks; nearly all the time is spent in
 * malloc and free.
 *
 *   churn [operations] [uniform|small]     (default 20000000 uniform)
 *
 * uniform: blocks of 8 B to 4 KiB; small: 7 in 8 blocks of 16 to 143 B,
 * 1 in 8 of 144 B to 4 KiB (churn_step.h).  Prints a checksum of the
 * sizes and contents, so a broken build cannot pass for a fast one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "churn_step.h"

static uint64_t rng = RANDOM_SEED;

int main(int argc, char **argv) {
  long operations = argc > 1 ? atol(argv[1]) : 20000000;
  const char *distribution = argc > 2 ? argv[2] : "uniform";
  bool small = strcmp(distribution, "small") == 0;
  if (!small && strcmp(distribution, "uniform") != 0) {
    fprintf(stderr, "churn: sizes must be uniform or small, not '%s'\n", distribution);
    return 2;
  }
  static unsigned char *blocks[WINDOW];
  static size_t sizes[WINDOW];
  uint64_t checksum = 0;
  /* One loop per distribution, each with a constant: a test of the
   * distribution at every step would cost 3 instructions per operation. */
  if (small) {
    for (long i = 0; i < operations; i++)
      if (!churn_step(blocks, sizes, &rng, &checksum, CHURN_SMALL))
        return 1;
  } else {
    for (long i = 0; i < operations; i++)
      if (!churn_step(blocks, sizes, &rng, &checksum, CHURN_UNIFORM))
        return 1;
  }
  for (size_t i = 0; i < WINDOW; i++)
    free(blocks[i]);
  printf("churn checksum %llu\n", (unsigned long long)checksum);
  return 0;
}
