/*
 * Environment variables that trace a program without touching its source.
 * Declared once, as an X-macro list expanded into the struct and the
 * parser; the doc strings are the ones docs/api.md shows.  A program
 * running with privileges its user lacks (set-user-ID, set-group-ID, file
 * capabilities: AT_SECURE) ignores them all.
 */
#ifndef TM_OPTIONS_H
#define TM_OPTIONS_H

#include "internal.h"

/*
 * OPTION(type, name, variable, minimum, maximum, doc), type one of
 *   INT     a long in [minimum, maximum]; unset or empty: 0
 *   STRING  a const char * (minimum and maximum unused); unset or empty: NULL
 */
#define TM_OPTION_LIST(OPTION)                                                \
  OPTION(INT, nframe, "TRACEMALLOC", 0, 65535,                               \
         "start tracing before main, with this many frames per traceback "   \
         "(0: do not start)")                                                \
  OPTION(INT, top, "TRACEMALLOC_TOP", 0, 1000000,                            \
         "at exit, print the top N statistics by line to stderr, if it is "  \
         "still the stderr the program started with")                        \
  OPTION(STRING, top_file, "TRACEMALLOC_TOP_FILE", 0, 0,                     \
         "print TRACEMALLOC_TOP's statistics to this new file instead "      \
         "(%p: the process id; an existing file is not touched)")            \
  OPTION(STRING, snapshot_at, "TRACEMALLOC_SNAPSHOT_AT", 0, 0,               \
         "when to take the snapshot of TRACEMALLOC_TOP and TRACEMALLOC_DUMP: " \
         "exit (the default: after every destructor) or main (when main "    \
         "returns or exit() is called, before the destructors of static "    \
         "objects)")                                                         \
  OPTION(STRING, dump, "TRACEMALLOC_DUMP", 0, 0,                             \
         "at exit, dump a snapshot to this file (%p: the process id), to "   \
         "be read with tm_snapshot_load()")                                  \
  OPTION(INT, dump_signal, "TRACEMALLOC_DUMP_SIGNAL", 0, 64,                \
         "on this signal (its number: 10 is SIGUSR1, 12 SIGUSR2), dump a "   \
         "snapshot to TRACEMALLOC_DUMP's file, from a thread of the "        \
         "runtime's, never from the signal handler")                         \
  OPTION(STRING, peak_dump, "TRACEMALLOC_PEAK_DUMP", 0, 0,                 \
         "keep a dump of the heap near its highest point in this file "      \
         "(%p: the process id), taken again when the peak grows by "         \
         "TRACEMALLOC_PEAK_DUMP_GROWTH percent")                             \
  OPTION(INT, peak_dump_growth, "TRACEMALLOC_PEAK_DUMP_GROWTH", 0, 100000,   \
         "how much a new peak must exceed the dumped one, in percent "       \
         "(0: the default, 10)")                                             \
  OPTION(STRING, symbolizer, "TRACEMALLOC_SYMBOLIZER", 0, 0,                 \
         "the llvm-symbolizer program that turns return addresses into "     \
         "files, lines and functions (none: do not symbolize; unset: "       \
         "llvm-symbolizer in LLVM's bin directory, then "                   \
         "llvm-symbolizer-19 or llvm-symbolizer in an absolute directory "   \
         "of PATH)")                                                         \
  OPTION(STRING, control, "TRACEMALLOC_CONTROL", 0, 0,                     \
         "0: do not answer tmctl (unset or 1: answer it; nothing runs "      \
         "until it asks)")                                                   \
  OPTION(INT, control_signal, "TRACEMALLOC_CONTROL_SIGNAL", 0, 64,          \
         "the signal tmctl sends to reach the process (its number; 0: the "  \
         "default, SIGRTMAX - 2, 62 on Linux)")                              \
  OPTION(STRING, live, "TRACEMALLOC_LIVE", 0, 0,                           \
         "0: keep no live file for tmtop (unset or 1: keep one while "       \
         "tracing)")                                                         \
  OPTION(STRING, live_dir, "TRACEMALLOC_LIVE_DIR", 0, 0,                   \
         "the directory of the live file (unset: /dev/shm)")                 \
  OPTION(STRING, live_keep, "TRACEMALLOC_LIVE_KEEP", 0, 0,                 \
         "1: leave the live file at exit (unset or 0: remove it; after "     \
         "kill -9 it stays)")                                                \
  OPTION(STRING, http, "TRACEMALLOC_HTTP", 0, 0,                           \
         "serve /metrics (Prometheus) and /debug/pprof/ at this address: "   \
         "HOST:PORT (a numeric address or localhost; a port of 0 is chosen " \
         "by the kernel and printed), [IPv6]:PORT, :PORT (loopback) or "     \
         "unix:PATH")                                                        \
  OPTION(INT, metrics_sites, "TRACEMALLOC_METRICS_SITES", 0, 100000,        \
         "the sites /metrics lists, those holding the most bytes (0: the "   \
         "default, 20)")                                                     \
  OPTION(INT, symbolizer_timeout, "TRACEMALLOC_SYMBOLIZER_TIMEOUT", 0, 3600, \
         "the seconds a batch of addresses may take the symbolizer before "  \
         "it is given up for the rest of the process (0: the default, 5)")

