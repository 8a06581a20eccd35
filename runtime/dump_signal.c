/*
 * TRACEMALLOC_DUMP_SIGNAL: a dump on demand, from a live process.
 *
 * A signal can arrive anywhere, inside malloc included, where taking a
 * snapshot would deadlock or worse.  So the handler only writes a byte to
 * a pipe (async-signal-safe), and a thread of the runtime's, which waits
 * on the other end, takes the snapshot and writes the dump: the next safe
 * point is that thread's.  Nothing it allocates is traced.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "options.h"

static int wake_pipe[2] = {-1, -1};

static void on_signal(int signal) {
  (void)signal;
  int saved_errno = errno; /* the interrupted code may be reading it */
  char byte = 1;
  /* Non-blocking: when a dump is already pending, one more byte is moot. */
  ssize_t ignored = write(wake_pipe[1], &byte, 1);
  (void)ignored;
  errno = saved_errno;
}

static void *dumper(void *arg) {
  (void)arg;
  tm_enter(); /* for the life of the thread: its allocations are ours */
  for (;;) {
    char bytes[64];
    ssize_t n = read(wake_pipe[0], bytes, sizeof bytes);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return NULL;
    if (!tm_is_tracing()) {
      tm_report("warning: TRACEMALLOC_DUMP_SIGNAL: not tracing, nothing to "
                "dump");
      continue;
    }
    tm_snapshot *snapshot = tm_take_snapshot();
    if (snapshot)
      tm_options_dump(snapshot, "on signal");
    else
      tm_report("error: TRACEMALLOC_DUMP_SIGNAL: cannot take a snapshot");
    tm_snapshot_free(snapshot);
  }
}

void tm_dump_on_signal(int signal) {
  tm_enter();
  pthread_t thread;
  pthread_attr_t attr;
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_signal;
  action.sa_flags = SA_RESTART;
  sigemptyset(&action.sa_mask);
  /* The thread takes no signal of the program's. */
  sigset_t all, old;
  sigfillset(&all);
  bool ok = pipe2(wake_pipe, O_CLOEXEC) == 0 &&
            fcntl(wake_pipe[1], F_SETFL, O_NONBLOCK) == 0 &&
            pthread_attr_init(&attr) == 0;
  if (ok) {
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    ok = pthread_create(&thread, &attr, dumper, NULL) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
  }
  if (ok)
    ok = sigaction(signal, &action, NULL) == 0;
  if (!ok)
    tm_report("warning: TRACEMALLOC_DUMP_SIGNAL=%d: cannot set up: %s", signal,
              strerror(errno));
  tm_leave();
}
