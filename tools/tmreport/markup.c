/* Text in the markup tmreport writes: SVG (XML) and HTML escape alike. */
#include <stdio.h>

#include "tmreport.h"

/* Control characters are not allowed in XML 1.0 (nor, but for white
 * space, in HTML): they become '?'. */
void put_escaped(FILE *out, const char *text, size_t max) {
  for (const unsigned char *c = (const unsigned char *)text; *c && max;
       c++, max--) {
    switch (*c) {
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
      fputc(*c < 0x20 || *c == 0x7f ? '?' : *c, out);
    }
  }
}
