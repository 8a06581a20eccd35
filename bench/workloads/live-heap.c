/*
 * live-heap: many small blocks alive at once, the case where the tracer's
 * memory per block and the cost of a snapshot show.  Allocates blocks of
 * random sizes from min to max bytes and keeps them all, then frees them.
 *
 *   live-heap [blocks] [min max]     (default 2000000 16 256)
 *
 * Prints a checksum line.  When the program runs traced (built with tmcc
 * and TRACEMALLOC set, or with the runtime preloaded), it also prints
 *
 *   tracemalloc: blocks=N take_snapshot_ms=T statistics_ms=T runtime_bytes_per_block=B
 *
 * timing tm_take_snapshot() and tm_snapshot_statistics(.., TM_KEY_LINENO,
 * false) over the live blocks, and tm_get_tracemalloc_memory() divided by
 * the number of blocks.  The API is declared weak, so the same source
 * builds with plain clang, where the functions are absent.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <tracemalloc.h>

#include "random.h"

#pragma weak tm_is_tracing
#pragma weak tm_take_snapshot
#pragma weak tm_snapshot_free
#pragma weak tm_snapshot_statistics
#pragma weak tm_stats_count
#pragma weak tm_stats_free
#pragma weak tm_get_tracemalloc_memory

static uint64_t rng = RANDOM_SEED;

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The process's resident size in KiB (VmRSS), or -1. */
static long resident_kib(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kib = -1;
  while (f && fgets(line, sizeof line, f))
    if (strncmp(line, "VmRSS:", 6) == 0)
      kib = atol(line + 6);
  if (f)
    fclose(f);
  return kib;
}

/* Times a snapshot and its statistics by line; 0 if tracing is not on. */
static int report_tracer(size_t blocks) {
  if (!tm_is_tracing || !tm_is_tracing())
    return 0;
  size_t runtime_bytes = tm_get_tracemalloc_memory();
  double start = now_ms();
  tm_snapshot *snapshot = tm_take_snapshot();
  double taken = now_ms();
  tm_stats *stats = snapshot ? tm_snapshot_statistics(snapshot, TM_KEY_LINENO, false) : NULL;
  double grouped = now_ms();
  if (!stats || tm_stats_count(stats) == 0) {
    fprintf(stderr, "live-heap: snapshot or statistics failed\n");
    return 1;
  }
  printf("tracemalloc: blocks=%zu take_snapshot_ms=%.1f statistics_ms=%.1f "
         "runtime_bytes_per_block=%.1f\n",
         blocks, taken - start, grouped - taken, (double)runtime_bytes / blocks);
  tm_stats_free(stats);
  tm_snapshot_free(snapshot);
  return 0;
}

int main(int argc, char **argv) {
  long count = argc > 1 ? atol(argv[1]) : 2000000;
  long min = argc > 3 ? atol(argv[2]) : 16, max = argc > 3 ? atol(argv[3]) : 256;
  if (argc == 3 || count < 1 || min < 1 || max < min) {
    fprintf(stderr, "usage: live-heap [blocks] [min max], blocks >= 1, 1 <= min <= max\n");
    return 2;
  }
  size_t blocks = (size_t)count;
  unsigned char **live = malloc(blocks * sizeof *live);
  if (!live)
    return 1;
  uint64_t checksum = 0;
  for (size_t i = 0; i < blocks; i++) {
    uint64_t r = xorshift(&rng);
    size_t size = (size_t)min + (r >> 32) % (size_t)(max - min + 1);
    live[i] = malloc(size);
    if (!live[i])
      return 1;
    live[i][0] = (unsigned char)r;
    live[i][size - 1] = (unsigned char)(r >> 8);
    checksum += size;
  }
  /* Before the snapshot, whose own memory is the API's, not the cost of
   * tracing the blocks. */
  printf("live-heap resident_kib %ld\n", resident_kib());
  if (report_tracer(blocks))
    return 1;
  for (size_t i = 0; i < blocks; i++) {
    checksum += live[i][0];
    free(live[i]);
  }
  free(live);
  printf("live-heap checksum %llu\n", (unsigned long long)checksum);
  return 0;
}
