/* The string table of string_table.h: open addressing over indexes. */
#include "string_table.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash_string(const char *s) {
  uint64_t h = 1469598103934665603u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h ^ h >> 29;
}

static bool grow_strings(tm_strings *t) {
  size_t nslot = t->nslot ? t->nslot * 2 : 64;
  uint32_t *slots = calloc(nslot, sizeof *slots);
  char **strings = realloc(t->strings, nslot / 2 * sizeof *strings);
  if (strings)
    t->strings = strings;
  if (!slots || !strings) {
    free(slots);
    return false;
  }
  t->cap = nslot / 2;
  for (size_t s = 1; s < t->n; s++) {
    size_t i = hash_string(strings[s]) & (nslot - 1);
    while (slots[i])
      i = (i + 1) & (nslot - 1);
    slots[i] = (uint32_t)s;
  }
  free(t->slots);
  t->slots = slots;
  t->nslot = nslot;
  return true;
}

int64_t tm_strings_intern(tm_strings *t, const char *text) {
  if (!text[0])
    return 0;
  if (t->n + 1 > t->nslot / 2 && !grow_strings(t))
    return -1;
  size_t i = hash_string(text) & (t->nslot - 1);
  for (; t->slots[i]; i = (i + 1) & (t->nslot - 1))
    if (strcmp(t->strings[t->slots[i]], text) == 0)
      return t->slots[i];
  if (t->n >= UINT32_MAX)
    return -1;
  char *copy = strdup(text);
  if (!copy)
    return -1;
  t->strings[t->n] = copy;
  t->slots[i] = (uint32_t)t->n;
  return (int64_t)t->n++;
}

bool tm_strings_init(tm_strings *t) {
  *t = (tm_strings){0};
  if (!grow_strings(t))
    return false;
  t->strings[0] = "";
  t->n = 1;
  return true;
}

void tm_strings_free(tm_strings *t) {
  for (size_t s = 1; s < t->n; s++)
    free(t->strings[s]);
  free(t->strings);
  free(t->slots);
}
