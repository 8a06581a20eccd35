/*
 * The workloads' random numbers: xorshift64, deterministic, so that every
 * configuration of a workload does the same work and prints the same
 * checksum.  The state must never be 0.
 */
#ifndef BENCH_RANDOM_H
#define BENCH_RANDOM_H

#include <stdint.h>

#define RANDOM_SEED 0x9e3779b97f4a7c15ull

static inline uint64_t xorshift(uint64_t *state) {
  *state ^= *state << 13;
  *state ^= *state >> 7;
  *state ^= *state << 17;
  return *state;
}

#endif /* BENCH_RANDOM_H */
