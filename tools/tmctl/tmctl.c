/*
 * tmctl: controls a running process that has the runtime (built with tmcc,
 * or run with it preloaded), from outside, without ptrace:
 *
 *   tmctl PID start [NFRAME] | stop | dump FILE | reset-peak | clear | status
 *
 * It sends the process its control signal and talks to the socket that
 * the runtime then opens (runtime/control.c has the other end and the
 * protocol).  Before the signal, it checks in /proc that the process has
 * the runtime loaded and catches that signal: the default action of a
 * real-time signal is to terminate, and tmctl must never kill a process it
 * cannot control.  The kernel decides who may signal; the runtime checks
 * the socket's peer again, and tmctl checks that the socket's listener is
 * the process it means (SO_PEERCRED), not somebody who took its name.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "control.h"
#include "file_replace.h"
#include "tracemalloc.h"
#include "untraced.h"

enum { EXIT_OK = 0, EXIT_ERROR = 2 };

/* How long tmctl waits for the process to answer, and how often it signals
 * again meanwhile (a signal can be lost to a concurrent change of the
 * process's malloc entry points). */
enum { ANSWER_TIMEOUT_MS = 5000, RESIGNAL_MS = 500, POLL_MS = 10 };

/* The mode of a new dump file, as the runtime's dumps have it. */
#define DUMP_FILE_MODE 0644

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...) {
  va_list args;
  va_start(args, fmt);
  fputs("tmctl: ", stderr);
  vfprintf(stderr, fmt, args);
  fputc('\n', stderr);
  va_end(args);
  return EXIT_ERROR;
}

static void usage(FILE *out) {
  fprintf(out,
          "usage: tmctl PID COMMAND\n\n"
          "Controls a running process built with tmcc (or with the runtime "
          "preloaded),\nwithout restarting it and without ptrace.\n\n"
          "commands:\n"
          "  start [NFRAME]  start tracing, with NFRAME frames per traceback "
          "(default 1)\n"
          "  stop            stop tracing and forget every trace\n"
          "  dump FILE       write a snapshot dump to FILE (read it with "
          "tmreport)\n"
          "  reset-peak      make the peak the current traced memory\n"
          "  clear           forget every trace, keep tracing\n"
          "  status          whether it traces, its limit, traced memory, "
          "peak, blocks\n\n"
          "Only the process's own user or root may control it.  Exit "
          "status: 0 on success,\n2 on any error.\n");
}

/* ----- what /proc says of the process --------------------------------------- */

/* The whole of a /proc file, NUL-terminated, in a new buffer; NULL with
 * errno. */
static char *read_proc(long pid, const char *what, size_t *size) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%ld/%s", pid, what);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return NULL;
  size_t n = 0, capacity = 4096;
  char *text = malloc(capacity + 1);
  for (ssize_t k = 1; text && k > 0;) {
    if (n == capacity) {
      char *bigger = realloc(text, 2 * capacity + 1);
      if (!bigger) {
        free(text);
        text = NULL;
        errno = ENOMEM;
        break;
      }
      text = bigger;
      capacity *= 2;
    }
    k = read(fd, text + n, capacity - n);
    if (k < 0) {
      int err = errno;
      free(text);
      text = NULL;
      errno = err;
    } else {
      n += (size_t)k;
    }
  }
  int err = errno;
  close(fd);
  errno = err;
  if (text) {
    text[n] = '\0';
    if (size)
      *size = n;
  }
  return text;
}

/* The value of `name` in the process's initial environment, copied; NULL
 * when unset or unreadable. */
static char *initial_environment(long pid, const char *name) {
  size_t size;
  char *environment = read_proc(pid, "environ", &size);
  char *value = NULL;
  size_t length = strlen(name);
  for (char *p = environment; p && p < environment + size && !value;
       p += strlen(p) + 1)
    if (!strncmp(p, name, length) && p[length] == '=')
      value = strdup(p + length + 1);
  free(environment);
  return value;
}

/* Whether the process catches `signal` (its status's SigCgt mask). */
static bool catches(const char *status, int signal) {
  const char *mask = strstr(status, "\nSigCgt:\t");
  if (!mask)
    return false;
  unsigned long long bits = strtoull(mask + strlen("\nSigCgt:\t"), NULL, 16);
  return signal >= 1 && signal <= 64 && (bits >> (signal - 1) & 1);
}

/* Checks that the process can be controlled, and finds its signal.  Fails
 * with a message. */
