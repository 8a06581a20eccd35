// RUN: %tmcc -O1 %s -o %t
// RUN: rm -f %t.*.dump
// RUN: env TRACEMALLOC=1 TRACEMALLOC_TOP=1 TRACEMALLOC_DUMP=%t.%%p.dump %t >%t.pid 2>%t.top
// RUN: FileCheck %s --check-prefix=TOP --input-file=%t.top
// RUN: %t load %t.$(cat %t.pid).dump | FileCheck %s --check-prefix=LOAD
// RUN: env TRACEMALLOC=1 TRACEMALLOC_DUMP=%t.100%%%%.dump %t >/dev/null
// RUN: %t load '%t.100%%.dump' | FileCheck %s --check-prefix=LOAD
// RUN: env TRACEMALLOC=1 TRACEMALLOC_DUMP=%t.nodir/x.dump %t >/dev/null 2>%t.err
// RUN: FileCheck %s --check-prefix=BAD --input-file=%t.err
// RUN: count 1 <%t.err
// RUN: env TRACEMALLOC_DUMP=%t.off.dump %t 2>&1 >/dev/null | FileCheck %s --check-prefix=OFF
// RUN: test ! -e %t.off.dump
// TRACEMALLOC_DUMP=path dumps a snapshot at exit, %p replaced by the pid
// and %% by %, holding what TRACEMALLOC_TOP prints; a path that cannot be
// written is one warning line, and the program still exits 0; without
// tracing there is nothing to dump.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>
#include <unistd.h>

void *blocks[10];

static int load(const char *path) {
  tm_snapshot *s = tm_snapshot_load(path);
  if (!s) {
    printf("load failed: %s\n", tm_last_error());
    return 1;
  }
  printf("traces=%zu limit=%d\n", tm_snapshot_trace_count(s),
         tm_snapshot_traceback_limit(s));
  tm_stats *st = tm_snapshot_statistics(s, TM_KEY_LINENO, false);
  char line[512];
  tm_stat_format(tm_stats_get(st, 0), line, sizeof line);
  puts(line);
  tm_stats_free(st);
  tm_snapshot_free(s);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "load") == 0)
    return load(argv[2]);
  setvbuf(stdout, NULL, _IONBF, 0); /* no stdout buffer in the snapshot */
  for (int i = 0; i < 10; i++)
    blocks[i] = malloc(1000);                     // line 47
  printf("%ld\n", (long)getpid());
  return 0;
}
// TOP:      {{.*}}dump-env.c:47: size=10000 B, count=10, average=1000 B

// LOAD:      traces={{[0-9]+}} limit=1
// LOAD-NEXT: {{.*}}dump-env.c:47: size=10000 B, count=10, average=1000 B

// BAD: tracemalloc: warning: TRACEMALLOC_DUMP (at exit): {{.*}}.nodir/x.dump: cannot create: No such file or directory

// OFF: tracemalloc: warning: TRACEMALLOC_DUMP={{.*}}.off.dump: tracing is off at exit, nothing to dump (set TRACEMALLOC=1 to trace from the start)
