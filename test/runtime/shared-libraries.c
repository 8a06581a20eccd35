// RUN: rm -rf %t && mkdir -p %t
// RUN: cd %inputs/runtime && %tmcc -O2 -fPIC -shared plugin.c -o %t/libplugin.so
// RUN: cd %S && %tmcc -O2 shared-libraries.c -o %t/prog -DPLUGIN=\"%t/libplugin.so\" -ldl
// RUN: env TRACEMALLOC=2 %t/prog | FileCheck %s
// An instrumented shared library loaded with dlopen: its sites register and
// attribute its blocks, its frames are symbolized, and after dlclose a
// snapshot still names its sites (the runtime copied them at
// registration).
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

static void print_stats(void) {
  tm_snapshot *snap = tm_take_snapshot();
  tm_stats *st = tm_snapshot_statistics(snap, TM_KEY_LINENO, false);
  char line[512];
  for (size_t i = 0; i < tm_stats_count(st); i++) {
    tm_stat_format(tm_stats_get(st, i), line, sizeof line);
    puts(line);
  }
  tm_stats_free(st);
  tm_snapshot_free(snap);
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  void *handle = dlopen(PLUGIN, RTLD_NOW);
  if (!handle) {
    printf("dlopen: %s\n", dlerror());
    return 1;
  }
  void *(*allocate)(size_t) = (void *(*)(size_t))dlsym(handle, "plugin_allocate");
  char *(*copy)(const char *) = (char *(*)(const char *))dlsym(handle, "plugin_copy");
  void *blocks[10];
  for (int i = 0; i < 10; i++)
    blocks[i] = allocate(100); // line 37
  char *text = copy("seven!");
  const tm_traceback *tb = tm_get_object_traceback(blocks[0]);
  printf("frames: %s:%u <- %s:%u\n", tb->frames[1].filename,
         tb->frames[1].lineno, tb->frames[0].filename, tb->frames[0].lineno);
  // CHECK: frames: plugin.c:8 <- shared-libraries.c:37
  dlclose(handle);
  puts("after dlclose:");
  print_stats();
  // CHECK-LABEL: after dlclose:
  // (The dynamic loader keeps a block of its own after dlclose.)
  // CHECK:      plugin.c:8: size=1000 B, count=10, average=100 B
  // CHECK-NEXT: plugin.c:12: size=7 B, count=1, average=7 B
  for (int i = 0; i < 10; i++)
    free(blocks[i]);
  free(text);
  return 0;
}
