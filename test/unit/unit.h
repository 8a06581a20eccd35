/* A minimal harness for the runtime's unit tests: CHECK records a failure
 * with its location and goes on; main() prints the totals. */
#ifndef TM_UNIT_H
#define TM_UNIT_H

#include <stdio.h>

extern int tm_unit_checks, tm_unit_failures;

#define CHECK(cond)                                                           \
  do {                                                                        \
    tm_unit_checks++;                                                         \
    if (!(cond)) {                                                            \
      tm_unit_failures++;                                                     \
      printf("%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);         \
    }                                                                         \
  } while (0)

#define CHECK_EQ(a, b)                                                        \
  do {                                                                        \
    long long tm_a_ = (long long)(a), tm_b_ = (long long)(b);                 \
    tm_unit_checks++;                                                         \
    if (tm_a_ != tm_b_) {                                                     \
      tm_unit_failures++;                                                     \
      printf("%s:%d: CHECK_EQ failed: %s == %lld, %s == %lld\n", __FILE__,    \
             __LINE__, #a, tm_a_, #b, tm_b_);                                 \
    }                                                                         \
  } while (0)

#endif
