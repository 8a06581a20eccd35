// RUN: %tmcc -O1 %s -o %t
// RUN: env TRACEMALLOC=1 %t | FileCheck %s
// RUN: %t | FileCheck %s
// The runtime's exec family and _exit (which remove the live file) do
// what the C library's do: every variant runs the program with the
// arguments and environment it was given, a failed exec returns -1 with
// the C library's errno and the program goes on, _exit ends the process
// with its status and without exit handlers.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *const argv[] = {"sh", "-c", "echo \"$0 ${V:-unset}\"", "x", NULL};
static char *const envp[] = {"V=set", "PATH=/usr/bin:/bin", NULL};

static void run(const char *name, int variant) {
  fflush(stdout);
  pid_t child = fork();
  if (child == 0) {
    switch (variant) {
    case 0: execl("/bin/sh", "sh", "-c", "echo \"$0\"", "y", (char *)NULL); break;
    case 1: execle("/bin/sh", "sh", "-c", "echo \"$V\"", (char *)NULL, envp); break;
    case 2: execlp("sh", "sh", "-c", "echo lp", (char *)NULL); break;
    case 3: execv("/bin/sh", argv); break;
    case 4: execve("/bin/sh", argv, envp); break;
    case 5: execvp("sh", argv); break;
    case 6: execvpe("sh", argv, envp); break;
    case 7: {
      int fd = open("/bin/sh", O_RDONLY | O_CLOEXEC);
      fexecve(fd, argv, envp);
      break;
    }
    }
    _exit(99);
  }
  int status;
  waitpid(child, &status, 0);
  printf("%s: exit %d\n", name, WEXITSTATUS(status));
}

static void at_exit(void) { puts("exit handler ran"); }

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  run("execl", 0);
  run("execle", 1);
  run("execlp", 2);
  run("execv", 3);
  run("execve", 4);
  run("execvp", 5);
  run("execvpe", 6);
  run("fexecve", 7);
  errno = 0;
  int r = execl("/nonexistent/program", "p", (char *)NULL);
  printf("failed exec: %d %s\n", r, strerror(errno));
  r = execvp("no-such-program-anywhere", argv);
  printf("failed execvp: %d %s\n", r, strerror(errno));
  void *p = malloc(100000); /* after a failed exec: still traced, no crash */
  free(p);
  fflush(stdout);
  pid_t child = fork();
  if (child == 0) {
    atexit(at_exit);
    _exit(7);
  }
  int status;
  waitpid(child, &status, 0);
  printf("_exit: %d\n", WEXITSTATUS(status));
  child = fork();
  if (child == 0) {
    atexit(at_exit);
    _Exit(8);
  }
  waitpid(child, &status, 0);
  printf("_Exit: %d\n", WEXITSTATUS(status));
  return 0;
}

// CHECK:      y
// CHECK-NEXT: execl: exit 0
// CHECK-NEXT: set
// CHECK-NEXT: execle: exit 0
// CHECK-NEXT: lp
// CHECK-NEXT: execlp: exit 0
// CHECK-NEXT: x unset
// CHECK-NEXT: execv: exit 0
// CHECK-NEXT: x set
// CHECK-NEXT: execve: exit 0
// CHECK-NEXT: x unset
// CHECK-NEXT: execvp: exit 0
// CHECK-NEXT: x set
// CHECK-NEXT: execvpe: exit 0
// CHECK-NEXT: x set
// CHECK-NEXT: fexecve: exit 0
// CHECK-NEXT: failed exec: -1 No such file or directory
// CHECK-NEXT: failed execvp: -1 No such file or directory
// CHECK-NEXT: _exit: 7
// CHECK-NEXT: _Exit: 8
// CHECK-NOT:  exit handler ran
