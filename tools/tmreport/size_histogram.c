/*
 * The sizes of the live blocks of a dump's biggest lines, as heaptrack's
 * size histogram: a line's blocks counted (and their bytes added) in
 * buckets of block size that double, 0 to 16 B, 17 to 32 B, 33 to 64 B...
 * The dump holds each live block's exact size, so every block is in its
 * own bucket, none estimated.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pprof/id_table.h"
#include "tmreport.h"

_Static_assert(SIZE_MAX == UINT64_MAX,
               "SIZE_BUCKETS counts the buckets of 64-bit sizes");

/* Bucket 0 ends at 16 B; bucket b > 0 holds (2^(b+3), 2^(b+4)]. */
#define FIRST_BUCKET_BITS 4

static unsigned bucket_of(size_t size) {
  if (size <= (size_t)1 << FIRST_BUCKET_BITS)
    return 0;
  /* The bits of size - 1: 17 to 32 B have 5, ... */
  unsigned bits = 64 - (unsigned)__builtin_clzll((unsigned long long)size - 1);
  return bits - FIRST_BUCKET_BITS;
}

size_t bucket_low(unsigned b) {
  return b == 0 ? 0 : ((size_t)1 << (b + FIRST_BUCKET_BITS - 1)) + 1;
}

size_t bucket_high(unsigned b) {
  return b == SIZE_BUCKETS - 1 ? SIZE_MAX
                               : (size_t)1 << (b + FIRST_BUCKET_BITS);
}

/* Adds each of the snapshot's blocks to its line's histogram, the lines
 * being the first h->n of h->lines, ids 1 to h->n of `lines`; the other
 * lines' blocks are not counted.  false without memory. */
static bool count_blocks(size_histograms *h, const tm_snapshot *snapshot,
                         tm_id_table *lines) {
  for (size_t i = 0; i < tm_snapshot_trace_count(snapshot); i++) {
    const tm_trace *t = tm_snapshot_trace(snapshot, i);
    bool added;
    uint32_t id =
        tm_id_intern(lines, statistic_key(t->traceback, TM_KEY_LINENO), &added);
    if (!id)
      return false;
    if (id > h->n)
      continue;
    line_sizes *line = &h->sites[id - 1];
    unsigned b = bucket_of(t->size);
    line->buckets[b].blocks++;
    line->buckets[b].bytes += t->size;
  }
  return true;
}

/* The buckets from the smallest block's to the biggest's, and the most
 * blocks of one. */
static void find_range(line_sizes *line) {
  line->first = SIZE_BUCKETS - 1;
  line->last = 0;
  for (unsigned b = 0; b < SIZE_BUCKETS; b++) {
    size_t blocks = line->buckets[b].blocks;
    if (!blocks)
      continue;
    if (b < line->first)
      line->first = b;
    line->last = b;
    if (blocks > line->most_blocks)
      line->most_blocks = blocks;
  }
  if (line->first > line->last) /* no blocks at all */
    line->first = line->last = 0;
}

size_histograms *size_histograms_of(const tm_snapshot *snapshot,
                                    const char *path, size_t limit) {
  size_histograms *h = calloc(1, sizeof *h);
  if (!h) {
    report_error("%s: cannot compute statistics: %s", path, strerror(errno));
    return NULL;
  }
  if (!(h->lines = top_statistics(snapshot, path, TM_KEY_LINENO, false))) {
    free(h);
    return NULL;
  }
  size_t n = statistics_shown(h->lines, limit);
  h->sites = calloc(n ? n : 1, sizeof *h->sites);
  tm_id_table lines = {0};
  bool ok = h->sites != NULL;
  for (size_t i = 0; ok && i < n; i++) {
    const tm_stat *stat = h->sites[i].line = tm_stats_get(h->lines, i);
    bool added;
    ok = tm_id_intern(&lines, statistic_key(stat->traceback, TM_KEY_LINENO),
                      &added) != 0;
  }
  h->n = n;
  ok = ok && count_blocks(h, snapshot, &lines);
  tm_id_table_free(&lines);
  if (!ok) {
    report_error("%s: cannot compute statistics: out of memory", path);
    free_size_histograms(h);
    return NULL;
  }
  for (size_t i = 0; i < n; i++)
    find_range(&h->sites[i]);
  return h;
}

void free_size_histograms(size_histograms *h) {
  if (h) {
    free(h->sites);
    tm_stats_free(h->lines);
  }
  free(h);
}
