/*
 * large_list.h -- the examples' C stand-in for Python's
 * `large_list = [{} for _ in range(1000)]`.
 *
 * A Python dict is a small hash table; here a "dict" is a header and an
 * array of 8 empty buckets, two heap blocks (on x86-64: 24 + 128 bytes).
 * The "large list" is an array of pointers to them, which each example
 * allocates itself; dicts_new() fills it and dicts_free() empties it.
 * Traced with one frame, the dicts' blocks are charged to the malloc and
 * calloc lines in dict_new() below, even where it is inlined.
 */
#ifndef LARGE_LIST_H
#define LARGE_LIST_H

#include <stdlib.h>

struct entry {
    const char *key;
    void *value;
};

struct dict {
    size_t used;            /* entries in use */
    size_t nbuckets;        /* length of buckets */
    struct entry *buckets;
};

/* A new empty dict, or NULL without memory. */
static inline struct dict *dict_new(void)
{
    struct dict *d = malloc(sizeof *d);                     /* dict header */
    if (d == NULL)
        return NULL;
    d->used = 0;
    d->nbuckets = 8;
    d->buckets = calloc(d->nbuckets, sizeof *d->buckets);   /* its buckets */
    if (d->buckets == NULL) {
        free(d);
        return NULL;
    }
    return d;
}

static inline void dict_free(struct dict *d)
{
    if (d != NULL) {
        free(d->buckets);
        free(d);
    }
}

/* Frees the n dicts of list[0..n); the list itself stays the caller's. */
static inline void dicts_free(struct dict **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dict_free(list[i]);
}

/* Fills list[0..n) with n new empty dicts: 0, or -1 without memory (and
 * none of them made). */
static inline int dicts_new(struct dict **list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((list[i] = dict_new()) == NULL) {
            dicts_free(list, i);
            return -1;
        }
    }
    return 0;
}

#endif /* LARGE_LIST_H */
