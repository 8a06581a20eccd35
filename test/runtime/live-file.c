// RUN: rm -rf %t.dir && mkdir %t.dir && %tmcc -O1 %s -o %t
// RUN: env TRACEMALLOC=1 TRACEMALLOC_LIVE_DIR=%t.dir %t %t.dir | FileCheck %s
// RUN: ls %t.dir | count 0
// RUN: env TRACEMALLOC=1 TRACEMALLOC_LIVE_DIR=%t.dir TRACEMALLOC_LIVE_KEEP=1 %t %t.dir | FileCheck %s --check-prefix=KEEP
// RUN: ls %t.dir | grep -c '^tracemalloc-[0-9]*\.live$' | FileCheck %s --check-prefix=KEPT
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: env TRACEMALLOC=1 TRACEMALLOC_LIVE=0 TRACEMALLOC_LIVE_DIR=%t.dir %t %t.dir | FileCheck %s --check-prefix=OFF
// RUN: env TRACEMALLOC_LIVE_DIR=%t.dir %t %t.dir | FileCheck %s --check-prefix=OFF
// RUN: env TRACEMALLOC=1 TRACEMALLOC_LIVE_DIR=%t.none TRACEMALLOC_TOP=2 %t %t.none 2>&1 | FileCheck %s --check-prefix=NODIR
// RUN: env TRACEMALLOC=1 TRACEMALLOC_LIVE=yes TRACEMALLOC_LIVE_DIR=%t.dir %t %t.dir 2>&1 | FileCheck %s --check-prefix=BAD
// The live file is there while the program traces, a regular file of its
// user with mode 0600; a forked child gets one of its own once it has
// allocated (64 KiB), and exec and _exit remove it as exit does, unless
// TRACEMALLOC_LIVE_KEEP=1 (exec removes it whatever: the next program of
// the pid would find it); with TRACEMALLOC_LIVE=0, or without tracing,
// there is none; a directory that is not there is one warning, and
// tracing goes on.
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void *keep[10];
static void *more[100];

static void describe(const char *who, const char *dir, pid_t pid) {
  char path[4096];
  snprintf(path, sizeof path, "%s/tracemalloc-%ld.live", dir, (long)pid);
  struct stat st;
  if (lstat(path, &st) != 0)
    printf("%s: no live file\n", who);
  else
    printf("%s: %s, mode %o, %s, %s\n", who,
           S_ISREG(st.st_mode) ? "regular" : "not regular",
           (unsigned)(st.st_mode & 07777),
           st.st_uid == geteuid() ? "ours" : "not ours",
           st.st_size > 0 ? "not empty" : "empty");
  fflush(stdout);
}

/* A child that allocates 100 KiB, then ends in `how`. */
static void child_ends(const char *dir, const char *how) {
  pid_t child = fork();
  if (child == 0) {
    describe("child", dir, getpid());
    for (int i = 0; i < 100; i++)
      more[i] = malloc(1000);
    describe("child after 100 KiB", dir, getpid());
    if (how[0] == 'e')
      execl("/bin/true", "true", (char *)NULL);
    _exit(0);
  }
  waitpid(child, NULL, 0);
  printf("after the child's %s: ", how);
  describe("child", dir, child);
}

int main(int argc, char **argv) {
  for (int i = 0; i < 10; i++)
    keep[i] = malloc(100); // line 61
  describe("parent", argv[1], getpid());
  child_ends(argv[1], "_exit");
  child_ends(argv[1], "exec");
  return 0;
}

// CHECK:      parent: regular, mode 600, ours, not empty
// CHECK-NEXT: child: no live file
// CHECK-NEXT: child after 100 KiB: regular, mode 600, ours, not empty
// CHECK-NEXT: after the child's _exit: child: no live file
// CHECK-NEXT: child: no live file
// CHECK-NEXT: child after 100 KiB: regular, mode 600, ours, not empty
// CHECK-NEXT: after the child's exec: child: no live file
// KEEP:      after the child's _exit: child: regular
// KEEP:      after the child's exec: child: no live file
// KEPT: 2
// OFF:      parent: no live file
// OFF-NEXT: child: no live file
// OFF-NEXT: child after 100 KiB: no live file
// NODIR:      tracemalloc: warning: no live file (TRACEMALLOC_LIVE_DIR={{.*}}.none): {{.*}}: No such file or directory
// NODIR:      live-file.c:61: size=1000 B, count=10, average=100 B
// BAD: tracemalloc: warning: ignoring TRACEMALLOC_LIVE='yes': expected 0 or 1
// BAD: parent: regular, mode 600, ours, not empty
