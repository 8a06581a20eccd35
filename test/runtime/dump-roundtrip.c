// RUN: rm -f %t.dump %t.again.dump
// RUN: %tmcc -O1 %s -o %t && %t %t.dump %t.again.dump | FileCheck %s
// RUN: cmp %t.dump %t.again.dump
// A snapshot dumped and loaded back has the same statistics text, byte for
// byte (by line, by file and by traceback), the same number of traces and
// the same traceback limit; dumping the loaded snapshot writes the same file.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>

static void *keep[300];

/* Every statistic of the snapshot as text, one per line, into buf. */
static void describe(const tm_snapshot *s, char *buf, size_t len) {
  static const tm_key keys[] = {TM_KEY_LINENO, TM_KEY_FILENAME,
                                TM_KEY_TRACEBACK};
  static const char *names[] = {"lineno", "filename", "traceback"};
  size_t n = (size_t)snprintf(buf, len, "traces=%zu limit=%d\n",
                              tm_snapshot_trace_count(s),
                              tm_snapshot_traceback_limit(s));
  for (int k = 0; k < 3; k++) {
    tm_stats *st = tm_snapshot_statistics(s, keys[k], false);
    n += (size_t)snprintf(buf + n, len - n, "by %s:\n", names[k]);
    for (size_t i = 0; i < tm_stats_count(st); i++) {
      n += (size_t)tm_stat_format(tm_stats_get(st, i), buf + n, len - n);
      n += (size_t)snprintf(buf + n, len - n, "\n");
    }
    tm_stats_free(st);
  }
}

int main(int argc, char **argv) {
  puts("start"); // stdout's buffer is allocated now, before tracing
  tm_start(7);
  for (int i = 0; i < 100; i++)
    keep[i] = malloc(64);                                 // line 37
  for (int i = 100; i < 250; i++)
    keep[i] = malloc((size_t)i * 8);                      // line 39
  for (int i = 250; i < 260; i++)
    keep[i] = calloc(3, 100);                             // line 41
  keep[260] = strdup("dump and load");                    // line 42
  tm_snapshot *before = tm_take_snapshot();
  tm_stop();

  static char text_before[1 << 16], text_after[1 << 16];
  describe(before, text_before, sizeof text_before);
  fputs(text_before, stdout);
  // CHECK-LABEL: traces=261 limit=7
  // CHECK-NEXT:  by lineno:
  // CHECK-NEXT:  {{.*}}dump-roundtrip.c:39: size=204 KiB, count=150, average=1396 B
  // CHECK-NEXT:  {{.*}}dump-roundtrip.c:37: size=6400 B, count=100, average=64 B
  // CHECK-NEXT:  {{.*}}dump-roundtrip.c:41: size=3000 B, count=10, average=300 B
  // CHECK-NEXT:  {{.*}}dump-roundtrip.c:42: size=14 B, count=1, average=14 B
  // CHECK-NEXT:  by filename:
  // CHECK-NEXT:  {{.*}}dump-roundtrip.c:0: size=214 KiB, count=261, average=838 B
  // A traceback statistic prints its oldest frame, as Python's does: here
  // the C library's, whose name depends on its debug info.
  // CHECK-NEXT:  by traceback:
  // CHECK-NEXT:  {{.*}}: size=204 KiB, count=150, average=1396 B
  // CHECK-NEXT:  {{.*}}: size=6400 B, count=100, average=64 B
  // CHECK-NEXT:  {{.*}}: size=3000 B, count=10, average=300 B
  // CHECK-NEXT:  {{.*}}: size=14 B, count=1, average=14 B

  if (tm_snapshot_dump(before, argv[1]) != 0)
    printf("dump failed: %s\n", tm_last_error());
  tm_snapshot *after = tm_snapshot_load(argv[1]);
  if (!after)
    printf("load failed: %s\n", tm_last_error());
  describe(after, text_after, sizeof text_after);
  printf("identical=%d\n", strcmp(text_before, text_after) == 0);
  // CHECK:      identical=1
  printf("last error=\"%s\"\n", tm_last_error());
  // CHECK-NEXT: last error=""

  /* The loaded snapshot dumps to the same bytes (checked by cmp). */
  if (tm_snapshot_dump(after, argv[2]) != 0)
    printf("second dump failed: %s\n", tm_last_error());
  tm_snapshot_free(before);
  tm_snapshot_free(after);
  return 0;
}
