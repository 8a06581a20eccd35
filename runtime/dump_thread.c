/*
 * Dumps while the program runs: on TRACEMALLOC_DUMP_SIGNAL, and near the
 * heap's highest point for TRACEMALLOC_PEAK_DUMP.
 *
 * A signal handler cannot take a snapshot (the signal may land inside
 * malloc): it only writes a byte to a pipe (async-signal-safe, and never
 * blocking here), and a thread of the runtime's waits on the other end,
 * takes the snapshot and writes the dump.  The peak cannot wait for that
 * thread to wake up: by then the program may have freed what made the
 * peak.  So the thread whose allocation crossed the threshold copies the
 * table out itself, once it has left its heap (tm_peak_capture), and hands
 * the copy to the dump thread, which symbolizes it and writes the file.
 * Nothing that thread allocates is traced.
 *
 * The same thread does the work of exit (TRACEMALLOC_TOP, TRACEMALLOC_DUMP)
 * when SIGTERM, SIGINT or SIGHUP would have killed the program: the
 * handler wakes it, it writes what exit would have written, then puts the
 * default action back and sends the signal again, so the program still
 * dies of it.  The handler is installed at start-up only where the
 * disposition is the default: an ignored signal stays ignored, and a
 * handler the program installs later replaces it.  Exit, in turn, waits
 * for the dump the thread is writing (a bounded time), and writes a
 * pending peak capture itself: a short program would otherwise end before
 * its peak dump is written.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "options.h"
#include "snapshot.h"

enum { WAKE_SIGNAL = 1, WAKE_PEAK = 2, WAKE_TERMINATE = 3 };

/* How long exit waits for a dump in progress (symbolizing a large heap
 * takes seconds). */
enum { EXIT_WAIT_SECONDS = 10 };

static const int terminating_signals[] = {SIGTERM, SIGINT, SIGHUP};
#define TERMINATING_SIGNALS                                                   \
  (sizeof terminating_signals / sizeof terminating_signals[0])

static struct {
  int pipe[2];
  pid_t pid; /* the process the thread runs in: a fork()ed child has none */
  const char *signal_pattern, *peak_pattern;
  long peak_growth; /* percent */
  tm_snapshot_traces *_Atomic peak; /* the latest capture, not yet written */
  /* Held by the thread while it writes; by exit from then on. */
  pthread_mutex_t writing;
  bool stopped;                    /* exit holds `writing` */
  _Atomic int terminating;         /* the terminating signal that came */
} dumps = {.pipe = {-1, -1}, .writing = PTHREAD_MUTEX_INITIALIZER};

static bool in_thread_process(void) {
  return dumps.pid != 0 && getpid() == dumps.pid;
}

static void wake(char why) {
  int saved_errno = errno; /* a signal may have interrupted code using it */
  /* Non-blocking: when a dump is already pending, one more byte is moot.
   * A child's byte would wake its parent's thread. */
  if (in_thread_process()) {
    ssize_t ignored = write(dumps.pipe[1], &why, 1);
    (void)ignored;
  }
  errno = saved_errno;
}

static void on_signal(int signal) {
  (void)signal;
  wake(WAKE_SIGNAL);
}

static void set_default_action(int signal) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = SIG_DFL;
  sigemptyset(&action.sa_mask);
  sigaction(signal, &action, NULL);
}

/* A second terminating signal, or one in a child without the thread,
 * acts at once: it is delivered, blocked until now, when this returns. */
static void on_terminate(int signal) {
  int none = 0;
  if (in_thread_process() &&
      atomic_compare_exchange_strong(&dumps.terminating, &none, signal)) {
    wake(WAKE_TERMINATE);
    return;
  }
  set_default_action(signal);
  raise(signal);
}

void tm_die_of_signal(int signal) {
  set_default_action(signal);
  /* To the process: the dump thread blocks every signal. */
  kill(getpid(), signal);
}

bool tm_peak_reached(int64_t peak) {
  int64_t at = atomic_load_explicit(&tm_global.peak_dump_at,
                                    memory_order_relaxed);
  int64_t next = peak + peak / 100 * dumps.peak_growth;
  /* One thread moves the threshold and captures; the others see it
   * moved. */
  return peak >= at &&
         atomic_compare_exchange_strong(&tm_global.peak_dump_at, &at,
                                        next > peak ? next : peak + 1);
}

/* The latest capture replaces one the dump thread has not taken yet. */
static tm_snapshot_traces *swap_peak(tm_snapshot_traces *capture) {
  return atomic_exchange(&dumps.peak, capture);
}

void tm_peak_capture(void) {
  tm_snapshot_traces *capture = tm_snapshot_collect();
  if (!capture)
    return;
  tm_snapshot_traces_free(swap_peak(capture));
  wake(WAKE_PEAK);
}

