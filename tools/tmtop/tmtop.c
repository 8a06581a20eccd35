/*
 * tmtop: the heap of a running traced process, from outside, like top.
 *
 *   tmtop PID                       full screen, every -d SECONDS
 *   tmtop --once [-n N] [-d S] PID  one screen as text
 *   tmtop --file PATH               a live file, e.g. a killed process's
 *   tmtop --list                    the live files of this user
 *
 * It reads the process's live file (live_view.c): no ptrace, no signal, no
 * help from the process.  The full screen is plain ANSI escapes and
 * termios, not ncurses: one table redrawn whole needs no more, and tmtop
 * then needs nothing beyond the C library and the runtime it links for
 * the API's own formatters.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "live_view.h"
#include "tracemalloc.h"
#include "untraced.h"

enum { EXIT_OK = 0, EXIT_ERROR = 2 };

typedef enum { BY_SIZE, BY_COUNT, BY_RATE } sort_order;

typedef struct options {
  bool once, list, bytes;
  const char *file; /* --file */
  long pid;
  double delay;     /* -d: seconds between reads */
  size_t limit;     /* -n: lines; 0 in the full screen: as many as fit */
} options;

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  fputs("tmtop: ", stderr);
  vfprintf(stderr, fmt, args);
  fputc('\n', stderr);
  va_end(args);
  return EXIT_ERROR;
}

static void usage(FILE *out) {
  fprintf(out,
          "usage: tmtop [-d SECONDS] PID\n"
          "       tmtop --once [-n N] [-d SECONDS] [--bytes] PID\n"
          "       tmtop --file PATH [-n N] [--bytes]\n"
          "       tmtop --list\n\n"
          "The live heap of a traced process, by line, read from its live "
          "file\n(TRACEMALLOC_LIVE_DIR, default /dev/shm), without stopping "
          "it.\n\n"
          "options:\n"
          "  -d SECONDS  seconds between two reads (default 1; with --once, "
          "0: one read, no rates)\n"
          "  -n N        lines shown (default 10 with --once and --file; the "
          "screen's height otherwise)\n"
          "  --once      one screen as text, then exit\n"
          "  --file PATH read that live file (a dead process's: what was "
          "alive when it died)\n"
          "  --list      the live files of this user, and whether their "
          "process runs\n"
          "  --bytes     exact sizes, in bytes\n"
          "  --help, --version\n\n"
          "keys (full screen): s sort by size, c by count, r by allocation "
          "rate, q quit\n"
          "Exit status: 0 on success, 2 on any error.\n");
}

static const char *live_dir(void) {
  const char *dir = getenv("TRACEMALLOC_LIVE_DIR");
  return dir && *dir ? dir : TM_LIVE_DEFAULT_DIR;
}

static void live_path(long pid, char *path, size_t len) {
  snprintf(path, len, "%s/" TM_LIVE_PREFIX "%ld" TM_LIVE_SUFFIX, live_dir(),
           pid);
}

static double now_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* ----- two reads and their rates ---------------------------------------- */

typedef struct sample {
  live_view view;
  double time;
} sample;

/* Allocations and frees per second of a line since the previous read;
 * false when there is none to compare with. */
static bool rates(const sample *now, const sample *before,
                  const live_line *line, double *allocs, double *frees) {
  if (!before || before->view.generation != now->view.generation ||
      now->time <= before->time)
    return false;
  const live_line *old = live_find_line(&before->view, line);
  uint64_t old_allocs = old ? old->allocs : 0;
  uint64_t old_freed = old ? old->allocs - old->blocks : 0;
  uint64_t freed = line->allocs - line->blocks;
  double seconds = now->time - before->time;
  *allocs = line->allocs >= old_allocs
                ? (double)(line->allocs - old_allocs) / seconds : 0;
  *frees = freed >= old_freed ? (double)(freed - old_freed) / seconds : 0;
  return true;
}

