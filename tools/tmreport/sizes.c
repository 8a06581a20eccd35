/*
 * tmreport sizes: the sizes of the live blocks of a dump's biggest lines,
 * as heaptrack's histogram, in text.  Each line as `tmreport top` prints
 * it, then a row per bucket of block size, from its smallest block's to
 * its biggest's: the bucket's sizes, its blocks and their bytes (exact,
 * in bytes, as the heading says), and a bar of '#' as long as its blocks
 * against the line's fullest bucket (BAR_WIDTH).  A blank line after
 * each.
 */
#include <stdio.h>
#include <string.h>

#include "tmreport.h"

#define BAR_WIDTH 30

static int digits(unsigned long long n) {
  return snprintf(NULL, 0, "%llu", n);
}

static void print_line_sizes(const line_sizes *line) {
  static const char size_heading[] = "block size (bytes)",
                    blocks_heading[] = "blocks", bytes_heading[] = "bytes";
  int size_width = (int)strlen(size_heading),
      blocks_width = (int)strlen(blocks_heading),
      bytes_width = (int)strlen(bytes_heading);
  for (unsigned b = line->first; b <= line->last; b++) {
    int width = digits(bucket_low(b)) + 1 + digits(bucket_high(b));
    if (width > size_width)
      size_width = width;
    if (digits(line->buckets[b].blocks) > blocks_width)
      blocks_width = digits(line->buckets[b].blocks);
    if (digits(line->buckets[b].bytes) > bytes_width)
      bytes_width = digits(line->buckets[b].bytes);
  }
  printf("  %-*s  %*s  %*s\n", size_width, size_heading, blocks_width,
         blocks_heading, bytes_width, bytes_heading);
  for (unsigned b = line->first; b <= line->last; b++) {
    const size_bucket *bucket = &line->buckets[b];
    char range[48];
    snprintf(range, sizeof range, "%zu-%zu", bucket_low(b), bucket_high(b));
    printf("  %-*s  %*zu  %*llu", size_width, range, blocks_width,
           bucket->blocks, bytes_width, bucket->bytes);
    /* Rounded up, so that a bucket with blocks always shows some; in 128
     * bits, which no count overflows. */
    unsigned bar = (unsigned)(((unsigned __int128)bucket->blocks * BAR_WIDTH +
                               line->most_blocks - 1) /
                              (line->most_blocks ? line->most_blocks : 1));
    if (bar)
      fputs("  ", stdout);
    for (unsigned i = 0; i < bar; i++)
      putchar('#');
    putchar('\n');
  }
  putchar('\n');
}

int run_sizes(const report_options *options) {
  const char *path = options->dumps[0];
  tm_snapshot *snapshot = load_filtered_snapshot(path, options);
  size_histograms *h =
      snapshot ? size_histograms_of(snapshot, path, options->limit) : NULL;
  bool ok = h != NULL;
  for (size_t i = 0; ok && i < h->n; i++) {
    ok = print_stat_array(h->sites[i].line, 1, options);
    if (ok)
      print_line_sizes(&h->sites[i]);
  }
  free_size_histograms(h);
  tm_snapshot_free(snapshot);
  return ok ? TMREPORT_EXIT_OK : TMREPORT_EXIT_ERROR;
}
