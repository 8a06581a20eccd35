/*
 * tmctl's other end: a running process started, stopped, dumped and asked
 * for its status from outside, without ptrace, and at no cost while nobody
 * asks.
 *
 * Until the first request the runtime holds nothing for it but a signal
 * handler: no thread, no descriptor, no file.  tmctl sends the control
 * signal (SIGRTMAX - 2, or TRACEMALLOC_CONTROL_SIGNAL), then connects to
 * the abstract socket TM_CONTROL_SOCKET_PREFIX "<pid>".  A handler
 * cannot serve the request (the signal may have landed inside malloc, with
 * a heap held), so it wakes the control thread through a futex, a system
 * call and nothing else.  The first time there is no thread, and a
 * handler cannot make one (pthread_create is not async-signal-safe): it
 * diverts the program's next malloc() (tm_interpose_divert), which starts
 * the thread from an ordinary context and puts the entry points back.
 *
 * Once made, the thread keeps listening, so that later requests need no
 * signal: a signal interrupts whichever of the program's threads it lands
 * on (a sleep() returns early, a poll() with EINTR), as any handled signal
 * does.  Only the process's own user and
 * root are served: the kernel's word on the signal's sender (si_uid) and
 * on the socket's peer (SO_PEERCRED) is checked, never anything a client
 * says.  A fork()ed child has no thread: a request to its own pid starts
 * one there; its parent's socket names its parent.
 *
 * The protocol (docs/design.md): one request line, "start N", "stop",
 * "dump", "reset-peak", "clear" or "status"; one reply line, "ok ..." or
 * "error <message>"; after "ok <size>" to "dump", the dump's bytes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "control.h"
#include "domains.h"
#include "site_totals.h"
#include "snapshot.h"

/* How often the control thread looks whether its listener is still its
 * own. */
enum { POLL_MS = 1000 };
/* How long a client may take to send its request. */
enum { REQUEST_TIMEOUT_S = 5 };

static struct {
  int signal;                 /* 0: control is off */
  _Atomic pid_t thread_pid;   /* the process whose thread runs: a child's
                                 copy names its parent */
  _Atomic unsigned requests;  /* the futex word: signals received */
} control;

static long futex(_Atomic unsigned *word, int op, unsigned value) {
  return syscall(SYS_futex, word, op, value, NULL, NULL, 0);
}

static bool thread_runs_here(void) {
  return atomic_load_explicit(&control.thread_pid, memory_order_acquire) ==
         getpid();
}

/* Whether uid may control this process: its own user, or root. */
static bool may_control(uid_t uid) { return uid == 0 || uid == geteuid(); }

static void on_control_signal(int signal, siginfo_t *info, void *context) {
  (void)signal, (void)context;
  int saved_errno = errno;
  /* Sent by kill() or sigqueue() (si_uid is the kernel's), by a user who
   * may; the kernel let it through only then anyway. */
  if ((info->si_code == SI_USER || info->si_code == SI_QUEUE) &&
      may_control(info->si_uid)) {
    atomic_fetch_add(&control.requests, 1);
    if (thread_runs_here())
      futex(&control.requests, FUTEX_WAKE_PRIVATE, 1);
    else if (tm_interpose_divert)
      tm_interpose_divert();
  }
  errno = saved_errno;
}

/* ----- requests ----------------------------------------------------------- */

