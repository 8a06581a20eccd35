/* Messages to stderr that work anywhere: before main, inside malloc, in a
 * signal handler.  No stdio, no allocation. */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "internal.h"

void tm_report(const char *fmt, ...) {
  char buf[1024];
  int n = snprintf(buf, sizeof buf, "tracemalloc: ");
  va_list ap;
  va_start(ap, fmt);
  n += vsnprintf(buf + n, sizeof buf - (size_t)n - 1, fmt, ap);
  va_end(ap);
  if (n > (int)sizeof buf - 2)
    n = (int)sizeof buf - 2;
  buf[n++] = '\n';
  for (const char *p = buf; n > 0;) {
    ssize_t w = write(STDERR_FILENO, p, (size_t)n);
    if (w <= 0)
      break;
    p += w;
    n -= (int)w;
  }
}