static void format_size(uint64_t bytes, bool exact, char *buf, size_t len) {
  if (exact)
    snprintf(buf, len, "%llu B", (unsigned long long)bytes);
  else
    tm_format_size((double)bytes, false, buf, len);
}

/* "tracemalloc PID PROGRAM  traced X  peak Y  blocks N  +R/s" */
static void print_totals(FILE *out, const sample *now, const sample *before,
                         bool exact) {
  const live_view *v = &now->view;
  char traced[32], peak[32];
  format_size(v->bytes, exact, traced, sizeof traced);
  format_size(v->peak > 0 ? (uint64_t)v->peak : 0, exact, peak, sizeof peak);
  fprintf(out, "tracemalloc %llu %s  %s  traced %s  peak %s  blocks %llu",
          (unsigned long long)v->pid, *v->program ? v->program : "?",
          v->tracing ? "tracing" : "not tracing", traced, peak,
          (unsigned long long)v->blocks);
  if (before && before->view.generation == v->generation &&
      now->time > before->time) {
    char rate[32];
    double change = ((double)v->bytes - (double)before->view.bytes) /
                    (now->time - before->time);
    tm_format_size(change, true, rate, sizeof rate);
    fprintf(out, "  %s/s", rate);
  }
  fputc('\n', out);
  if (v->lost)
    fprintf(out, "incomplete: %llu tables or records did not fit in the "
            "live file\n", (unsigned long long)v->lost);
}

/* Python's text of the line's statistic (tmreport top's), or its exact
 * form with --bytes. */
static void format_stat(const live_line *line, bool exact, char *buf,
                        size_t len) {
  if (exact) {
    int n = snprintf(buf, len, "%s:%u: size=%llu B, count=%llu", line->file,
                     line->line, (unsigned long long)line->bytes,
                     (unsigned long long)line->blocks);
    if (line->blocks && n > 0 && (size_t)n < len)
      snprintf(buf + n, len - (size_t)n, ", average=%.0f B",
               (double)line->bytes / (double)line->blocks);
    return;
  }
  tm_frame frame = {line->file, line->line, line->function};
  tm_traceback traceback = {.nframe = 1, .total_nframe = 1, .frames = &frame};
  tm_stat stat = {.size = line->bytes, .count = line->blocks,
                  .traceback = &traceback};
  tm_stat_format(&stat, buf, len);
}

/* --once and --file: the totals, then a line per statistic. */
static void print_once(const sample *now, const sample *before,
                       const options *o) {
  print_totals(stdout, now, before, o->bytes);
  size_t n = o->limit ? o->limit : 10;
  /* Lines whose blocks all died are kept for their rates, not shown: they
   * come last. */
  for (size_t i = 0; i < now->view.nlines && i < n; i++) {
    const live_line *line = &now->view.lines[i];
    if (!line->blocks)
      break;
    char text[8192];
    format_stat(line, o->bytes, text, sizeof text);
    double allocs, frees;
    if (rates(now, before, line, &allocs, &frees))
      printf("%s, %.1f allocs/s, %.1f frees/s\n", text, allocs, frees);
    else
      printf("%s\n", text);
  }
}

static bool take_sample(int fd, const char *path, sample *s) {
  char err[512];
  if (!live_view_read(fd, path, &s->view, err, sizeof err)) {
    fail("%s", err);
    return false;
  }
  s->time = now_seconds();
  return true;
}

static void sleep_seconds(double seconds) {
  struct timespec t = {(time_t)seconds,
                       (long)((seconds - (double)(time_t)seconds) * 1e9)};
  while (nanosleep(&t, &t) != 0 && errno == EINTR)
    ;
}

/* The live file to read, opened; -1 after saying why not. */
static int open_live(const options *o, char *path, size_t len) {
  char err[512];
  if (o->file)
    snprintf(path, len, "%s", o->file);
  else
    live_path(o->pid, path, len);
  int fd = live_open(path, err, sizeof err);
  if (fd >= 0)
    return fd;
  if (!o->file && errno == ENOENT)
    fail("no live file for process %ld (%s): is it traced, and started "
         "with TRACEMALLOC_LIVE_DIR=%s?", o->pid, path, live_dir());
  else
    fail("%s", err);
  return -1;
}

