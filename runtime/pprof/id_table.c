/* The table of id_table.h: linear probing, grown to keep it half empty. */
#include <stdlib.h>

#include "id_table.h"

static uint64_t hash_key(tm_key3 k) {
  uint64_t h = 1469598103934665603u;
  h = (h ^ k.a) * 1099511628211u;
  h = (h ^ k.b) * 1099511628211u;
  h = (h ^ k.c) * 1099511628211u;
  return h ^ h >> 29;
}

static bool grow_table(tm_id_table *t) {
  size_t nslot = t->nslot ? t->nslot * 2 : 64;
  uint32_t *slots = calloc(nslot, sizeof *slots);
  tm_key3 *keys = realloc(t->keys, nslot / 2 * sizeof *keys);
  if (!slots || !keys) {
    free(slots);
    if (keys)
      t->keys = keys;
    return false;
  }
  t->keys = keys;
  for (size_t id = 1; id <= t->n; id++) {
    size_t i = hash_key(keys[id - 1]) & (nslot - 1);
    while (slots[i])
      i = (i + 1) & (nslot - 1);
    slots[i] = (uint32_t)id;
  }
  free(t->slots);
  t->slots = slots;
  t->nslot = nslot;
  return true;
}

uint32_t tm_id_intern(tm_id_table *t, tm_key3 key, bool *added) {
  *added = false;
  if (t->n + 1 > t->nslot / 2 && !grow_table(t))
    return 0;
  size_t i = hash_key(key) & (t->nslot - 1);
  for (; t->slots[i]; i = (i + 1) & (t->nslot - 1)) {
    tm_key3 k = t->keys[t->slots[i] - 1];
    if (k.a == key.a && k.b == key.b && k.c == key.c)
      return t->slots[i];
  }
  if (t->n == UINT32_MAX - 1)
    return 0;
  t->keys[t->n++] = key;
  t->slots[i] = (uint32_t)t->n;
  *added = true;
  return (uint32_t)t->n;
}

void tm_id_table_free(tm_id_table *t) {
  free(t->keys);
  free(t->slots);
}
