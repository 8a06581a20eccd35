// RUN: rm -rf %t && mkdir -p %t
// RUN: cd %inputs/runtime && %tmcc -O2 -ftm-no-auto-wrapper -fPIC -shared plugin.c -o %t/libplugin.so
// RUN: cd %S && %tmcc -O2 shared-libraries.c -o %t/prog -DPLUGIN=\"%t/libplugin.so\" -ldl
// RUN: env TRACEMALLOC=2 %t/prog | FileCheck %s
// RUN: cd %inputs/runtime && %tmcc -O2 -fPIC -shared plugin.c -o %t/libwrappers.so
// RUN: cd %S && %tmcc -O2 shared-libraries.c -o %t/wrapped -DPLUGIN=\"%t/libwrappers.so\" -ldl
// RUN: env TRACEMALLOC=2 %t/wrapped | FileCheck %s --check-prefix=WRAPPED
// An instrumented shared library loaded with dlopen: its sites register and
// attribute its blocks, its frames are symbolized, and after dlclose a
// snapshot still names its sites (the runtime copied them at
// registration).  Built without -ftm-no-auto-wrapper, its functions are
// wrappers (they return their blocks): the program's lines are charged.
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
    blocks[i] = allocate(100); // line 41
  char *text = copy("seven!"); // line 42
  const tm_traceback *tb = tm_get_object_traceback(blocks[0]);
  printf("frames: %s:%u <- %s:%u\n", tb->frames[1].filename,
         tb->frames[1].lineno, tb->frames[0].filename, tb->frames[0].lineno);
  // CHECK: frames: plugin.c:8 <- shared-libraries.c:41
  // WRAPPED: frames: shared-libraries.c:41 <- {{.*}}libc_start_call_main.h
  dlclose(handle);
  puts("after dlclose:");
  print_stats();
  // CHECK-LABEL: after dlclose:
  // (The dynamic loader keeps a block of its own after dlclose.)
  // CHECK:      plugin.c:8: size=1000 B, count=10, average=100 B
  // CHECK-NEXT: plugin.c:12: size=7 B, count=1, average=7 B
  // WRAPPED-LABEL: after dlclose:
  // WRAPPED:      shared-libraries.c:41: size=1000 B, count=10, average=100 B
  // WRAPPED-NEXT: shared-libraries.c:42: size=7 B, count=1, average=7 B
  for (int i = 0; i < 10; i++)
    free(blocks[i]);
  free(text);
  return 0;
}
