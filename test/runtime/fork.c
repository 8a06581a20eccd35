// RUN: %tmcc -O2 %s -o %t -pthread && %t | FileCheck %s
// fork() while other threads allocate leaves a child that keeps tracing:
// it inherits the parent's traces, allocates, frees and takes snapshots.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <tracemalloc.h>
#include <unistd.h>

static atomic_bool stop;

static void *churn(void *arg) {
  (void)arg;
  while (!atomic_load(&stop))
    free(malloc(64)); // line 17
  return NULL;
}

static size_t size_at_line(unsigned line) {
  tm_snapshot *snap = tm_take_snapshot();
  tm_stats *st = tm_snapshot_statistics(snap, TM_KEY_LINENO, false);
  size_t size = 0;
  for (size_t i = 0; i < tm_stats_count(st); i++)
    if (tm_stats_get(st, i)->traceback->frames[0].lineno == line)
      size = tm_stats_get(st, i)->size;
  tm_stats_free(st);
  tm_snapshot_free(snap);
  return size;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  tm_start(1);
  void *kept = malloc(1000); // line 36
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, churn, NULL);
  for (int round = 0; round < 20; round++) {
    pid_t pid = fork();
    if (pid == 0) {
      void *mine = malloc(300); // line 43
      int ok = size_at_line(36) == 1000 && size_at_line(43) == 300;
      free(mine);
      ok = ok && size_at_line(43) == 0;
      _exit(ok ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      printf("child %d failed\n", round);
      return 1;
    }
  }
  atomic_store(&stop, true);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  printf("20 children traced, parent %zu\n", size_at_line(36));
  // CHECK: 20 children traced, parent 1000
  free(kept);
  return 0;
}
