/*
 * An open-addressing hash table from keys of three numbers to ids 1..n,
 * in the order the keys were first added: the reports' way of numbering
 * what they meet (pprof's functions and locations, speedscope's frames,
 * samples of one traceback and size), in tmreport and in the runtime's
 * pprof endpoint alike.
 */
#ifndef TM_PPROF_ID_TABLE_H
#define TM_PPROF_ID_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tracemalloc.h>

typedef struct tm_key3 {
  uint64_t a, b, c;
} tm_key3;

typedef struct tm_id_table {
  tm_key3 *keys; /* keys[id - 1] */
  size_t n;
  uint32_t *slots; /* 0: empty, else an id */
  size_t nslot;    /* a power of two, at least twice n */
} tm_id_table;

/* The id of `key`, added when new (*added then true); 0 without memory. */
uint32_t tm_id_intern(tm_id_table *t, tm_key3 key, bool *added);
void tm_id_table_free(tm_id_table *t);

#endif /* TM_PPROF_ID_TABLE_H */
