/*
 * 7-reset-peak.c -- the peak of traced memory, and starting afresh.
 *
 * Python:
 *     tracemalloc.start()
 *     large_list = [{} for _ in range(1000)]
 *     snapshot = tracemalloc.take_snapshot()
 *     tracemalloc.reset_peak()
 *
 * tm_reset_peak() (Python's reset_peak()) sets the peak down to the
 * current size, so the peak of the next phase of the program can be
 * measured; it keeps the traces.  tm_clear_traces() (clear_traces())
 * forgets the traces too and sets both to 0.  This port prints
 * tm_get_traced_memory() (get_traced_memory()) around each.
 *
 * The "large list" is an array of 1000 pointers to "dicts" from
 * large_list.h: a header and an array of 8 empty buckets, two heap blocks.
 *
 * Build and run:  tmcc -O2 7-reset-peak.c -o 7-reset-peak && ./7-reset-peak
 */
#include <tracemalloc.h>

#include <stdio.h>
#include <stdlib.h>

#include "large_list.h"
#include <string.h>

enum { N = 1000, TEMPORARY = 1 << 20 };

static void print_traced_memory(const char *when)
{
    size_t current, peak;
    tm_get_traced_memory(&current, &peak);
    printf("%-28s current=%zu B, peak=%zu B\n", when, current, peak);
}

int main(void)
{
    /* Unbuffered stdout: its buffer would otherwise be malloc'ed by the C
     * library on the first printf and be counted in the traced memory. */
    setvbuf(stdout, NULL, _IONBF, 0);

    tm_start(1);

    /* large_list = [{} for _ in range(1000)] */
    struct dict **large_list = malloc(N * sizeof *large_list);  /* the list */
    if (large_list == NULL || dicts_new(large_list, N) != 0)
        return 1;
    tm_snapshot *snapshot = tm_take_snapshot();
    if (snapshot == NULL) {
        perror("tm_take_snapshot");
        return 1;
    }
    printf("snapshot: %zu traces\n", tm_snapshot_trace_count(snapshot));
    tm_snapshot_free(snapshot);
    print_traced_memory("after the list:");

    /* A big temporary buffer: gone again, but the peak remembers it. */
    char *buffer = malloc(TEMPORARY);                             /* 1 MiB */
    if (buffer == NULL)
        return 1;
    memset(buffer, 0, TEMPORARY);
    free(buffer);
    print_traced_memory("after a freed 1 MiB buffer:");

    /* reset_peak(): the peak comes down to the current size. */
    tm_reset_peak();
    print_traced_memory("after tm_reset_peak():");

    /* clear_traces(): tracing goes on, but every trace is forgotten. */
    tm_clear_traces();
    print_traced_memory("after tm_clear_traces():");

    /* The dicts were allocated before the clear: freeing them changes
     * nothing, they are not traced any more. */
    dicts_free(large_list, N);
    free(large_list);
    print_traced_memory("after freeing the list:");

    printf("still tracing: %s\n", tm_is_tracing() ? "yes" : "no");
    return 0;
}
