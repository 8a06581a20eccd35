/* The environment variables of options.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "../include/tracemalloc.h"
#include "control.h"
#include "http.h"
#include "internal.h"
#include "live.h"
#include "options.h"

static tm_options options;
/* TRACEMALLOC_SNAPSHOT_AT=main, and whether main was seen starting. */
static bool snapshot_at_main, main_started;

/* secure_getenv: in a set-user-ID program the variables are the user's,
 * and a dump path or a symbolizer of theirs would be written or run with
 * the program's privileges. */
static long parse_INT(const char *variable, long minimum, long maximum) {
  const char *text = secure_getenv(variable);
  if (!text || !*text)
    return 0;
  char *end;
  errno = 0;
  long value = strtol(text, &end, 10);
  if (errno || *end || value < minimum || value > maximum) {
    tm_report("warning: ignoring %s='%s': expected an integer from %ld to %ld",
              variable, text, minimum, maximum);
    return 0;
  }
  return value;
}

/* The text, copied: the program may change its environment before exit. */
static const char *parse_STRING(const char *variable, long minimum,
                                long maximum) {
  const char *text = secure_getenv(variable);
  return text && *text ? tm_intern(text) : NULL;
}

/* A 0-or-1 variable's value; unset, or anything else (with a warning),
 * is `unset`. */
static bool flag(const char *value, const char *variable, bool unset) {
  if (!value)
    return unset;
  if (strcmp(value, "0") != 0 && strcmp(value, "1") != 0) {
    tm_report("warning: ignoring %s='%s': expected 0 or 1", variable, value);
    return unset;
  }
  return value[0] == '1';
}

/* Says once why a privileged program does not do what its variables ask. */
static void report_ignored(void) {
  if (!getauxval(AT_SECURE))
    return;
  bool set = false;
#define TM_OPTION_IS_SET(type, name, variable, minimum, maximum, doc)        \
  set |= getenv(variable) && *getenv(variable);
  TM_OPTION_LIST(TM_OPTION_IS_SET)
#undef TM_OPTION_IS_SET
  if (set)
    tm_report("warning: a set-user-ID, set-group-ID or privileged program "
              "ignores the TRACEMALLOC* variables");
}

void tm_options_apply_at_start(void) {
#define TM_OPTION_PARSE(type, name, variable, minimum, maximum, doc)         \
  options.name = parse_##type(variable, minimum, maximum);
  TM_OPTION_LIST(TM_OPTION_PARSE)
#undef TM_OPTION_PARSE
  report_ignored();
  tm_live_configure(flag(options.live, "TRACEMALLOC_LIVE", true),
                    options.live_dir,
                    flag(options.live_keep, "TRACEMALLOC_LIVE_KEEP", false));
  if (options.nframe > 0)
    tm_start((int)options.nframe);
  if (options.dump_signal && !options.dump) {
    tm_report("warning: ignoring TRACEMALLOC_DUMP_SIGNAL=%ld: set "
              "TRACEMALLOC_DUMP to the file to write", options.dump_signal);
    options.dump_signal = 0;
  }
  if (options.top_file && options.top <= 0) {
    tm_report("warning: ignoring TRACEMALLOC_TOP_FILE=%s: set "
              "TRACEMALLOC_TOP to the number of lines", options.top_file);
    options.top_file = NULL;
  }
  if (options.snapshot_at && strcmp(options.snapshot_at, "exit") != 0) {
    snapshot_at_main = strcmp(options.snapshot_at, "main") == 0;
    if (!snapshot_at_main)
      tm_report("warning: ignoring TRACEMALLOC_SNAPSHOT_AT='%s': expected "
                "main or exit", options.snapshot_at);
  }
  if (flag(options.control, "TRACEMALLOC_CONTROL", true))
    tm_control_install(options.control_signal);
  if (options.http)
    tm_http_start(options.http, options.metrics_sites);
  bool at_exit = options.top > 0 || options.dump;
  if (options.dump_signal || options.peak_dump || at_exit)
    tm_start_dump_thread((int)options.dump_signal, options.dump,
                         options.peak_dump,
                         options.peak_dump_growth ? options.peak_dump_growth
                                                  : 10,
                         at_exit);
}

const char *tm_options_symbolizer(void) { return options.symbolizer; }
long tm_options_symbolizer_timeout(void) { return options.symbolizer_timeout; }

/* The pattern with each %p replaced by the process id and each %% by %
 * (as core_pattern does); false when the result does not fit. */
static bool expand_path(const char *pattern, char *out, size_t len) {
  char pid[24];
  snprintf(pid, sizeof pid, "%ld", (long)getpid());
  size_t n = 0;
  for (const char *p = pattern; *p; p++) {
    const char *piece = p;
    size_t length = 1;
    if (p[0] == '%' && p[1] == 'p') {
      piece = pid;
      length = strlen(pid);
      p++;
    } else if (p[0] == '%' && p[1] == '%') {
      p++;
    }
    if (length >= len - n)
      return false;
    memcpy(out + n, piece, length);
    n += length;
  }
  out[n] = '\0';
  return true;
}

