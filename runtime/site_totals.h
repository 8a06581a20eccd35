/*
 * What the heaps and the address table count, summed per allocation site
 * (a captured stack counts at the site it starts at): for /metrics and
 * tmctl's status, which need per-site and total figures, not a trace per
 * block as a snapshot makes.
 */
#ifndef TM_SITE_TOTALS_H
#define TM_SITE_TOTALS_H

#include "internal.h"

#pragma GCC visibility push(hidden)

typedef struct tm_site_total {
  uint32_t site; /* 0: uninstrumented code */
  uint64_t blocks, bytes;    /* alive now */
  uint64_t allocs, allocated; /* since tracing started, and their bytes */
} tm_site_total;

typedef struct tm_site_totals {
  tm_site_total *sites; /* tm_real.malloc's, by no order */
  size_t n;
  uint64_t blocks, bytes, allocs, allocated; /* over every site */
} tm_site_totals;

/* Sums the counts now; false without memory (then *t holds nothing). */
bool tm_site_totals_collect(tm_site_totals *t);
void tm_site_totals_free(tm_site_totals *t);

#pragma GCC visibility pop

#endif /* TM_SITE_TOTALS_H */