static int find_control_signal(long pid, int *signal) {
  char *status = read_proc(pid, "status", NULL);
  if (!status)
    return errno == ENOENT ? fail("no process %ld", pid)
                           : fail("cannot read /proc/%ld/status: %s", pid,
                                  strerror(errno));
  char *maps = read_proc(pid, "maps", NULL);
  if (!maps) {
    int err = errno;
    free(status);
    return err == EACCES || err == EPERM
               ? fail("process %ld: permission denied: only its own user or "
                      "root may control it",
                      pid)
               : fail("cannot read /proc/%ld/maps: %s", pid, strerror(err));
  }
  bool has_runtime = strstr(maps, "/libtracemalloc.so") != NULL;
  free(maps);
  char *control = initial_environment(pid, "TRACEMALLOC_CONTROL");
  char *number = initial_environment(pid, "TRACEMALLOC_CONTROL_SIGNAL");
  *signal = number && *number ? atoi(number) : 0;
  if (*signal == 0)
    *signal = SIGRTMAX - 2;
  int result = EXIT_OK;
  if (!has_runtime)
    result = fail("process %ld does not have the tracemalloc runtime loaded "
                  "(build it with tmcc, or run it with "
                  "LD_PRELOAD=libtracemalloc.so.1)",
                  pid);
  else if (control && !strcmp(control, "0"))
    result = fail("process %ld was started with TRACEMALLOC_CONTROL=0", pid);
  else if (!catches(status, *signal))
    result = fail("process %ld does not answer signal %d: the program "
                  "handles it itself, or runs with privileges its user "
                  "lacks (set TRACEMALLOC_CONTROL_SIGNAL to a signal it "
                  "leaves alone)",
                  pid, *signal);
  free(control);
  free(number);
  free(status);
  return result;
}

/* ----- the conversation -------------------------------------------------- */

static long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* A socket connected to the process's listener, or -1 when it does not
 * listen (yet); a listener that is not the process fails with a message
 * (*failed set). */
static int try_connect(long pid, bool *failed) {
  struct sockaddr_un address = {.sun_family = AF_UNIX};
  int n = snprintf(address.sun_path + 1, sizeof address.sun_path - 1,
                   TM_CONTROL_SOCKET_PREFIX "%ld", pid);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    *failed = true;
    fail("cannot make a socket: %s", strerror(errno));
    return -1;
  }
  socklen_t length =
      (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)n);
  if (connect(fd, (struct sockaddr *)&address, length) != 0) {
    close(fd);
    return -1;
  }
  struct ucred peer;
  socklen_t size = sizeof peer;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &size) != 0 ||
      peer.pid != (pid_t)pid) {
    *failed = true;
    fail("the control socket of process %ld is held by process %ld: not "
         "talking to it",
         pid, (long)peer.pid);
    close(fd);
    return -1;
  }
  return fd;
}

/* Signals the process until its listener answers. */
static int connect_to(long pid, int signal) {
  bool failed = false;
  int fd = try_connect(pid, &failed); /* a session may still be open */
  long start = now_ms(), signalled = -RESIGNAL_MS;
  while (fd < 0 && !failed) {
    long now = now_ms();
    if (now - start > ANSWER_TIMEOUT_MS) {
      fail("process %ld did not answer within %d s (control starts at its "
           "next call to malloc or free)",
           pid, ANSWER_TIMEOUT_MS / 1000);
      return -1;
    }
    if (now - signalled >= RESIGNAL_MS) {
      if (kill((pid_t)pid, signal) != 0) {
        if (errno == EPERM)
          fail("process %ld: permission denied: only its own user or root "
               "may control it", pid);
        else if (errno == ESRCH)
          fail("process %ld exited before it answered", pid);
        else
          fail("cannot signal process %ld: %s", pid, strerror(errno));
        return -1;
      }
      signalled = now;
    }
    usleep(POLL_MS * 1000);
    fd = try_connect(pid, &failed);
  }
  return fd;
}

static bool send_line(int fd, const char *line) {
  return tm_control_send(fd, line, strlen(line));
}

/* Reads exactly n bytes; false at an early end or an error. */
static bool receive(int fd, char *bytes, size_t n) {
  while (n > 0) {
    ssize_t k = recv(fd, bytes, n, 0);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return false;
    bytes += k;
    n -= (size_t)k;
  }
  return true;
}

/* The reply line, without its newline; false when the process closed the
 * connection first. */
static bool receive_line(int fd, char *line, size_t len) {
  for (size_t n = 0; n + 1 < len; n++) {
    if (!receive(fd, line + n, 1))
      return false;
    if (line[n] == '\n') {
      line[n] = '\0';
      return true;
    }
  }
  return false;
}

/* ----- the commands -------------------------------------------------------- */

static long field(const char *reply, const char *name) {
  const char *at = strstr(reply, name);
  return at ? strtol(at + strlen(name), NULL, 10) : 0;
}

static void print_size(const char *label, long bytes) {
  char text[64];
  tm_format_size((double)bytes, false, text, sizeof text);
  printf("%s %s", label, text);
}

