/* Text in the markup tmreport writes: SVG (XML) and HTML escape alike. */
#include <stdio.h>

#include "tmreport.h"

static void put_escaped_char(FILE *out, uint32_t c) {
  switch (c) {
  case '&':
    fputs("&amp;", out);
    break;
  case '<':
    fputs("&lt;", out);
    break;
  case '>':
    fputs("&gt;", out);
    break;
  case '"':
    fputs("&quot;", out);
    break;
  default:
    put_char(out, c);
  }
}

void put_escaped(FILE *out, const char *text, size_t max) {
  for (; *text && max; max--)
    put_escaped_char(out, tm_utf8_take_shown(&text));
}

void put_escaped_lines(FILE *out, const char *text) {
  while (*text) {
    if (*text == '\n' || *text == '\t')
      fputc(*text++, out);
    else
      put_escaped_char(out, tm_utf8_take_shown(&text));
  }
}
