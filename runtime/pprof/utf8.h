/*
 * Names as every report shows them (utf8.c): UTF-8, each sequence that is
 * not, each control character and each noncharacter as U+FFFD.  Shared by
 * tmreport and the runtime's pprof endpoint.
 */
#ifndef TM_PPROF_UTF8_H
#define TM_PPROF_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The character that starts *text (not at its terminating NUL), U+FFFD
 * for a sequence that is not UTF-8; *text moved past it. */
uint32_t tm_utf8_take(const char **text);
/* The same, U+FFFD too for a character that is not shown. */
uint32_t tm_utf8_take_shown(const char **text);
/* Whether a character is shown as itself. */
bool tm_utf8_shown(uint32_t c);
/* c, a Unicode scalar value, as UTF-8; its length. */
size_t tm_utf8_encode(uint32_t c, char out[4]);
/* A copy of `name` as shown, to free(); NULL without memory. */
char *tm_shown_name(const char *name);

#endif /* TM_PPROF_UTF8_H */
