// RUN: %tmcc -O2 %s -o %t -pthread && %t | FileCheck %s
// Eight threads allocating and freeing at the same time, half of the frees
// in another thread than the allocation: the totals are exact.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>

enum { THREADS = 8, BLOCKS = 10000 };
static void *blocks[THREADS][BLOCKS];
static pthread_barrier_t allocated;

static void *work(void *arg) {
  int me = (int)(long)arg;
  for (int i = 0; i < BLOCKS; i++) {
    blocks[me][i] = malloc(32);                   // line 17
    free(malloc(100));                            // line 17: never alive
  }
  pthread_barrier_wait(&allocated);
  /* Free the odd blocks of the next thread. */
  int victim = (me + 1) % THREADS;
  for (int i = 1; i < BLOCKS; i += 2)
    free(blocks[victim][i]);
  return NULL;
}

int main(void) {
  puts("start"); // stdout's buffer is allocated now, before tracing
  tm_start(1);
  pthread_t t[THREADS];
  pthread_barrier_init(&allocated, NULL, THREADS);
  for (long i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  size_t current;
  tm_get_traced_memory(&current, NULL);
  /* The C library allocates a little for each new thread (uninstrumented
   * code, attributed to its own source or module): traced too. */
  tm_snapshot *snap = tm_take_snapshot();
  tm_stats *st = tm_snapshot_statistics(snap, TM_KEY_LINENO, false);
  char line[512];
  size_t library = 0;
  for (size_t i = 0; i < tm_stats_count(st); i++) {
    const tm_stat *stat = tm_stats_get(st, i);
    if (!strstr(stat->traceback->frames[0].filename, "threads.c"))
      library += stat->size;
    else
      tm_stat_format(stat, line, sizeof line), puts(line);
  }
  // CHECK: {{.*}}threads.c:17: size=1250 KiB, count=40000, average=32 B
  // CHECK-NOT: threads.c
  printf("current - library = %zu\n", current - library);
  // CHECK: current - library = 1280000
  tm_stats_free(st);
  tm_snapshot_free(snap);
  return 0;
}

// RUN: %tmcc -fsanitize=thread -O1 %s -o %t.tsan -pthread && %t.tsan | FileCheck %s
// Under ThreadSanitizer (which owns malloc: the runtime traces through its
// allocation hooks) the totals are the same, and TSan reports nothing.
