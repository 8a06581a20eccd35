/* Eight threads that allocate and free blocks of several sizes, some freed
 * by another thread than the one that allocated them, until the file
 * "stop" appears; "started" says they run. */
#include <pthread.h>
#include <stdbool.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define THREADS 8
#define SLOTS 512

static _Atomic(void *) slots[SLOTS];
static atomic_bool stop;

static void *churn(void *arg) {
  unsigned seed = (unsigned)(size_t)arg;
  while (!atomic_load(&stop)) {
    seed = seed * 1103515245 + 12345;
    size_t size = 16 + (seed >> 16) % 6000; /* tagged and by address */
    void *p = malloc(size); /* line 21 */
    void *old = atomic_exchange(&slots[(seed >> 8) % SLOTS], p);
    free(old);
  }
  return NULL;
}

int main(void) {
  pthread_t threads[THREADS];
  for (size_t i = 0; i < THREADS; i++)
    pthread_create(&threads[i], NULL, churn, (void *)(i + 1));
  fclose(fopen("started", "w"));
  while (access("stop", F_OK) != 0)
    usleep(10000);
  atomic_store(&stop, true);
  for (size_t i = 0; i < THREADS; i++)
    pthread_join(threads[i], NULL);
  return 0;
}
