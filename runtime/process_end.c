/*
 * exec() and _exit(): the ends of a program that exit() handlers never
 * see.  Each removes the live file (live_file.c) before the call, as exit
 * does, so that a traced program that execs or _exits leaves nothing in
 * /dev/shm; an exec that fails makes a new one at the next report.
 *
 * Each forwards to the next definition (RTLD_NEXT), resolved when the
 * runtime starts, so that one called from a signal handler (execve and
 * _exit are async-signal-safe) looks nothing up, and an interposer loaded
 * after the runtime (fakeroot, a sandbox) still sees the call.  execl,
 * execle and execlp are execv, execve and execvp with their arguments
 * gathered, as the C library's own are.  Not in the builds under a
 * sanitizer, whose runtime has its own _exit.  A vfork()ed child shares
 * its parent's memory and file: it removes nothing (live_file.c checks
 * the pid).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"
#include "http.h"
#include "live.h"

static struct {
  int (*execve)(const char *, char *const[], char *const[]);
  int (*execv)(const char *, char *const[]);
  int (*execvp)(const char *, char *const[]);
  int (*execvpe)(const char *, char *const[], char *const[]);
  int (*fexecve)(int, char *const[], char *const[]);
  int (*execveat)(int, const char *, char *const[], char *const[], int);
  void (*exit)(int);
  void (*Exit)(int);
} next;

void tm_resolve_process_end(void) {
  next.execve = dlsym(RTLD_NEXT, "execve");
  next.execv = dlsym(RTLD_NEXT, "execv");
  next.execvp = dlsym(RTLD_NEXT, "execvp");
  next.execvpe = dlsym(RTLD_NEXT, "execvpe");
  next.fexecve = dlsym(RTLD_NEXT, "fexecve");
  next.execveat = dlsym(RTLD_NEXT, "execveat");
  next.exit = dlsym(RTLD_NEXT, "_exit");
  next.Exit = dlsym(RTLD_NEXT, "_Exit");
}

/* The result of an exec that returned: it failed. */
static int failed_exec(int result) {
  int saved_errno = errno;
  tm_live_after_failed_exec();
  errno = saved_errno;
  return result;
}

/* Called before the runtime started (a preloaded library's constructor),
 * the next definitions are looked up then. */
#define FORWARD_EXEC(function, ...)                                           \
  do {                                                                        \
    if (!next.function)                                                       \
      tm_resolve_process_end();                                               \
    if (!next.function) {                                                     \
      errno = ENOSYS;                                                         \
      return -1;                                                              \
    }                                                                         \
    tm_live_before_exec();                                                    \
    return failed_exec(next.function(__VA_ARGS__));                           \
  } while (0)

TM_EXPORT int execve(const char *path, char *const argv[],
                     char *const envp[]) {
  FORWARD_EXEC(execve, path, argv, envp);
}

TM_EXPORT int execv(const char *path, char *const argv[]) {
  FORWARD_EXEC(execv, path, argv);
}

TM_EXPORT int execvp(const char *file, char *const argv[]) {
  FORWARD_EXEC(execvp, file, argv);
}

TM_EXPORT int execvpe(const char *file, char *const argv[],
                      char *const envp[]) {
  FORWARD_EXEC(execvpe, file, argv, envp);
}

TM_EXPORT int fexecve(int fd, char *const argv[], char *const envp[]) {
  FORWARD_EXEC(fexecve, fd, argv, envp);
}

TM_EXPORT int execveat(int dirfd, const char *path, char *const argv[],
                       char *const envp[], int flags) {
  FORWARD_EXEC(execveat, dirfd, path, argv, envp, flags);
}

/* execv and execvp as execve is called, for exec_list. */
static int exec_path(const char *path, char *const argv[], char *const envp[]) {
  (void)envp;
  return execv(path, argv);
}

static int exec_file(const char *file, char *const argv[], char *const envp[]) {
  (void)envp;
  return execvp(file, argv);
}

/* An execl-style call: the arguments from `first` to the NULL that ends
 * them (`first` itself when it is NULL) gathered, then, with
 * `environment`, the environment after that NULL; on to exec. */
static int exec_list(int (*exec)(const char *, char *const[], char *const[]),
                     const char *path, const char *first, va_list args,
                     bool environment) {
  va_list counting;
  va_copy(counting, args);
  size_t n = 1;
  if (first)
    while (va_arg(counting, const char *))
      n++;
  va_end(counting);
  char *argv[n + 1];
  argv[0] = (char *)first;
  for (size_t i = 1; i < n; i++)
    argv[i] = va_arg(args, char *);
  argv[n] = NULL;
  if (first)
    (void)va_arg(args, char *); /* the NULL */
  char *const *envp = environment ? va_arg(args, char *const *) : NULL;
  return exec(path, argv, envp);
}

TM_EXPORT int execl(const char *path, const char *arg, ...) {
  va_list args;
  va_start(args, arg);
  int result = exec_list(exec_path, path, arg, args, false);
  va_end(args);
  return result;
}

TM_EXPORT int execle(const char *path, const char *arg, ...) {
  va_list args;
  va_start(args, arg);
  int result = exec_list(execve, path, arg, args, true);
  va_end(args);
  return result;
}

TM_EXPORT int execlp(const char *file, const char *arg, ...) {
  va_list args;
  va_start(args, arg);
  int result = exec_list(exec_file, file, arg, args, false);
  va_end(args);
  return result;
}

/* Without the next definition (called before the runtime started), the
 * system call that is all _exit does. */
static _Noreturn void end_process(void (*next_exit)(int), int status) {
  tm_live_before_exit();
  tm_http_before_exit();
  if (next_exit)
    next_exit(status);
  syscall(SYS_exit_group, status);
  __builtin_unreachable();
}

TM_EXPORT void _exit(int status) { end_process(next.exit, status); }

TM_EXPORT void _Exit(int status) { end_process(next.Exit, status); }
