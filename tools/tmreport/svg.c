/* What the SVG writers of tmreport (flamegraph, timeline) share. */
#include <stdint.h>
#include <stdio.h>

#include "tmreport.h"

bool open_svg_file(output_file *file, const char *path) {
  if (!open_output(file, path))
    return false;
  fputs("<?xml version=\"1.0\" standalone=\"no\"?>\n", file->stream);
  return true;
}

void put_svg_start(FILE *out, double width, double height, double font_size,
                   const char *style, const char *title) {
  fprintf(out,
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
  put_escaped(out, title, SIZE_MAX);
  fputs("</text>\n", out);
}
