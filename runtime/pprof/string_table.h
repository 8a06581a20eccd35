/*
 * A table of strings numbered in the order first added, each stored once:
 * profile.proto's string table, and the names a profile's samples keep.
 */
#ifndef TM_PPROF_STRING_TABLE_H
#define TM_PPROF_STRING_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The string table: strings[0] is "", and a hash set of indexes to find
 * a string again. */
typedef struct tm_strings {
  char **strings;
  size_t n, cap;
  uint32_t *slots; /* 0: empty, else an index (never 0: "" is not set) */
  size_t nslot;    /* a power of two, at least twice n */
} tm_strings;

/* An empty table: strings[0] is "" (never freed); false without memory. */
bool tm_strings_init(tm_strings *t);
/* The index of `text` (copied when new); -1 without memory. */
int64_t tm_strings_intern(tm_strings *t, const char *text);
void tm_strings_free(tm_strings *t);

#endif /* TM_PPROF_STRING_TABLE_H */
