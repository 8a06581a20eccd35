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

/* The arguments after `first` up to the NULL that ends them, counted (with
 * `first`, which is that NULL when it is one). */
static size_t count_arguments(const char *first, va_list args) {
  size_t n = 1;
  if (first)
    while (va_arg(args, const char *))
      n++;
  return n;
}

/* The n arguments into argv, NULL after them; the terminating NULL is
 * read too, so that execle's environment comes next. */
static void gather_arguments(const char *first, va_list args, size_t n,
                             char **argv) {
  argv[0] = (char *)first;
  for (size_t i = 1; i < n; i++)
    argv[i] = va_arg(args, char *);
  argv[n] = NULL;
  if (first)
    (void)va_arg(args, char *);
}

TM_EXPORT int execl(const char *path, const char *arg, ...) {
  va_list args;
  va_start(args, arg);
  size_t n = count_arguments(arg, args);
  va_end(args);
  char *argv[n + 1];
  va_start(args, arg);
  gather_arguments(arg, args, n, argv);
  va_end(args);
  return execv(path, argv);
}

TM_EXPORT int execle(const char *path, const char *arg, ...) {
  va_list args;
  va_start(args, arg);
  size_t n = count_arguments(arg, args);
  va_end(args);
  char *argv[n + 1];
  va_start(args, arg);
  gather_arguments(arg, args, n, argv);
  char *const *envp = va_arg(args, char *const *);
  va_end(args);
  return execve(path, argv, envp);
}

TM_EXPORT int execlp(const char *file, const char *arg, ...) {
  va_list args;
  va_start(args, arg);
  size_t n = count_arguments(arg, args);
  va_end(args);
  char *argv[n + 1];
  va_start(args, arg);
  gather_arguments(arg, args, n, argv);
  va_end(args);
  return execvp(file, argv);
}

/* Without the next definition (called before the runtime started), the
 * system call that is all _exit does. */
static _Noreturn void end_process(void (*next_exit)(int), int status) {
  tm_live_before_exit();
  if (next_exit)
    next_exit(status);
  syscall(SYS_exit_group, status);
  __builtin_unreachable();
}

TM_EXPORT void _exit(int status) { end_process(next.exit, status); }

TM_EXPORT void _Exit(int status) { end_process(next.Exit, status); }
