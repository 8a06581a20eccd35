/* What the SVG writers of tmreport (flamegraph, timeline) share. */
#include <stdint.h>
#include <stdio.h>

#include "tmreport.h"

/* Text as XML character data or an attribute value.  Control characters
 * are not allowed in XML 1.0: they become '?'. */
void put_xml(FILE *out, const char *text, size_t max) {
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

void put_svg_start(FILE *out, double width, double height, double font_size,
                   const char *style, const char *title) {
  fprintf(out,
          "<?xml version=\"1.0\" standalone=\"no\"?>\n"
          "<svg version=\"1.1\" xmlns=\"http://www.w3.org/2000/svg\" "
          "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">\n"
          "<style>\n"
          "text { font-family: monospace; font-size: %.0fpx; fill: #000; }\n"
          "%s"
          "</style>\n"
          "<rect width=\"100%%\" height=\"100%%\" fill=\"#f8f8f8\"/>\n"
          "<text x=\"%.0f\" y=\"24\" text-anchor=\"middle\" "
          "style=\"font-size: 17px\">",
          width, height, width, height, font_size, style, width / 2);
  put_xml(out, title, SIZE_MAX);
  fputs("</text>\n", out);
}
