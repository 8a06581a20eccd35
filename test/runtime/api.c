// RUN: %tmcc -O1 %s -o %t && %t | FileCheck %s
// The start/stop/clear/peak semantics of Python's module: blocks allocated
// before tm_start are ignored (and freeing or reallocating them is safe),
// stop forgets everything, clear_traces zeroes current and peak, bad
// arguments are errors, not crashes.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>

static void show(const char *when) {
  size_t current, peak;
  tm_get_traced_memory(&current, &peak);
  tm_snapshot *snap = tm_take_snapshot();
  tm_stats *st = snap ? tm_snapshot_statistics(snap, TM_KEY_FILENAME, false) : NULL;
  char line[512] = "-";
  if (tm_stats_count(st))
    tm_stat_format(tm_stats_get(st, 0), line, sizeof line);
  printf("%s: tracing=%d current=%zu peak=%zu limit=%d top=%s\n", when,
         tm_is_tracing(), current, peak, tm_get_traceback_limit(), line);
  tm_stats_free(st);
  tm_snapshot_free(snap);
}

int main(void) {
  puts("start"); // stdout's buffer is allocated now, before tracing
  char *old = malloc(1000);
  strcpy(old, "kept");
  show("before");
  // CHECK: before: tracing=0 current=0 peak=0 limit=1 top=-

  errno = 0;
  printf("start(0)=%d errno=%d\n", tm_start(0), errno == EINVAL);
  // CHECK-NEXT: start(0)=-1 errno=1
  printf("start(65536)=%d\n", tm_start(65536));
  // CHECK-NEXT: start(65536)=-1
  errno = 0;
  printf("snapshot=%p errno=%d\n", (void *)tm_take_snapshot(), errno == EINVAL);
  // CHECK-NEXT: snapshot=(nil) errno=1

  tm_start(5);
  char *a = malloc(300);
  char *b = malloc(700);
  free(a);
  show("traced");
  // CHECK-NEXT: traced: tracing=1 current=700 peak=1000 limit=5 top={{.*}}api.c:0: size=700 B, count=1, average=700 B

  free(old); /* allocated before tracing: ignored */
  old = malloc(50);
  old = realloc(old, 20);
  show("realloc");
  // CHECK-NEXT: realloc: tracing=1 current=720 peak=1000

  tm_reset_peak();
  show("reset_peak");
  // CHECK-NEXT: reset_peak: tracing=1 current=720 peak=720

  tm_clear_traces();
  show("clear");
  // CHECK-NEXT: clear: tracing=1 current=0 peak=0 limit=5 top=-
  free(b); /* traced before the clear: forgotten, freeing is fine */
  char *c = realloc(old, 4000); /* forgotten block: traced again at its new size */
  show("after clear");
  // CHECK-NEXT: after clear: tracing=1 current=4000 peak=4000

  tm_stop();
  show("stopped");
  // CHECK-NEXT: stopped: tracing=0 current=0 peak=0 limit=5 top=-
  c = realloc(c, 10);
  free(c);
  printf("stats(bad key)=%p\n", (void *)tm_snapshot_statistics(NULL, TM_KEY_LINENO, false));
  // CHECK-NEXT: stats(bad key)=(nil)
  printf("version %d\n", tm_libversion_number() == TM_VERSION_NUMBER);
  // CHECK-NEXT: version 1
  return 0;
}