static void dump(tm_snapshot *snapshot, const char *pattern,
                 const char *why) {
  if (snapshot)
    tm_options_dump(snapshot, pattern, why);
  else
    tm_report("error: %s: cannot take a snapshot", why);
  tm_snapshot_free(snapshot);
}

static void dump_now(const char *pattern, const char *why) {
  if (!tm_is_tracing())
    tm_report("warning: %s: not tracing, nothing to dump", why);
  else
    dump(tm_take_snapshot(), pattern, why);
}

static void dump_peak(void) {
  tm_snapshot_traces *capture = swap_peak(NULL);
  if (capture) /* else already written with an earlier wake */
    dump(tm_snapshot_build(capture), dumps.peak_pattern,
         "TRACEMALLOC_PEAK_DUMP");
}

static void *dumper(void *arg) {
  (void)arg;
  tm_enter(); /* for the life of the thread: its allocations are ours */
  for (;;) {
    char wakes[64];
    ssize_t n = read(dumps.pipe[0], wakes, sizeof wakes);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return NULL;
    bool signal = memchr(wakes, WAKE_SIGNAL, (size_t)n) != NULL;
    bool peak = memchr(wakes, WAKE_PEAK, (size_t)n) != NULL;
    bool terminate = memchr(wakes, WAKE_TERMINATE, (size_t)n) != NULL;
    /* After exit took the lock, it does what is left. */
    pthread_mutex_lock(&dumps.writing);
    if (signal)
      dump_now(dumps.signal_pattern, "TRACEMALLOC_DUMP_SIGNAL");
    if (peak || terminate)
      dump_peak();
    if (terminate) {
      tm_options_report_and_dump();
      tm_die_of_signal(atomic_load(&dumps.terminating));
    }
    pthread_mutex_unlock(&dumps.writing);
  }
}

int tm_dump_thread_stop(void) {
  if (!in_thread_process()) {
    /* No thread here; a child's peak capture waits for its exit. */
    dump_peak();
    return 0;
  }
  if (!dumps.stopped) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += EXIT_WAIT_SECONDS;
    int error = pthread_mutex_timedlock(&dumps.writing, &deadline);
    if (error)
      tm_report("warning: exit did not wait for the dump in progress: %s",
                strerror(error));
    dumps.stopped = true;
    for (size_t i = 0; i < TERMINATING_SIGNALS; i++) {
      struct sigaction action;
      if (sigaction(terminating_signals[i], NULL, &action) == 0 &&
          action.sa_handler == on_terminate)
        set_default_action(terminating_signals[i]);
    }
    dump_peak();
  }
  return atomic_load(&dumps.terminating);
}

static bool has_default_action(int signal) {
  struct sigaction action;
  return sigaction(signal, NULL, &action) == 0 &&
         !(action.sa_flags & SA_SIGINFO) && action.sa_handler == SIG_DFL;
}

/* Whether any terminating signal still has its default action: else the
 * thread has nothing to do for them. */
static bool any_terminating_default(void) {
  for (size_t i = 0; i < TERMINATING_SIGNALS; i++)
    if (has_default_action(terminating_signals[i]))
      return true;
  return false;
}

static bool install_terminate_handlers(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_terminate;
  action.sa_flags = SA_RESTART;
  sigemptyset(&action.sa_mask);
  for (size_t i = 0; i < TERMINATING_SIGNALS; i++)
    if (has_default_action(terminating_signals[i]) &&
        sigaction(terminating_signals[i], &action, NULL) != 0)
      return false;
  return true;
}

void tm_start_dump_thread(int signal, const char *signal_pattern,
                          const char *peak_pattern, long peak_growth,
                          bool terminate) {
  terminate = terminate && any_terminating_default();
  if (!signal && !peak_pattern && !terminate)
    return;
  tm_enter();
  dumps.pid = getpid();
  dumps.signal_pattern = signal_pattern;
  dumps.peak_pattern = peak_pattern;
  dumps.peak_growth = peak_growth;
  bool ok = pipe2(dumps.pipe, O_CLOEXEC) == 0 &&
            fcntl(dumps.pipe[1], F_SETFL, O_NONBLOCK) == 0;
  if (ok) {
    int error = tm_start_service_thread(dumper, NULL);
    if (error)
      errno = error, ok = false;
  }
  if (ok && signal) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    ok = sigaction(signal, &action, NULL) == 0;
  }
  if (ok && terminate)
    ok = install_terminate_handlers();
  if (!ok) {
    dumps.pid = 0; /* nothing to wake, nothing to wait for */
    tm_report("warning: cannot start the dump thread: %s", strerror(errno));
  }
  else if (peak_pattern)
    /* Armed only now that the thread can be woken. */
    atomic_store(&tm_global.peak_dump_at, 1);
  tm_leave();
}
