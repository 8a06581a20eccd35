/*
 * One step of the churn loop, shared by churn and threads: the block in a
 * random slot of a window is freed and replaced by a new one, whose first
 * and last bytes are written (and read back when it is replaced, into the
 * checksum).  The new block's size comes from one of two distributions:
 *
 *   CHURN_UNIFORM  8 B to 4 KiB, uniform: the budget's loop (DESIGN.md)
 *   CHURN_SMALL    7 in 8 blocks of 16 to 143 B, 1 in 8 of 144 B to 4 KiB:
 *                  the shape of real programs' heaps, where most blocks
 *                  are small and a tracer's per-block cost weighs most
 */
#ifndef BENCH_CHURN_STEP_H
#define BENCH_CHURN_STEP_H

#include <stdbool.h>
#include <stdlib.h>

#include "random.h"

#define WINDOW 4096

enum churn_sizes { CHURN_UNIFORM, CHURN_SMALL };

/* A block size from the high 32 bits of r (the low ones pick the slot). */
static inline size_t churn_size(uint64_t r, enum churn_sizes sizes) {
  uint32_t bits = (uint32_t)(r >> 32);
  if (sizes == CHURN_UNIFORM)
    return 8 + bits % (4096 - 8 + 1);
  if (bits % 8)
    return 16 + (bits >> 3) % 128;
  return 144 + (bits >> 3) % (4096 - 144 + 1);
}

/* false when malloc failed. */
static inline bool churn_step(unsigned char **blocks, size_t *sizes,
                              uint64_t *rng, uint64_t *checksum,
                              enum churn_sizes distribution) {
  uint64_t r = xorshift(rng);
  size_t slot = r % WINDOW;
  size_t size = churn_size(r, distribution);
  if (blocks[slot])
    *checksum += blocks[slot][0] + blocks[slot][sizes[slot] - 1];
  free(blocks[slot]);
  blocks[slot] = malloc(size);
  if (!blocks[slot])
    return false;
  blocks[slot][0] = (unsigned char)r;
  blocks[slot][size - 1] = (unsigned char)(r >> 8);
  sizes[slot] = size;
  *checksum += size;
  return true;
}

#endif /* BENCH_CHURN_STEP_H */
