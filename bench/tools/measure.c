/*
 * measure: run one command and report what it cost.
 *
 *   measure [-o FILE] -- [NAME=VALUE]... PROGRAM [ARG]...
 *
 * Runs PROGRAM with the NAME=VALUE pairs added to its environment (as
 * env(1) would, but without an extra exec inside the measured time), its
 * standard output written to FILE (default: discarded) and its standard
 * error inherited.  Prints one line:
 *
 *   <wall seconds> <cpu seconds> <peak rss KiB>
 *
 * wall is CLOCK_MONOTONIC from before fork to after wait4; cpu is the user
 * plus system time of the command and every descendant it waited for; the
 * peak RSS is wait4's ru_maxrss, the largest resident set of any single
 * process in that tree (not their sum).
 *
 * Exits 0 when the command exited 0; otherwise says how it ended on
 * standard error and exits 1 (the line is printed either way).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timespec t) { return t.tv_sec + t.tv_nsec / 1e9; }

static double timeval_seconds(struct timeval t) { return t.tv_sec + t.tv_usec / 1e6; }

static void usage(void) {
  fprintf(stderr, "usage: measure [-o FILE] -- [NAME=VALUE]... PROGRAM [ARG]...\n");
  exit(2);
}

int main(int argc, char **argv) {
  const char *output = "/dev/null";
  int opt;
  while ((opt = getopt(argc, argv, "+o:")) != -1) {
    if (opt != 'o')
      usage();
    output = optarg;
  }
  char **command = argv + optind;
  while (*command && strchr(*command, '=') && **command != '=')
    command++;
  if (!*command)
    usage();

  int out = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0) {
    fprintf(stderr, "measure: cannot open %s: %s\n", output, strerror(errno));
    return 2;
  }
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  pid_t pid = fork();
  if (pid < 0) {
    fprintf(stderr, "measure: fork: %s\n", strerror(errno));
    return 2;
  }
  if (pid == 0) {
    for (char **assignment = argv + optind; assignment < command; assignment++)
      putenv(*assignment);
    dup2(out, STDOUT_FILENO);
    execvp(command[0], command);
    fprintf(stderr, "measure: cannot run %s: %s\n", command[0], strerror(errno));
    _exit(127);
  }
  close(out);

  int status;
  struct rusage usage;
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      fprintf(stderr, "measure: wait4: %s\n", strerror(errno));
      return 2;
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &end);

  double cpu = timeval_seconds(usage.ru_utime) + timeval_seconds(usage.ru_stime);
  printf("%.6f %.6f %ld\n", seconds(end) - seconds(start), cpu, usage.ru_maxrss);
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
    return 0;
  if (WIFSIGNALED(status))
    fprintf(stderr, "measure: %s was killed by signal %d (%s)\n", command[0],
            WTERMSIG(status), strsignal(WTERMSIG(status)));
  else
    fprintf(stderr, "measure: %s exited with status %d\n", command[0], WEXITSTATUS(status));
  return 1;
}
