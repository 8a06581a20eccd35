/* A traced program that allocates known amounts per line in stages (see
 * stages.h), and at each stage writes what its own snapshot says of its
 * lines, as `tmtop --once --bytes` prints them, to snapshot.N: the live
 * view must say the same to the byte. */
#include <string.h>
#include <tracemalloc.h>

#include "stages.h"

static void write_snapshot(const char *name) {
  tm_snapshot *snap = tm_take_snapshot();
  tm_stats *stats = tm_snapshot_statistics(snap, TM_KEY_LINENO, false);
  FILE *f = fopen(name, "w");
  for (size_t i = 0; i < tm_stats_count(stats); i++) {
    const tm_stat *s = tm_stats_get(stats, i);
    const tm_frame *frame = &s->traceback->frames[0];
    if (strcmp(frame->filename, "grows.c") == 0)
      fprintf(f, "%s:%u: size=%zu B, count=%zu, average=%.0f B\n",
              frame->filename, frame->lineno, s->size, s->count,
              (double)s->size / (double)s->count);
  }
  fclose(f);
  tm_stats_free(stats);
  tm_snapshot_free(snap);
}

int main(void) {
  void *small[10], *kept[20], *late[5], *big;
  for (int i = 0; i < 10; i++)
    small[i] = malloc(100); /* line 30 */
  write_snapshot("snapshot.0");
  mark("stage0");
  await("go1");
  for (int i = 0; i < 20; i++)
    kept[i] = malloc(200); /* line 35 */
  big = malloc(5000); /* line 36: traced by address */
  write_snapshot("snapshot.1");
  mark("stage1");
  await("go2");
  for (int i = 0; i < 10; i++)
    free(kept[i]);
  for (int i = 0; i < 5; i++)
    late[i] = calloc(1, 300); /* line 43 */
  free(big);
  write_snapshot("snapshot.2");
  mark("stage2");
  await("go3");
  for (int i = 0; i < 10; i++)
    free(small[i]);
  for (int i = 10; i < 20; i++)
    free(kept[i]);
  for (int i = 0; i < 5; i++)
    free(late[i]);
  return 0;
}
