/*
 * An open-addressing hash table from keys of three numbers to ids 1..n,
 * in the order the keys were first added: the reports' way of numbering
 * what they meet (pprof's functions and locations, speedscope's frames,
 * samples of one traceback and size).
 */
#ifndef TMREPORT_ID_TABLE_H
#define TMREPORT_ID_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tracemalloc.h>

typedef struct key3 {
  uint64_t a, b, c;
} key3;

typedef struct id_table {
  key3 *keys;      /* keys[id - 1] */
  size_t n;
  uint32_t *slots; /* 0: empty, else an id */
  size_t nslot;    /* a power of two, at least twice n */
} id_table;

/* The id of `key`, added when new (*added then true); 0 without memory. */
uint32_t intern_key(id_table *t, key3 key, bool *added);
void free_table(id_table *t);

/* allocated.c: the key of the statistic by `key` that a block of
 * `traceback` counts for: its most recent frame's file and line (lineno),
 * its file (filename), or the traceback itself; every empty traceback
 * has one key but by traceback.  Strings of a snapshot are interned:
 * equal names are equal pointers, in the snapshot's statistics too. */
key3 statistic_key(const tm_traceback *traceback, tm_key key);

#endif /* TMREPORT_ID_TABLE_H */
