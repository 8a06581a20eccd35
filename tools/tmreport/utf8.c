/* Names as every report shows them: the UTF-8 of runtime/pprof/utf8.c,
 * written to a stream. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmreport.h"

#define REPLACEMENT_CHARACTER 0xfffd

void put_char(FILE *out, uint32_t c) {
  char bytes[4];
  if (c < 0x80)
    putc((int)c, out);
  else
    fwrite(bytes, 1, tm_utf8_encode(c, bytes), out);
}

size_t shown_length(const char *name) {
  size_t n = 0;
  while (*name) {
    tm_utf8_take(&name);
    n++;
  }
  return n;
}

void put_text(FILE *out, const char *text, bool lines) {
  while (*text) {
    uint32_t c = tm_utf8_take(&text);
    put_char(out, tm_utf8_shown(c) || (lines && (c == '\n' || c == '\t'))
                      ? c
                      : REPLACEMENT_CHARACTER);
  }
}
