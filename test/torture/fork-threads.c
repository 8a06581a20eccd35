// RUN: %tmcc -O1 %s -o %t -pthread && timeout 120 %t | FileCheck %s
// RUN: %tmcc -fsanitize=thread -O1 %s -o %t.tsan -pthread && timeout 120 %t.tsan | FileCheck %s
// RUN: timeout 120 %t 16 | FileCheck %s
// RUN: %clang -O2 %s -o %t.plain -pthread -I%includedir -L%libdir -ltracemalloc -Wl,-rpath,%libdir
// RUN: timeout 120 %t.plain 16 | FileCheck %s
// Processes made every way while 8 threads allocate small and large blocks,
// track blocks and take snapshots: fork (the child allocates, takes a
// snapshot and exits at once), vfork + exec, posix_spawn and system(), by
// the main thread, and fork by four of the workers too.  Every child must
// exit within a bound (else it is killed and counted as hung), and so must
// every call that waits for its child to exec.  The second run is under
// ThreadSanitizer, which makes the program exit with an error on a report;
// the last two keep 16 frames (the stack depot's lock and the cache of
// unwind rules across fork), the last in a build without frame pointers,
// walked through its call-frame information.
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <tracemalloc.h>
#include <unistd.h>

#define WORKERS 8
#define FORKING_WORKERS 4
#define WORKER_FORKS 35
#define MAIN_ROUNDS 40 /* of each of the four kinds */
#define DEADLINE_MS 10000

extern char **environ;

enum { FORK, VFORK, SPAWN, SYSTEM, KINDS };
static const char *const kind_names[KINDS] = {"fork", "vfork", "posix_spawn",
                                              "system"};
static atomic_int made[KINDS], exited[KINDS];
static atomic_bool stop;

static void sleep_ms(long ms) {
  struct timespec t = {ms / 1000, ms % 1000 * 1000000};
  nanosleep(&t, NULL);
}

/* The calls that wait for their child to exec (vfork, posix_spawn,
 * system) hang with it: an alarm bounds them. */
static void on_alarm(int signal) {
  (void)signal;
  static const char message[] = "a child did not exec within the bound\n";
  ssize_t ignored = write(STDOUT_FILENO, message, sizeof message - 1);
  (void)ignored;
  _exit(1);
}

static void wait_child(int kind, pid_t pid) {
  if (pid < 0)
    return;
  atomic_fetch_add(&made[kind], 1);
  int status;
  for (int ms = 0; ms < DEADLINE_MS; ms++) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        atomic_fetch_add(&exited[kind], 1);
      return;
    }
    sleep_ms(1);
  }
  printf("%s child %d hung: killed\n", kind_names[kind], (int)pid);
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
}

/* What a forked child does before it exits: it allocates, tracks and
 * takes a snapshot that must hold what it allocated. */
static int child(void) {
  char *small = malloc(24), *big = malloc(8192);
  int failed = !small || !big || tm_track(9, 0x9000, 512) != 0;
  tm_snapshot *snapshot = tm_take_snapshot();
  failed |= !snapshot;
  tm_snapshot_free(snapshot);
  free(small);
  free(big);
  return failed;
}

static void fork_child(void) {
  pid_t pid = fork();
  if (pid == 0)
    _exit(child());
  wait_child(FORK, pid);
}

static void *work(void *arg) {
  int id = (int)(intptr_t)arg;
  int forks = 0;
  void *kept[16] = {0};
  for (unsigned i = 0; !atomic_load(&stop) ||
                       (id < FORKING_WORKERS && forks < WORKER_FORKS);
       i++) {
    unsigned k = i % 16;
    free(kept[k]);
    kept[k] = malloc(i % 3 ? 16 + i % 200 : 4096 + i % 8192);
    uintptr_t tracked = 0x100000 * (uintptr_t)(id + 1) + k;
    tm_track(id + 1, tracked, 64);
    if (i % 2)
      tm_untrack(id + 1, tracked);
    if (i % 256 == 0)
      tm_snapshot_free(tm_take_snapshot());
    if (id < FORKING_WORKERS && forks < WORKER_FORKS && i % 64 == 0) {
      fork_child();
      forks++;
    }
  }
  for (unsigned k = 0; k < 16; k++)
    free(kept[k]);
  return NULL;
}

static void vfork_child(void) {
  alarm(DEADLINE_MS / 1000);
  pid_t pid = vfork();
  if (pid == 0) {
    execl("/bin/true", "true", (char *)NULL);
    _exit(127);
  }
  alarm(0);
  wait_child(VFORK, pid);
}

static void spawn_child(void) {
  char *argv[] = {"true", NULL};
  pid_t pid;
  alarm(DEADLINE_MS / 1000);
  int error = posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ);
  alarm(0);
  wait_child(SPAWN, error ? -1 : pid);
}

static void system_child(void) {
  alarm(DEADLINE_MS / 1000);
  int status = system("true");
  alarm(0);
  atomic_fetch_add(&made[SYSTEM], 1);
  if (status == 0)
    atomic_fetch_add(&exited[SYSTEM], 1);
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGALRM, on_alarm);
  tm_start(argc > 1 ? atoi(argv[1]) : 1);
  /* A first snapshot interns the program's path before the threads start:
   * ThreadSanitizer does not see the runtime's locks, only the C library
   * calls made under them, and would take the threads' reads of the
   * string for a race with its copy. */
  tm_snapshot_free(tm_take_snapshot());
  pthread_t workers[WORKERS];
  for (int i = 0; i < WORKERS; i++)
    pthread_create(&workers[i], NULL, work, (void *)(intptr_t)i);
  for (int round = 0; round < MAIN_ROUNDS; round++) {
    fork_child();
    vfork_child();
    spawn_child();
    system_child();
  }
  atomic_store(&stop, true);
  for (int i = 0; i < WORKERS; i++)
    pthread_join(workers[i], NULL);
  for (int kind = 0; kind < KINDS; kind++)
    printf("%s: %d children, %d exited\n", kind_names[kind],
           atomic_load(&made[kind]), atomic_load(&exited[kind]));
  tm_stop();
  return 0;
}
// CHECK-NOT: hung
// CHECK: fork: 180 children, 180 exited
// CHECK-NEXT: vfork: 40 children, 40 exited
// CHECK-NEXT: posix_spawn: 40 children, 40 exited
// CHECK-NEXT: system: 40 children, 40 exited
