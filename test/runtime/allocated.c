// RUN: %tmcc -O1 -ftm-no-auto-wrapper -I%srcroot/runtime -I%inputs %s -o %t && %t %t.dump | FileCheck %s
// RUN: env TRACEMALLOC=4 %t %t.dump | FileCheck %s
// What was allocated since tracing started, by traceback: freed blocks
// count, small (tagged) and large (traced by address) alike, realloc as an
// allocation of its new size, tm_track as one of its domain; a failed
// realloc adds nothing; filters keep the totals they keep the traces of;
// a dump keeps them (since format version 4), and a damaged record is refused;
// tm_clear_traces starts the count again.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>

#include "dump_checksum.h"

static char pool[1024];

/* Prints each total of the snapshot at a line of this file, by line. */
static void show(const char *title, const tm_snapshot *s) {
  printf("%s\n", title);
  for (unsigned line = 1; line < 200; line++) {
    size_t count = 0, size = 0;
    unsigned domain = 0;
    for (size_t i = 0; i < tm_snapshot_allocated_count(s); i++) {
      const tm_allocated *a = tm_snapshot_allocated(s, i);
      const tm_frame *f = &a->traceback->frames[a->traceback->nframe - 1];
      if (f->lineno == line && strstr(f->filename, "allocated.c")) {
        count += a->count;
        size += a->size;
        domain = a->domain;
      }
    }
    if (count)
      printf("  line %u: %zu allocations, %zu bytes, domain %u\n", line, count,
             size, domain);
  }
}

/* The dump at `path` with its last allocation record naming a traceback
 * that is not there, loaded. */
static void load_damaged(const char *path) {
  static unsigned char bytes[1 << 16];
  FILE *f = fopen(path, "rb");
  size_t size = fread(bytes, 1, sizeof bytes, f);
  fclose(f);
  dump_set_le(bytes + size - 24 + 4, 0xffffffff, 4);
  dump_fix_header(bytes, size, TM_DUMP_VERSION);
  f = fopen(path, "wb");
  fwrite(bytes, 1, size, f);
  fclose(f);
  tm_snapshot *s = tm_snapshot_load(path);
  printf("damaged: %s %s\n", s ? "loaded" : "refused", tm_last_error());
  tm_snapshot_free(s);
}

int main(int argc, char **argv) {
  (void)argc;
  setvbuf(stdout, NULL, _IONBF, 0);
  if (!tm_is_tracing())
    tm_start(1);
  void *keep[10];
  for (int i = 0; i < 1000; i++)
    free(malloc(64)); // line 64
  for (int i = 0; i < 10; i++)
    keep[i] = malloc(5000); // line 66
  char *p = malloc(10); // line 67
  p = realloc(p, 20); // line 68
  void *failed = realloc(p, SIZE_MAX / 2); // line 69
  tm_track(7, (uintptr_t)pool, 100); // line 70
  tm_snapshot *s = tm_take_snapshot();
  show("== all", s);
  // CHECK-LABEL: == all
  // CHECK-NEXT:  line 64: 1000 allocations, 64000 bytes, domain 0
  // CHECK-NEXT:  line 66: 10 allocations, 50000 bytes, domain 0
  // CHECK-NEXT:  line 67: 1 allocations, 10 bytes, domain 0
  // CHECK-NEXT:  line 68: 1 allocations, 20 bytes, domain 0
  // CHECK-NEXT:  line 70: 1 allocations, 100 bytes, domain 7
  tm_filter only_7 = TM_DOMAIN_FILTER(true, 7);
  tm_snapshot *f = tm_snapshot_filter_traces(s, &only_7, 1);
  show("== domain filter", f);
  // CHECK-LABEL: == domain filter
  // CHECK-NEXT:  line 70: 1 allocations, 100 bytes, domain 7
  tm_snapshot_free(f);
  if (tm_snapshot_dump(s, argv[1]) != 0)
    return 1;
  tm_snapshot *loaded = tm_snapshot_load(argv[1]);
  show("== loaded", loaded);
  // CHECK-LABEL: == loaded
  // CHECK-NEXT:  line 64: 1000 allocations, 64000 bytes, domain 0
  // CHECK-NEXT:  line 66: 10 allocations, 50000 bytes, domain 0
  // CHECK-NEXT:  line 67: 1 allocations, 10 bytes, domain 0
  // CHECK-NEXT:  line 68: 1 allocations, 20 bytes, domain 0
  // CHECK-NEXT:  line 70: 1 allocations, 100 bytes, domain 7
  tm_snapshot_free(loaded);
  load_damaged(argv[1]);
  // CHECK-NEXT: damaged: refused {{.*}}.dump: corrupted: allocation total {{[0-9]+}} names traceback 4294967295, there are {{[0-9]+}}
  tm_snapshot_free(s);
  tm_clear_traces();
  free(malloc(30)); // line 100
  s = tm_take_snapshot();
  show("== after clear", s);
  // CHECK-LABEL: == after clear
  // CHECK-NEXT:  line 100: 1 allocations, 30 bytes, domain 0
  // CHECK-NOT:   line
  tm_snapshot_free(s);
  for (int i = 0; i < 10; i++)
    free(keep[i]);
  free(failed ? failed : p);
  return 0;
}
