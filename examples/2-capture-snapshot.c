/*
 * 2-capture-snapshot.c -- take a snapshot of the traced memory.
 *
 * Python:
 *     tracemalloc.start()
 *     large_list = [{} for _ in range(1000)]
 *     snapshot = tracemalloc.take_snapshot()
 *
 * A Python dict is a small hash table; here a "dict" is a header and an
 * array of 8 empty buckets, two heap blocks.  The "large list" is an
 * array of 1000 pointers to them.
 *
 * Build and run:  tmcc -O2 2-capture-snapshot.c -o 2-capture-snapshot && ./2-capture-snapshot
 */
#include <tracemalloc.h>

#include <stdio.h>
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

/* A new empty dict, or NULL without memory.  On x86-64: 24 + 128 bytes. */
static struct dict *dict_new(void)
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

static void dict_free(struct dict *d)
{
    if (d != NULL) {
        free(d->buckets);
        free(d);
    }
}

enum { N = 1000 };

int main(void)
{
    /* stdout gets its buffer from malloc on first use; without a buffer
     * that block is not in the snapshot.  (Printing before tm_start would
     * do as well: blocks allocated before tracing are never traced.) */
    setvbuf(stdout, NULL, _IONBF, 0);

    tm_start(1);

    /* large_list = [{} for _ in range(1000)] */
    struct dict **large_list = malloc(N * sizeof *large_list);  /* the list */
    if (large_list == NULL)
        return 1;
    for (int i = 0; i < N; i++) {
        if ((large_list[i] = dict_new()) == NULL)
            return 1;
    }

    /* The snapshot holds one trace per live traced block: the list, and
     * the two blocks of each dict. */
    tm_snapshot *snapshot = tm_take_snapshot();
    if (snapshot == NULL) {
        perror("tm_take_snapshot");
        return 1;
    }

    /* A snapshot is independent of the tracer: stopping (which forgets
     * every trace) leaves it as it was. */
    tm_stop();

    size_t total = 0;
    for (size_t i = 0; i < tm_snapshot_trace_count(snapshot); i++)
        total += tm_snapshot_trace(snapshot, i)->size;
    printf("snapshot: %zu traces, %zu bytes, traceback limit %d\n",
           tm_snapshot_trace_count(snapshot), total,
           tm_snapshot_traceback_limit(snapshot));

    tm_snapshot_free(snapshot);
    for (int i = 0; i < N; i++)
        dict_free(large_list[i]);
    free(large_list);
    return 0;
}
