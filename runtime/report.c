/* Messages to stderr that work anywhere: before main, inside malloc, in a
 * signal handler.  No stdio, no allocation.
 *
 * Only to the stderr the program started with: a program that closes it
 * (sort, grep and tar do, before exit) may open a file that lands on
 * descriptor 2, and a message there would corrupt that file. */
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static struct {
  bool known, open;
  dev_t dev, rdev;
  ino_t ino;
} original;

void tm_remember_stderr(void) {
  struct stat st;
  original.open = fstat(STDERR_FILENO, &st) == 0;
  if (original.open) {
    original.dev = st.st_dev;
    original.rdev = st.st_rdev;
    original.ino = st.st_ino;
  }
  original.known = true;
}

bool tm_stderr_is_original(void) {
  if (!original.known)
    return true;
  struct stat st;
  return original.open && fstat(STDERR_FILENO, &st) == 0 &&
         st.st_dev == original.dev && st.st_ino == original.ino &&
         st.st_rdev == original.rdev;
}

bool tm_write_all(int fd, const char *text, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, text, n);
    if (w <= 0)
      return false;
    text += w;
    n -= (size_t)w;
  }
  return true;
}

void tm_report(const char *fmt, ...) {
  if (!tm_stderr_is_original())
    return;
  char buf[1024];
  int n = snprintf(buf, sizeof buf, "tracemalloc: ");
  va_list ap;
  va_start(ap, fmt);
  n += vsnprintf(buf + n, sizeof buf - (size_t)n - 1, fmt, ap);
  va_end(ap);
  if (n > (int)sizeof buf - 2)
    n = (int)sizeof buf - 2;
  buf[n++] = '\n';
  tm_write_all(STDERR_FILENO, buf, (size_t)n);
}