static int run_once(const options *o) {
  char path[PATH_MAX];
  int fd = open_live(o, path, sizeof path);
  if (fd < 0)
    return EXIT_ERROR;
  sample first = {0}, second = {0};
  bool two = !o->file && o->delay > 0;
  bool ok = take_sample(fd, path, &first);
  if (ok && two) {
    sleep_seconds(o->delay);
    ok = take_sample(fd, path, &second);
  }
  if (ok)
    print_once(two ? &second : &first, two ? &first : NULL, o);
  live_view_free(&first.view);
  live_view_free(&second.view);
  close(fd);
  return ok ? EXIT_OK : EXIT_ERROR;
}

/* ----- --list -------------------------------------------------------------- */

/* Whether the process of a live file runs, and is the program that wrote
 * it (not a later one that got its pid). */
static const char *process_state(const live_view *v) {
  char exe[64], path[PATH_MAX];
  snprintf(exe, sizeof exe, "/proc/%llu/exe", (unsigned long long)v->pid);
  ssize_t n = readlink(exe, path, sizeof path - 1);
  if (n < 0)
    return errno == EACCES ? "running" : "stale";
  path[n] = '\0';
  return strcmp(path, v->program) == 0 ? "running" : "stale";
}

static int run_list(void) {
  DIR *dir = opendir(live_dir());
  if (!dir)
    return fail("cannot read %s: %s", live_dir(), strerror(errno));
  printf("%8s  %-7s  %10s  %s\n", "PID", "STATE", "TRACED", "PROGRAM");
  struct dirent *e;
  while ((e = readdir(dir))) {
    size_t n = strlen(e->d_name);
    if (strncmp(e->d_name, TM_LIVE_PREFIX, strlen(TM_LIVE_PREFIX)) ||
        n <= strlen(TM_LIVE_SUFFIX) ||
        strcmp(e->d_name + n - strlen(TM_LIVE_SUFFIX), TM_LIVE_SUFFIX))
      continue;
    char path[PATH_MAX], err[512];
    snprintf(path, sizeof path, "%s/%s", live_dir(), e->d_name);
    live_view v;
    int fd = live_open(path, err, sizeof err);
    if (fd < 0)
      continue; /* another user's */
    if (live_view_read(fd, path, &v, err, sizeof err)) {
      char traced[32];
      tm_format_size((double)v.bytes, false, traced, sizeof traced);
      printf("%8llu  %-7s  %10s  %s\n", (unsigned long long)v.pid,
             process_state(&v), traced, v.program);
      live_view_free(&v);
    } else {
      printf("%8s  %-7s  %10s  %s\n", "?", "damaged", "?", err);
    }
    close(fd);
  }
  closedir(dir);
  return EXIT_OK;
}

/* ----- the full screen ----------------------------------------------------- */

static struct termios saved_terminal;
static volatile sig_atomic_t stopping;

static void restore_terminal(void) {
  tcsetattr(STDIN_FILENO, TCSANOW, &saved_terminal);
  /* The cursor back, the screen as it was before. */
  fputs("\033[?25h\033[?1049l", stdout);
  fflush(stdout);
}

static void on_stop(int signal) {
  (void)signal;
  stopping = 1;
}

static void on_resize(int signal) { (void)signal; }

static int screen_rows(void) {
  struct winsize w;
  return ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_row > 4
             ? w.ws_row : 24;
}

/* The lines in the order asked for; rates sort what the last two reads
 * saw. */
typedef struct ranked {
  const live_line *line;
  double allocs, frees;
  bool has_rates;
} ranked;

static sort_order order;

