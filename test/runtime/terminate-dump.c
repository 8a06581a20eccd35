// RUN: %tmcc -O1 %s -o %t
// RUN: rm -f %t.*.dump
// RUN: env TRACEMALLOC=1 TRACEMALLOC_DUMP=%t.%%p.dump %t parent 15 >%t.out
// RUN: FileCheck %s --check-prefix=STATUS15 --input-file=%t.out
// RUN: tmreport top %t.$(head -1 %t.out).dump | FileCheck %s --match-full-lines
// RUN: env TRACEMALLOC=1 TRACEMALLOC_DUMP=%t.%%p.dump %t parent 2 >%t.out
// RUN: FileCheck %s --check-prefix=STATUS2 --input-file=%t.out
// RUN: tmreport top %t.$(head -1 %t.out).dump | FileCheck %s --match-full-lines
// RUN: env TRACEMALLOC=1 TRACEMALLOC_DUMP=%t.%%p.dump %t parent 15 returns >%t.out
// RUN: FileCheck %s --check-prefix=STATUS15 --input-file=%t.out
// RUN: tmreport top %t.$(head -1 %t.out).dump | FileCheck %s --match-full-lines
// RUN: env TRACEMALLOC=1 TRACEMALLOC_DUMP=%t.own.dump %t own | FileCheck %s --check-prefix=OWN
// RUN: env TRACEMALLOC=1 TRACEMALLOC_DUMP=%t.ignored.dump sh -c 'trap "" TERM; exec %t ignored' | FileCheck %s --check-prefix=IGNORED
// A program killed by SIGTERM (or SIGINT, SIGHUP) with TRACEMALLOC_DUMP
// set still writes its exit dump, then dies of the signal as it would
// have: its parent sees the signal, a shell the status 128 + 15 -- also
// when the signal cut its sleep short and it returned from main while the
// dump was being written.  The
// runtime's handler is there only where the disposition was the
// default: a handler the program installs replaces it, an ignored signal
// stays ignored.
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void *blocks[20];
static volatile sig_atomic_t handled;

static void on_term(int signal) { handled = signal; }

/* Runs this program again as `child_mode`, which signals readiness on
 * the pipe, kills it with `sig` and reports how it ended. */
static int parent(int sig, const char *child_mode, char **argv) {
  int ready[2];
  if (pipe(ready) != 0)
    return 1;
  pid_t child = fork();
  if (child == 0) {
    /* As a shell starts a job in the foreground (lit ignores SIGINT). */
    signal(sig, SIG_DFL);
    dup2(ready[1], 3);
    execl("/proc/self/exe", argv[0], child_mode, (char *)NULL);
    _exit(127);
  }
  close(ready[1]);
  char byte;
  if (read(ready[0], &byte, 1) != 1)
    return 1;
  kill(child, sig);
  int status;
  waitpid(child, &status, 0);
  printf("%d\n", (int)child);
  if (WIFSIGNALED(status))
    printf("killed by signal %d: a shell's status %d\n", WTERMSIG(status),
           128 + WTERMSIG(status));
  else
    printf("exited with %d\n", WEXITSTATUS(status));
  return 0;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  for (int i = 0; i < 20; i++)
    blocks[i] = malloc(50); // line 67
  const char *mode = argc > 1 ? argv[1] : "";
  if (strcmp(mode, "parent") == 0)
    return parent(atoi(argv[2]), argc > 3 ? "child-returns" : "child", argv);
  if (strcmp(mode, "child") == 0) {
    write(3, "r", 1);
    alarm(20); /* SIGALRM ends a child the signal did not */
    for (;;)
      pause();
  }
  if (strcmp(mode, "child-returns") == 0) {
    write(3, "r", 1);
    sleep(20);
    return 0;
  }
  if (strcmp(mode, "own") == 0) {
    signal(SIGTERM, on_term);
    raise(SIGTERM);
    struct sigaction now;
    sigaction(SIGTERM, NULL, &now);
    printf("own handler: got %d, still installed: %d\n", (int)handled,
           now.sa_handler == on_term);
  }
  if (strcmp(mode, "ignored") == 0) {
    raise(SIGTERM);
    struct sigaction now;
    sigaction(SIGTERM, NULL, &now);
    printf("ignored: still running, still ignored: %d\n",
           now.sa_handler == SIG_IGN);
  }
  return 0;
}
// CHECK:     {{.*}}terminate-dump.c:67: size=1000 B, count=20, average=50 B
// CHECK-NOT: {{.}}

// STATUS15: killed by signal 15: a shell's status 143
// STATUS2: killed by signal 2: a shell's status 130

// OWN: own handler: got 15, still installed: 1
// IGNORED: ignored: still running, still ignored: 1
