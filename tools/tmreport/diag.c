/* The one way tmreport fails: a line on stderr and exit status 2. */
#include <stdarg.h>
#include <stdio.h>

#include "tmreport.h"

int report_error(const char *format, ...) {
  char message[4096];
  va_list args;
  va_start(args, format);
  vsnprintf(message, sizeof message, format, args);
  va_end(args);
  /* One line, whatever a path or a loader message holds, so that scripts
   * can read the error as a single line. */
  for (char *c = message; *c; c++)
    if (*c == '\n' || *c == '\r')
      *c = ' ';
  fprintf(stderr, "tmreport: error: %s\n", message);
  return TMREPORT_EXIT_ERROR;
}