static int by_order(const void *a, const void *b) {
  const ranked *x = a, *y = b;
  switch (order) {
  case BY_COUNT:
    if (x->line->blocks != y->line->blocks)
      return x->line->blocks > y->line->blocks ? -1 : 1;
    break;
  case BY_RATE:
    if (x->allocs != y->allocs)
      return x->allocs > y->allocs ? -1 : 1;
    break;
  case BY_SIZE:
    break;
  }
  /* Nothing alive: last, but by rate a line whose blocks all die at once
   * is what that order is for. */
  if (order != BY_RATE && !x->line->blocks != !y->line->blocks)
    return x->line->blocks ? -1 : 1;
  if (x->line->bytes != y->line->bytes)
    return x->line->bytes > y->line->bytes ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

static void count_text(double n, char *buf, size_t len) {
  if (n >= 1e9)
    snprintf(buf, len, "%.1f G", n / 1e9);
  else if (n >= 1e6)
    snprintf(buf, len, "%.1f M", n / 1e6);
  else if (n >= 1e4)
    snprintf(buf, len, "%.0f k", n / 1e3);
  else
    snprintf(buf, len, "%.0f", n);
}

static void draw(const sample *now, const sample *before, bool exact) {
  fputs("\033[H\033[2J", stdout);
  print_totals(stdout, now, before, exact);
  printf("\033[7m%10s %8s %9s %9s  %s%s\033[0m\n", "SIZE", "COUNT", "ALLOC/s",
         "FREE/s", "LINE",
         order == BY_SIZE ? "  (by size)" : order == BY_COUNT ? "  (by count)"
                                                             : "  (by rate)");
  size_t n = now->view.nlines;
  ranked *rows = calloc(n ? n : 1, sizeof *rows);
  if (!rows)
    return;
  for (size_t i = 0; i < n; i++) {
    rows[i].line = &now->view.lines[i];
    rows[i].has_rates = rates(now, before, rows[i].line, &rows[i].allocs,
                              &rows[i].frees);
  }
  qsort(rows, n, sizeof *rows, by_order);
  size_t shown = (size_t)screen_rows() - 3;
  for (size_t i = 0;
       i < n && i < shown && (rows[i].line->blocks || order == BY_RATE); i++) {
    char size[32], count[32], allocs[32] = "-", frees[32] = "-";
    format_size(rows[i].line->bytes, exact, size, sizeof size);
    count_text((double)rows[i].line->blocks, count, sizeof count);
    if (rows[i].has_rates) {
      count_text(rows[i].allocs, allocs, sizeof allocs);
      count_text(rows[i].frees, frees, sizeof frees);
    }
    printf("%10s %8s %9s %9s  %s:%u%s%s%s\n", size, count, allocs, frees,
           rows[i].line->file, rows[i].line->line,
           *rows[i].line->function ? " (" : "", rows[i].line->function,
           *rows[i].line->function ? ")" : "");
  }
  free(rows);
  fflush(stdout);
}

/* Waits up to `seconds` for a key; true to go on. */
static bool wait_for_keys(double seconds) {
  struct pollfd in = {.fd = STDIN_FILENO, .events = POLLIN};
  if (poll(&in, 1, (int)(seconds * 1000)) <= 0)
    return !stopping;
  char key;
  if (read(STDIN_FILENO, &key, 1) != 1)
    return !stopping;
  switch (key) {
  case 'q':
    return false;
  case 's':
    order = BY_SIZE;
    break;
  case 'c':
    order = BY_COUNT;
    break;
  case 'r':
    order = BY_RATE;
    break;
  }
  return !stopping;
}

static int run_screen(const options *o) {
  if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
    return fail("the full screen needs a terminal: use --once");
  char path[PATH_MAX];
  int fd = open_live(o, path, sizeof path);
  if (fd < 0)
    return EXIT_ERROR;
  tcgetattr(STDIN_FILENO, &saved_terminal);
  struct termios raw = saved_terminal;
  raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
  raw.c_cc[VMIN] = 0;
  raw.c_cc[VTIME] = 0;
  tcsetattr(STDIN_FILENO, TCSANOW, &raw);
  struct sigaction stop = {.sa_handler = on_stop};
  sigaction(SIGINT, &stop, NULL);
  sigaction(SIGTERM, &stop, NULL);
  sigaction(SIGHUP, &stop, NULL);
  struct sigaction resize = {.sa_handler = on_resize}; /* wakes the poll */
  sigaction(SIGWINCH, &resize, NULL);
  /* The alternate screen, the cursor hidden. */
  fputs("\033[?1049h\033[?25l", stdout);
  sample samples[2];
  memset(samples, 0, sizeof samples);
  int current = 0;
  bool have_before = false;
  int status = EXIT_OK;
  for (;;) {
    if (!take_sample(fd, path, &samples[current])) {
      status = EXIT_ERROR;
      break;
    }
    draw(&samples[current], have_before ? &samples[!current] : NULL,
         o->bytes);
    if (!wait_for_keys(o->delay))
      break;
    current = !current;
    live_view_free(&samples[current].view);
    have_before = true;
  }
  restore_terminal();
  live_view_free(&samples[0].view);
  live_view_free(&samples[1].view);
  close(fd);
  return status;
}

/* ----- arguments ----------------------------------------------------------- */

static bool parse_number(const char *text, double *out) {
  char *end;
  errno = 0;
  double d = strtod(text, &end);
  if (errno || *end || !*text || d < 0 || d > 86400)
    return false;
  *out = d;
  return true;
}

static int parse(int argc, char **argv, options *o) {
  *o = (options){.delay = 1};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *value = i + 1 < argc ? argv[i + 1] : NULL;
    double number;
    if (!strcmp(a, "--once")) {
      o->once = true;
    } else if (!strcmp(a, "--list")) {
      o->list = true;
    } else if (!strcmp(a, "--bytes")) {
      o->bytes = true;
    } else if (!strcmp(a, "--file")) {
      if (!value)
        return fail("--file needs a path");
      o->file = argv[++i];
    } else if (!strcmp(a, "-d")) {
      if (!value || !parse_number(value, &number))
        return fail("-d expects seconds from 0 to 86400, not '%s'",
                    value ? value : "");
      o->delay = number;
      i++;
    } else if (!strcmp(a, "-n")) {
      char *end;
      errno = 0;
      unsigned long long n = value && isdigit((unsigned char)*value)
                                 ? strtoull(value, &end, 10) : 0;
      if (!n || errno || *end)
        return fail("-n expects a number of lines, not '%s'",
                    value ? value : "");
      o->limit = n < SIZE_MAX ? (size_t)n : SIZE_MAX;
      i++;
    } else if (a[0] == '-') {
      return fail("unknown option '%s' (try 'tmtop --help')", a);
    } else {
      char *end;
      errno = 0;
      long pid = strtol(a, &end, 10);
      if (errno || *end || pid <= 0 || o->pid)
        return fail("not a process id: '%s' (try 'tmtop --help')", a);
      o->pid = pid;
    }
  }
  if (o->list + (o->file != NULL) + (o->pid != 0) != 1)
    return fail("give a process id, --file PATH or --list (try 'tmtop "
                "--help')");
  if (!o->once && !o->file && !o->list && o->delay <= 0)
    return fail("-d must be more than 0 for the full screen");
  return EXIT_OK;
}

int main(int argc, char **argv) {
  tm_tool_run_untraced(argv);
  if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
    usage(stdout);
    return EXIT_OK;
  }
  if (argc == 2 && !strcmp(argv[1], "--version")) {
    printf("tmtop (tracemalloc for C) %s\n", TM_VERSION);
    return EXIT_OK;
  }
  options o;
  int status = parse(argc, argv, &o);
  if (status != EXIT_OK)
    return status;
  if (o.list)
    status = run_list();
  else if (o.once || o.file)
    status = run_once(&o);
  else
    status = run_screen(&o);
  if (fflush(stdout) != 0 || ferror(stdout))
    status = fail("cannot write: %s", strerror(errno));
  return status;
}
