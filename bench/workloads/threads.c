/*
 * threads: the churn loop in several threads at once.  Each thread
 * replaces random blocks of 8 B to 4 KiB in its own window of 4096 live
 * blocks, so the threads share nothing but the allocator (and the tracer):
 * any slowdown beyond churn's is contention in one of the two.
 *
 *   threads [operations-per-thread] [threads]     (default 4000000 4)
 *
 * Every worker is a created thread (none runs on the main thread), so one
 * thread measures the same code as eight.  Prints a checksum of the sizes
 * and contents, the sum of the threads' checksums.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "churn_step.h"

#define MAX_THREADS 256

struct worker {
  pthread_t thread;
  uint64_t rng;
  long operations;
  uint64_t checksum;
  int failed;
};

/* The loop keeps its state in locals: workers[] entries of two threads share
 * a cache line, and writing them on every operation would measure false
 * sharing instead of the allocator. */
static void *churn(void *arg) {
  struct worker *w = arg;
  uint64_t rng = w->rng, checksum = 0;
  unsigned char **blocks = calloc(WINDOW, sizeof *blocks);
  size_t *sizes = calloc(WINDOW, sizeof *sizes);
  if (!blocks || !sizes) {
    w->failed = 1;
    return NULL;
  }
  for (long i = 0; i < w->operations; i++)
    if (!churn_step(blocks, sizes, &rng, &checksum, CHURN_UNIFORM)) {
      w->failed = 1;
      return NULL;
    }
  for (size_t i = 0; i < WINDOW; i++)
    free(blocks[i]);
  free(blocks);
  free(sizes);
  w->checksum = checksum;
  return NULL;
}

int main(int argc, char **argv) {
  long operations = argc > 1 ? atol(argv[1]) : 4000000;
  int nthreads = argc > 2 ? atoi(argv[2]) : 4;
  if (nthreads < 1 || nthreads > MAX_THREADS) {
    fprintf(stderr, "threads: thread count must be 1 to %d\n", MAX_THREADS);
    return 2;
  }
  static struct worker workers[MAX_THREADS];
  for (int t = 0; t < nthreads; t++) {
    /* A distinct, never-zero xorshift seed per thread. */
    workers[t].rng = RANDOM_SEED * (uint64_t)(t + 1);
    workers[t].operations = operations;
    if (pthread_create(&workers[t].thread, NULL, churn, &workers[t])) {
      fprintf(stderr, "threads: cannot create thread %d\n", t);
      return 1;
    }
  }
  uint64_t checksum = 0;
  for (int t = 0; t < nthreads; t++) {
    pthread_join(workers[t].thread, NULL);
    if (workers[t].failed)
      return 1;
    checksum += workers[t].checksum;
  }
  printf("threads checksum %llu\n", (unsigned long long)checksum);
  return 0;
}
