/* A traced program that forks: the parent holds 10 blocks of 100 B from
 * before the fork and 5 of 300 B from after; the child, which inherits the
 * first 10, allocates 100 of 2000 B (more than the 64 KiB after which a
 * child gets a live file of its own).  Each, when done, writes its own
 * snapshot's lines as `tmtop --once --bytes` prints them (snapshot.<pid>)
 * and marks "parent" or "child"; both wait for "done". */
#include <string.h>
#include <sys/wait.h>
#include <tracemalloc.h>

#include "stages.h"

static void write_snapshot(void) {
  char name[64];
  snprintf(name, sizeof name, "snapshot.%ld", (long)getpid());
  tm_snapshot *snap = tm_take_snapshot();
  tm_stats *stats = tm_snapshot_statistics(snap, TM_KEY_LINENO, false);
  FILE *f = fopen(name, "w");
  for (size_t i = 0; i < tm_stats_count(stats); i++) {
    const tm_stat *s = tm_stats_get(stats, i);
    const tm_frame *frame = &s->traceback->frames[0];
    if (strcmp(frame->filename, "forks.c") == 0)
      fprintf(f, "%s:%u: size=%zu B, count=%zu, average=%.0f B\n",
              frame->filename, frame->lineno, s->size, s->count,
              (double)s->size / (double)s->count);
  }
  fclose(f);
  tm_stats_free(stats);
  tm_snapshot_free(snap);
}

int main(void) {
  void *before[10], *after[5], *child[100];
  for (int i = 0; i < 10; i++)
    before[i] = malloc(100); /* line 35 */
  pid_t pid = fork();
  if (pid == 0) {
    for (int i = 0; i < 100; i++)
      child[i] = malloc(2000); /* line 39 */
    write_snapshot();
    mark("child");
    await("done");
    _exit(0);
  }
  for (int i = 0; i < 5; i++)
    after[i] = malloc(300); /* line 46 */
  write_snapshot();
  mark("parent");
  await("done");
  waitpid(pid, NULL, 0);
  (void)before, (void)after, (void)child;
  return 0;
}