#define TM_OPTION_TYPE_INT long
#define TM_OPTION_TYPE_STRING const char *

typedef struct tm_options {
#define TM_OPTION_FIELD(type, name, variable, minimum, maximum, doc)         \
  TM_OPTION_TYPE_##type name;
  TM_OPTION_LIST(TM_OPTION_FIELD)
#undef TM_OPTION_FIELD
} tm_options;

/* Reads the environment once and starts tracing if TRACEMALLOC asks. */
void tm_options_apply_at_start(void);
/* The program ends: finishes the dumps while it runs, does what
 * TRACEMALLOC_TOP and TRACEMALLOC_DUMP ask for (once), and if a
 * terminating signal came meanwhile, dies of it. */
void tm_options_apply_at_exit(void);
/* Does what TRACEMALLOC_TOP and TRACEMALLOC_DUMP ask for, the first time
 * only; for the dump thread, on a terminating signal. */
void tm_options_report_and_dump(void);
/* start_main.c: the program's main is about to run, its static
 * constructors done (TRACEMALLOC_SNAPSHOT_AT=main). */
void tm_options_main_starts(void);

/* Dumps a snapshot to the file of `pattern` (TRACEMALLOC_DUMP's or
 * TRACEMALLOC_PEAK_DUMP's, %p expanded); a failure is one warning line
 * naming `why`.  The caller holds tm_enter(). */
void tm_options_dump(const tm_snapshot *snapshot, const char *pattern,
                     const char *why);

/* dump_thread.c: the thread that writes dumps while the program runs, on
 * TRACEMALLOC_DUMP_SIGNAL (signal > 0) and at peaks (peak_pattern), and
 * that does the work of exit on SIGTERM, SIGINT and SIGHUP (terminate)
 * while their disposition is the default. */
void tm_start_dump_thread(int signal, const char *signal_pattern,
                          const char *peak_pattern, long peak_growth,
                          bool terminate);
/* For exit: waits a bounded time for the dump the thread is writing,
 * writes a pending peak capture, leaves the thread nothing more to do and
 * the terminating signals to their default action.  Returns the
 * terminating signal that came before, or 0.  The caller holds
 * tm_enter(). */
int tm_dump_thread_stop(void);
/* Ends the process by `signal`, with its default action. */
void tm_die_of_signal(int signal);
/* TRACEMALLOC_SYMBOLIZER as read at start, or NULL. */
const char *tm_options_symbolizer(void);
/* TRACEMALLOC_SYMBOLIZER_TIMEOUT as read at start, or 0. */
long tm_options_symbolizer_timeout(void);

#endif /* TM_OPTIONS_H */
