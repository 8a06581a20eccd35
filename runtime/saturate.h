/*
 * Sums of block sizes that stop at the largest value instead of wrapping:
 * a loaded dump may hold any 64-bit sizes, and two blocks of 2^63 bytes
 * must not add up to 0.  Header-only, for the runtime and tmreport.
 */
#ifndef TM_SATURATE_H
#define TM_SATURATE_H

#include <limits.h>
#include <stdint.h>

/* a + b, or UINT64_MAX when that does not fit. */
static inline uint64_t tm_add_saturated(uint64_t a, uint64_t b) {
  uint64_t sum;
  return __builtin_add_overflow(a, b, &sum) ? UINT64_MAX : sum;
}

/* a - b, within [-LLONG_MAX, LLONG_MAX]. */
static inline long long tm_diff_saturated(uint64_t a, uint64_t b) {
  uint64_t magnitude = a >= b ? a - b : b - a;
  long long d = magnitude > (uint64_t)LLONG_MAX ? LLONG_MAX
                                                : (long long)magnitude;
  return a >= b ? d : -d;
}

#endif /* TM_SATURATE_H */
