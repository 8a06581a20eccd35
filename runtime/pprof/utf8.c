/*
 * Names as every report shows them.  A dump's file and function names are
 * bytes (Linux file names are), normally UTF-8 but not always, and may
 * hold control characters; every report is UTF-8 text, which SVG, HTML,
 * pprof's protobuf strings and terminals require.  So each sequence that
 * is not UTF-8 shows as U+FFFD, as Python's bytes.decode("utf-8",
 * "replace") and browsers show it: one U+FFFD for each maximal subpart
 * (Unicode's "best practice": a lead byte with the continuation bytes that
 * could follow it, or a byte that starts nothing), which rejects overlong
 * forms, surrogates and code points past U+10FFFF.  Control characters
 * and noncharacters, which XML forbids or HTML calls errors and which
 * terminals obey, show as U+FFFD too.
 */
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define REPLACEMENT_CHARACTER 0xfffd

uint32_t tm_utf8_take(const char **text) {
  const unsigned char *s = (const unsigned char *)*text;
  unsigned char b = s[0];
  /* How many continuation bytes follow the lead byte, and the range of the
   * first (the later ones are 80..BF). */
  size_t more;
  unsigned char low = 0x80, high = 0xbf;
  uint32_t c;
  if (b < 0x80) {
    *text += 1;
    return b;
  } else if (b >= 0xc2 && b <= 0xdf) {
    more = 1, c = b & 0x1f;
  } else if (b >= 0xe0 && b <= 0xef) {
    more = 2, c = b & 0x0f;
    if (b == 0xe0)
      low = 0xa0; /* below: overlong */
    else if (b == 0xed)
      high = 0x9f; /* above: a surrogate */
  } else if (b >= 0xf0 && b <= 0xf4) {
    more = 3, c = b & 0x07;
    if (b == 0xf0)
      low = 0x90; /* below: overlong */
    else if (b == 0xf4)
      high = 0x8f; /* above: past U+10FFFF */
  } else {
    *text += 1; /* a continuation byte, C0, C1 or F5..FF: starts nothing */
    return REPLACEMENT_CHARACTER;
  }
  for (size_t i = 1; i <= more; i++, low = 0x80, high = 0xbf) {
    if (s[i] < low || s[i] > high) { /* the NUL at the end included */
      *text += i;
      return REPLACEMENT_CHARACTER;
    }
    c = c << 6 | (s[i] & 0x3f);
  }
  *text += more + 1;
  return c;
}

bool tm_utf8_shown(uint32_t c) {
  if (c < 0x20 || (c >= 0x7f && c < 0xa0)) /* C0, DEL and C1 */
    return false;
  /* Noncharacters: U+FDD0..U+FDEF and the last two of every plane. */
  return !(c >= 0xfdd0 && c <= 0xfdef) && (c & 0xfffe) != 0xfffe;
}

uint32_t tm_utf8_take_shown(const char **text) {
  uint32_t c = tm_utf8_take(text);
  return tm_utf8_shown(c) ? c : REPLACEMENT_CHARACTER;
}

size_t tm_utf8_encode(uint32_t c, char out[4]) {
  if (c < 0x80) {
    out[0] = (char)c;
    return 1;
  }
  if (c < 0x800) {
    out[0] = (char)(0xc0 | c >> 6);
    out[1] = (char)(0x80 | (c & 0x3f));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = (char)(0xe0 | c >> 12);
    out[1] = (char)(0x80 | (c >> 6 & 0x3f));
    out[2] = (char)(0x80 | (c & 0x3f));
    return 3;
  }
  out[0] = (char)(0xf0 | c >> 18);
  out[1] = (char)(0x80 | (c >> 12 & 0x3f));
  out[2] = (char)(0x80 | (c >> 6 & 0x3f));
  out[3] = (char)(0x80 | (c & 0x3f));
  return 4;
}

char *tm_shown_name(const char *name) {
  /* A byte shows as at most 3 (U+FFFD), a character as itself or U+FFFD. */
  char *copy = malloc(3 * strlen(name) + 1);
  if (!copy)
    return NULL;
  char *at = copy;
  while (*name)
    at += tm_utf8_encode(tm_utf8_take_shown(&name), at);
  *at = '\0';
  return copy;
}
