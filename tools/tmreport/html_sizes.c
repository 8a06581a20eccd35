/*
 * The size histograms of tmreport html: a table per line, a row per
 * bucket from its smallest block's to its biggest's (empty buckets
 * between them too, so that gaps show), the blocks and their bytes
 * exact, and a bar as long as the bucket's blocks against the line's
 * fullest bucket.  The bars are styled <span>s: the numbers read the same
 * without the style sheet, and no script is needed.
 */
#include <stdio.h>

#include "tmreport.h"

/* The longest bar, which makes its column as wide: a length of its own,
 * not a share of the cell's, so that each table has a width of its own
 * and the histograms lay out side by side. */
#define BAR_EM 8.0

static void put_line_sizes(FILE *out, const line_sizes *line, size_t rank) {
  fprintf(out, "<table class=\"sizes\" id=\"sizes-%zu\">\n<caption>", rank);
  put_statistic_key(out, line->line->traceback, TM_KEY_LINENO);
  fprintf(out,
          ": %zu block%s, %zu bytes</caption>\n"
          "<thead><tr><th class=\"n\">block size (bytes)</th>"
          "<th class=\"n\">blocks</th><th class=\"n\">bytes</th><th></th>"
          "</tr></thead>\n<tbody>\n",
          line->line->count, line->line->count == 1 ? "" : "s",
          line->line->size);
  for (unsigned b = line->first; b <= line->last; b++) {
    const size_bucket *bucket = &line->buckets[b];
    fprintf(out,
            "<tr><td class=\"n\">%zu&#8211;%zu</td><td class=\"n\">%zu</td>"
            "<td class=\"n\">%llu</td><td class=\"bar\">",
            bucket_low(b), bucket_high(b), bucket->blocks, bucket->bytes);
    if (bucket->blocks)
      fprintf(out, "<span style=\"width: %.2fem\"></span>",
              BAR_EM * (double)bucket->blocks / (double)line->most_blocks);
    fputs("</td></tr>\n", out);
  }
  fputs("</tbody>\n</table>\n", out);
}

void put_size_histograms(FILE *out, const size_histograms *h) {
  if (!h->n)
    return;
  fputs("<div class=\"histograms\">\n", out);
  for (size_t i = 0; i < h->n; i++)
    put_line_sizes(out, &h->sites[i], i + 1);
  fputs("</div>\n", out);
}
