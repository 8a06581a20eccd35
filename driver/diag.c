/*
 * Error reporting, and allocation that reports running out of memory.
 *
 * tmcc ends by exec'ing clang, so what it allocates is kept until then;
 * any error ends it: one line on stderr, exit status 1.
 */
#include "tmcc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* "tmcc" or "tmc++", so that messages name the command the user ran. */
static const char *program_name = "tmcc";

void tm_diag_init(const char *name) { program_name = name; }

noreturn void tm_fatal(const char *format, ...) {
  va_list ap;
  fprintf(stderr, "%s: error: ", program_name);
  va_start(ap, format);
  vfprintf(stderr, format, ap);
  va_end(ap);
  fputc('\n', stderr);
  exit(1);
}

void *tm_xrealloc(void *ptr, size_t size) {
  ptr = realloc(ptr, size);
  if (!ptr)
    tm_fatal("out of memory");
  return ptr;
}

char *tm_xasprintf(const char *format, ...) {
  va_list ap;
  va_start(ap, format);
  int length = vsnprintf(NULL, 0, format, ap);
  va_end(ap);
  if (length < 0)
    tm_fatal("cannot format '%s'", format);

  char *text = tm_xrealloc(NULL, (size_t)length + 1);
  va_start(ap, format);
  vsnprintf(text, (size_t)length + 1, format, ap);
  va_end(ap);
  return text;
}
