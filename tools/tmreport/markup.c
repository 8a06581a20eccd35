/* Text in the markup tmreport writes: SVG (XML) and HTML escape alike. */
#include <stdio.h>

#include "tmreport.h"

void put_escaped(FILE *out, const char *text, size_t max) {
  for (; *text && max; max--) {
    uint32_t c = take_shown_char(&text);
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
}