static void reply(int fd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void reply(int fd, const char *fmt, ...) {
  char line[512];
  va_list args;
  va_start(args, fmt);
  int n = vsnprintf(line, sizeof line - 1, fmt, args);
  va_end(args);
  if (n < 0)
    return;
  if (n > (int)sizeof line - 2)
    n = (int)sizeof line - 2;
  line[n++] = '\n';
  (void)tm_control_send(fd, line, (size_t)n);
}

static void reply_status(int fd) {
  size_t current = 0, peak = 0;
  tm_get_traced_memory(&current, &peak);
  tm_site_totals totals = {0};
  if (tm_is_tracing() && !tm_site_totals_collect(&totals)) {
    reply(fd, "error cannot count the blocks: out of memory");
    return;
  }
  reply(fd, "ok tracing=%d limit=%d traced=%zu peak=%zu blocks=%llu",
        tm_is_tracing(), tm_get_traceback_limit(), current, peak,
        (unsigned long long)totals.blocks);
  tm_site_totals_free(&totals);
}

static void reply_dump(int fd) {
  if (!tm_is_tracing()) {
    reply(fd, "error not tracing: nothing to dump (tmctl PID start first)");
    return;
  }
  tm_snapshot *snapshot = tm_take_snapshot();
  size_t size = 0;
  unsigned char *bytes = snapshot ? tm_dump_serialize(snapshot, &size) : NULL;
  tm_snapshot_free(snapshot);
  if (!bytes) {
    reply(fd, "error cannot take the snapshot: %s", strerror(errno));
    return;
  }
  reply(fd, "ok %zu", size);
  (void)tm_control_send(fd, bytes, size);
  tm_real.free(bytes);
}

/* "start" alone starts tracing by line; "start N" with N frames. */
static void reply_start(int fd, const char *argument) {
  long nframe = 1;
  if (*argument) {
    char *end;
    errno = 0;
    nframe = strtol(argument, &end, 10);
    if (errno || *end || nframe < 1 || nframe > TM_MAX_NFRAME) {
      reply(fd, "error the number of frames must be from 1 to %d, not '%s'",
            TM_MAX_NFRAME, argument);
      return;
    }
  }
  if (tm_start((int)nframe) != 0)
    reply(fd, "error cannot start: %s", strerror(errno));
  else
    reply(fd, "ok tracing with %ld frame%s per traceback", nframe,
          nframe == 1 ? "" : "s");
}

static void serve_request(int fd, const char *request) {
  const char *space = strchr(request, ' ');
  size_t verb = space ? (size_t)(space - request) : strlen(request);
  const char *argument = space ? space + 1 : "";
#define IS(name) (verb == sizeof name - 1 && !memcmp(request, name, verb))
  if (IS("start")) {
    reply_start(fd, argument);
  } else if (*argument) {
    reply(fd, "error '%.*s' takes no argument", (int)verb, request);
  } else if (IS("stop")) {
    tm_stop();
    reply(fd, "ok tracing stopped");
  } else if (IS("dump")) {
    reply_dump(fd);
  } else if (IS("reset-peak")) {
    tm_reset_peak();
    reply(fd, "ok peak reset");
  } else if (IS("clear")) {
    tm_clear_traces();
    reply(fd, "ok traces cleared");
  } else if (IS("status")) {
    reply_status(fd);
  } else {
    reply(fd, "error unknown request '%.*s'", (int)verb, request);
  }
#undef IS
}

/* One client: its credentials, its line, the answer. */
static void serve_client(int fd) {
  struct ucred peer;
  socklen_t length = sizeof peer;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &length) != 0 ||
      !may_control(peer.uid)) {
    reply(fd, "error permission denied: only the user of process %ld or "
              "root may control it",
          (long)getpid());
    return;
  }
  struct timeval timeout = {.tv_sec = REQUEST_TIMEOUT_S};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  char request[256];
  size_t n = 0;
  while (n < sizeof request - 1) {
    ssize_t k = recv(fd, request + n, sizeof request - 1 - n, 0);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return;
    char *newline = memchr(request + n, '\n', (size_t)k);
    n += (size_t)k;
    if (newline) {
      *newline = '\0';
      serve_request(fd, request);
      return;
    }
  }
  reply(fd, "error the request is longer than %zu bytes", sizeof request - 2);
}

/* The listener: a socket of the control thread's, or -1.  The program may
 * close any descriptor, and open a file of its own under the same number:
 * the socket's identity is kept, and a descriptor that is no longer it is
 * forgotten, never closed or used. */
static struct {
  int fd;
  dev_t dev;
  ino_t ino;
} listener = {.fd = -1};

