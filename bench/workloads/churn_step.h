/*
 * One step of the churn loop, shared by churn and threads: the block in a
 * random slot of a window is freed and replaced by a new one of 8 B to
 * 4 KiB, whose first and last bytes are written (and read back when it is
 * replaced, into the checksum).
 */
#ifndef BENCH_CHURN_STEP_H
#define BENCH_CHURN_STEP_H

#include <stdbool.h>
#include <stdlib.h>

#include "random.h"

#define WINDOW 4096

/* false when malloc failed. */
static inline bool churn_step(unsigned char **blocks, size_t *sizes,
                              uint64_t *rng, uint64_t *checksum) {
  uint64_t r = xorshift(rng);
  size_t slot = r % WINDOW;
  size_t size = 8 + (r >> 32) % (4096 - 8 + 1);
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