/* A failure is one warning line: whatever the program was doing must not
 * change because of the tracer. */
void tm_options_dump(const tm_snapshot *snapshot, const char *pattern,
                     const char *why) {
  char path[4096];
  if (!expand_path(pattern, path, sizeof path)) {
    tm_report("warning: TRACEMALLOC_DUMP (%s): the path is longer than %zu "
              "bytes", why, sizeof path - 1);
    return;
  }
  if (tm_snapshot_dump(snapshot, path) != 0)
    tm_report("warning: TRACEMALLOC_DUMP (%s): %s", why, tm_last_error());
}

static void print_top(const tm_snapshot *snapshot, long n, int fd) {
  tm_stats *stats = tm_snapshot_statistics(snapshot, TM_KEY_LINENO, false);
  if (!stats) {
    tm_report("error: TRACEMALLOC_TOP: cannot compute statistics");
    return;
  }
  /* write(), not stdio: the program may have fclose()d stderr. */
  char line[4096];
  for (size_t i = 0; i < tm_stats_count(stats) && i < (size_t)n; i++) {
    int length = tm_stat_format(tm_stats_get(stats, i), line, sizeof line - 1);
    if (length < 0)
      continue;
    if (length > (int)sizeof line - 2)
      length = (int)sizeof line - 2;
    line[length++] = '\n';
    tm_write_all(fd, line, (size_t)length);
  }
  tm_stats_free(stats);
}

/* TRACEMALLOC_TOP's descriptor: a new file of TRACEMALLOC_TOP_FILE's,
 * else stderr while it is the one the program started with; -1 for
 * nowhere, which is silent unless the file cannot be made. */
static int open_top_output(void) {
  if (!options.top_file)
    return tm_stderr_is_original() ? STDERR_FILENO : -1;
  char path[4096];
  if (!expand_path(options.top_file, path, sizeof path)) {
    tm_report("warning: TRACEMALLOC_TOP_FILE: the path is longer than %zu "
              "bytes", sizeof path - 1);
    return -1;
  }
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                0600);
  if (fd < 0)
    tm_report("warning: TRACEMALLOC_TOP_FILE: cannot create %s: %s", path,
              strerror(errno));
  return fd;
}

void tm_options_report_and_dump(void) {
  static atomic_bool done;
  if ((options.top <= 0 && !options.dump) || atomic_exchange(&done, true))
    return;
  if (snapshot_at_main && !main_started)
    tm_report("warning: TRACEMALLOC_SNAPSHOT_AT=main: main was not seen "
              "starting (the runtime was loaded late?); the snapshot is "
              "taken at exit");
  tm_enter();
  int saved_errno = errno;
  if (!tm_is_tracing()) {
    if (options.top > 0)
      tm_report("warning: TRACEMALLOC_TOP=%ld: tracing is off at exit, "
                "nothing to print (set TRACEMALLOC=1 to trace from the start)",
                options.top);
    if (options.dump)
      tm_report("warning: TRACEMALLOC_DUMP=%s: tracing is off at exit, "
                "nothing to dump (set TRACEMALLOC=1 to trace from the start)",
                options.dump);
  } else {
    /* One snapshot for both, so the dump holds what the top lines say. */
    tm_snapshot *snapshot = tm_take_snapshot();
    if (!snapshot)
      tm_report("error: cannot take a snapshot at exit: out of memory");
    int top_fd = snapshot && options.top > 0 ? open_top_output() : -1;
    if (top_fd >= 0)
      print_top(snapshot, options.top, top_fd);
    if (top_fd >= 0 && top_fd != STDERR_FILENO)
      close(top_fd);
    if (snapshot && options.dump)
      tm_options_dump(snapshot, options.dump, "at exit");
    tm_snapshot_free(snapshot);
  }
  errno = saved_errno;
  tm_leave();
}

void tm_options_apply_at_exit(void) {
  tm_enter();
  int saved_errno = errno;
  int signal = tm_dump_thread_stop();
  errno = saved_errno;
  tm_leave();
  tm_options_report_and_dump();
  tm_live_before_exit();
  tm_http_before_exit();
  if (signal)
    tm_die_of_signal(signal);
}

/* Registered once main is about to run: exit() calls the handlers in the
 * reverse order of their registration, so this one comes before the
 * destructors the static constructors registered, and before the
 * runtime's own destructor. */
static void at_end_of_main(void) { tm_options_apply_at_exit(); }

void tm_options_main_starts(void) {
  main_started = true;
  if (snapshot_at_main && (options.top > 0 || options.dump) &&
      atexit(at_end_of_main) != 0)
    tm_report("warning: TRACEMALLOC_SNAPSHOT_AT=main: cannot register the "
              "handler; the snapshot is taken at exit");
}