static bool listener_is_ours(void) {
  struct stat now;
  return listener.fd >= 0 && fstat(listener.fd, &now) == 0 &&
         now.st_dev == listener.dev && now.st_ino == listener.ino;
}

static void listen_here(void) {
  struct sockaddr_un address = {.sun_family = AF_UNIX};
  /* Abstract: sun_path[0] is NUL, and nothing is created in a file
   * system. */
  int n = snprintf(address.sun_path + 1, sizeof address.sun_path - 1,
                   TM_CONTROL_SOCKET_PREFIX "%ld", (long)getpid());
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return;
  socklen_t length =
      (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)n);
  struct stat identity;
  if (bind(fd, (struct sockaddr *)&address, length) != 0 ||
      listen(fd, 8) != 0 || fstat(fd, &identity) != 0) {
    tm_report("warning: tmctl: cannot listen on @%s: %s",
              address.sun_path + 1, strerror(errno));
    close(fd);
    return;
  }
  listener.fd = fd;
  listener.dev = identity.st_dev;
  listener.ino = identity.st_ino;
}

/*
 * Listens from the first request on, so that later tmctl commands connect
 * without a signal.  A poll wakes the thread every POLL_MS: a listener the
 * program closed wakes nothing (a poll in progress even keeps it alive),
 * and is replaced once the thread sees it is no longer its own.  One that
 * cannot be made (the name is taken) is tried again at the next signal.
 */
static void *control_thread(void *arg) {
  (void)arg;
  tm_enter(); /* for the life of the thread: its allocations are ours */
  for (;;) {
    unsigned requests = atomic_load(&control.requests);
    if (!listener_is_ours()) {
      listener.fd = -1;
      listen_here();
    }
    if (listener.fd < 0) {
      futex(&control.requests, FUTEX_WAIT_PRIVATE, requests);
      continue;
    }
    struct pollfd wait = {.fd = listener.fd, .events = POLLIN};
    if (poll(&wait, 1, POLL_MS) <= 0 || !(wait.revents & POLLIN) ||
        !listener_is_ours())
      continue;
    int client = accept4(listener.fd, NULL, NULL, SOCK_CLOEXEC);
    if (client >= 0) {
      serve_client(client);
      close(client);
    }
  }
  return NULL;
}

/* A child's copy of the listener belongs to its parent's name: closed, so
 * that it neither keeps the name alive nor takes the parent's clients.
 * (Still the socket: fork() copies descriptors as they are.) */
static void close_inherited_listener(void) {
  if (listener.fd >= 0 && listener_is_ours())
    close(listener.fd);
  listener.fd = -1;
}

void tm_control_start_thread(void) {
  pid_t me = getpid();
  pid_t owner = atomic_load(&control.thread_pid);
  if (owner == me || !control.signal ||
      !atomic_compare_exchange_strong(&control.thread_pid, &owner, me))
    return;
  tm_enter();
  int error = tm_start_service_thread(control_thread, NULL);
  if (error) {
    /* The next signal tries again. */
    atomic_store(&control.thread_pid, 0);
    tm_report("warning: tmctl: cannot start the control thread: %s",
              strerror(error));
  }
  tm_leave();
}

void tm_control_install(long configured_signal) {
  int signal = configured_signal ? (int)configured_signal : SIGRTMAX - 2;
  /* A privileged program's heap is not its user's to dump. */
  if (getauxval(AT_SECURE))
    return;
  struct sigaction action;
  /* A program that set its own disposition for the signal keeps it. */
  if (sigaction(signal, NULL, &action) != 0 ||
      (action.sa_flags & SA_SIGINFO) || action.sa_handler != SIG_DFL)
    return;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = on_control_signal;
  action.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&action.sa_mask);
  if (sigaction(signal, &action, NULL) == 0) {
    control.signal = signal;
    pthread_atfork(NULL, NULL, close_inherited_listener);
  }
  else
    tm_report("warning: ignoring TRACEMALLOC_CONTROL_SIGNAL=%d: %s", signal,
              strerror(errno));
}
