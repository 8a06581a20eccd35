/*
 * 2-capture-snapshot.c -- take a snapshot of the traced memory.
 *
 * Python:
 *     tracemalloc.start()
 *     large_list = [{} for _ in range(1000)]
 *     snapshot = tracemalloc.take_snapshot()
 *
 * A Python dict is a small hash table; here a "dict" (large_list.h) is a
 * header and an array of 8 empty buckets, two heap blocks.  The "large
 * list" is an array of 1000 pointers to them.
 *
 * Build and run:  tmcc -O2 2-capture-snapshot.c -o 2-capture-snapshot && ./2-capture-snapshot
 */
#include <tracemalloc.h>

#include <stdio.h>
#include <stdlib.h>

#include "large_list.h"

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
    if (large_list == NULL || dicts_new(large_list, N) != 0)
        return 1;

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
    dicts_free(large_list, N);
    free(large_list);
    return 0;
}
