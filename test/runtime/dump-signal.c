// RUN: rm -f %t.*.dump
// RUN: %tmcc -O1 %s -o %t
// RUN: env TRACEMALLOC=1 TRACEMALLOC_DUMP=%t.%%p.dump TRACEMALLOC_DUMP_SIGNAL=12 %t %t | FileCheck %s
// RUN: env TRACEMALLOC=1 TRACEMALLOC_DUMP_SIGNAL=12 %t 2>&1 | FileCheck %s --check-prefix=NOFILE
// TRACEMALLOC_DUMP_SIGNAL: a signal sent to a running program makes the
// runtime's own thread write a dump of what is alive at that moment, which
// loads back with the program's lines; without TRACEMALLOC_DUMP there is
// nowhere to write, which is one warning line.
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>
#include <unistd.h>

static void *keep[20];

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  for (int i = 0; i < 20; i++)
    keep[i] = malloc(50); // line 20
  if (argc < 2)
    return 0;
  char path[4096];
  snprintf(path, sizeof path, "%s.%d.dump", argv[1], (int)getpid());
  raise(SIGUSR2);
  /* The dump appears when the runtime's thread has written it. */
  tm_snapshot *loaded = NULL;
  for (int i = 0; i < 500 && !loaded; i++) {
    usleep(10000);
    if (access(path, F_OK) == 0)
      loaded = tm_snapshot_load(path);
  }
  if (!loaded) {
    printf("no dump\n");
    return 1;
  }
  tm_stats *st = tm_snapshot_statistics(loaded, TM_KEY_LINENO, false);
  char line[512];
  for (size_t i = 0; i < tm_stats_count(st); i++) {
    tm_stat_format(tm_stats_get(st, i), line, sizeof line);
    puts(line);
  }
  tm_stats_free(st);
  tm_snapshot_free(loaded);
  return 0;
}
// CHECK: dump-signal.c:20: size=1000 B, count=20, average=50 B
// CHECK-NOT: no dump

// NOFILE: tracemalloc: warning: ignoring TRACEMALLOC_DUMP_SIGNAL=12: set TRACEMALLOC_DUMP to the file to write
