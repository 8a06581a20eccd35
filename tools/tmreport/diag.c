/* What tmreport says on stderr: a line each, errors (exit status 2) and
 * notes. */
#include <stdarg.h>
#include <stdio.h>

#include "tmreport.h"

static void report_line(const char *level, const char *format, va_list args) {
  char message[4096];
  vsnprintf(message, sizeof message, format, args);
  /* One line, whatever a path or a loader message holds, so that scripts
   * can read it as a single line. */
  for (char *c = message; *c; c++)
    if (*c == '\n' || *c == '\r')
      *c = ' ';
  fprintf(stderr, "tmreport: %s: %s\n", level, message);
}

int report_error(const char *format, ...) {
  va_list args;
  va_start(args, format);
  report_line("error", format, args);
  va_end(args);
  return TMREPORT_EXIT_ERROR;
}

void report_note(const char *format, ...) {
  va_list args;
  va_start(args, format);
  report_line("note", format, args);
  va_end(args);
}