static int print_status(long pid, const char *reply) {
  char *program = read_proc(pid, "cmdline", NULL);
  printf("process %ld (%s): ", pid, program && *program ? program : "?");
  free(program);
  if (!field(reply, "tracing=")) {
    printf("not tracing\n");
    return EXIT_OK;
  }
  long limit = field(reply, "limit=");
  printf("tracing, %ld frame%s per traceback\n", limit, limit == 1 ? "" : "s");
  print_size("traced", field(reply, "traced="));
  print_size(", peak", field(reply, "peak="));
  printf(", %ld blocks\n", field(reply, "blocks="));
  return EXIT_OK;
}

static int save_dump(int fd, long pid, const char *reply, const char *path) {
  char *end;
  errno = 0;
  unsigned long long size = strtoull(reply, &end, 10);
  if (errno || *end || size == 0 || size > SIZE_MAX)
    return fail("process %ld sent a malformed reply: '%s'", pid, reply);
  char *bytes = malloc((size_t)size);
  if (!bytes)
    return fail("no memory for a dump of %llu bytes", size);
  int status = EXIT_OK;
  tm_file_step failed;
  int err;
  if (!receive(fd, bytes, (size_t)size))
    status = fail("process %ld stopped sending its dump", pid);
  else if ((err = tm_replace_file(path, bytes, (size_t)size, DUMP_FILE_MODE,
                                  &failed)))
    status = fail("%s: cannot %s: %s", path,
                  failed == TM_FILE_OPEN ? "create" : "write", strerror(err));
  else
    printf("process %ld: dumped %llu bytes to %s\n", pid, size, path);
  free(bytes);
  return status;
}

/* The request line of the command, and its argument count; NULL for an
 * unknown command. */
static const char *request_of(const char *command, int nargs) {
  static const struct {
    const char *name;
    int min, max;
  } commands[] = {{"start", 0, 1}, {"stop", 0, 0},  {"dump", 1, 1},
                  {"reset-peak", 0, 0}, {"clear", 0, 0}, {"status", 0, 0}};
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(command, commands[i].name))
      return nargs >= commands[i].min && nargs <= commands[i].max
                 ? commands[i].name
                 : "";
  return NULL;
}

int main(int argc, char **argv) {
  tm_tool_run_untraced(argv);
  if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
    usage(stdout);
    return EXIT_OK;
  }
  if (argc == 2 && !strcmp(argv[1], "--version")) {
    printf("tmctl (tracemalloc for C) %s\n", TM_VERSION);
    return EXIT_OK;
  }
  if (argc < 3) {
    usage(stderr);
    return EXIT_ERROR;
  }
  char *end;
  errno = 0;
  long pid = strtol(argv[1], &end, 10);
  if (errno || *end || pid <= 0)
    return fail("not a process id: '%s' (try 'tmctl --help')", argv[1]);
  const char *command = argv[2];
  const char *request = request_of(command, argc - 3);
  if (!request)
    return fail("unknown command '%s' (try 'tmctl --help')", command);
  if (!*request)
    return fail("wrong number of arguments for '%s' (try 'tmctl --help')",
                command);

  if (argc == 4 && strpbrk(argv[3], "\n\r"))
    return fail("'%s' takes no line breaks", command);
  char line[512];
  if (!strcmp(command, "start") && argc == 4)
    snprintf(line, sizeof line, "start %s\n", argv[3]);
  else
    snprintf(line, sizeof line, "%s\n", request);

  int signal;
  int status = find_control_signal(pid, &signal);
  if (status != EXIT_OK)
    return status;
  int fd = connect_to(pid, signal);
  if (fd < 0)
    return EXIT_ERROR;
  char reply[512];
  bool answered = send_line(fd, line) && receive_line(fd, reply, sizeof reply);
  if (!answered) {
    /* The program closed the listener as this connected (a daemon closing
     * every descriptor): the runtime makes a new one. */
    close(fd);
    fd = connect_to(pid, signal);
    if (fd < 0)
      return EXIT_ERROR;
    answered = send_line(fd, line) && receive_line(fd, reply, sizeof reply);
  }
  if (!answered)
    status = fail("process %ld closed the connection without answering", pid);
  else if (!strncmp(reply, "error ", 6))
    status = fail("process %ld: %s", pid, reply + 6);
  else if (strncmp(reply, "ok", 2) != 0)
    status = fail("process %ld sent a malformed reply: '%s'", pid, reply);
  else if (!strcmp(command, "status"))
    status = print_status(pid, reply);
  else if (!strcmp(command, "dump"))
    status = save_dump(fd, pid, reply + 3, argv[3]);
  else
    printf("process %ld: %s\n", pid, reply + 3);
  close(fd);
  if (fflush(stdout) != 0 || ferror(stdout))
    status = fail("cannot write: %s", strerror(errno));
  return status;
}
