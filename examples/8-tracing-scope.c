/*
 * 8-tracing-scope.c -- trace one block of code only.
 *
 * Python (as the example is written):
 *     with tracemalloc.start():
 *         large_list = [{} for _ in range(1000)]
 *     snapshot = tracemalloc.take_snapshot()
 *     top_stats = snapshot.statistics('size')
 *     for stat in top_stats[:5]:
 *         print(stat)
 *
 * start() returns None, not a context manager, so the `with` fails; and
 * had it worked, leaving the block would have stopped tracing, which
 * forgets every trace: take_snapshot() after it raises RuntimeError.
 * ('size' is not a key_type either; see 4-top-by-size.c.)
 *
 * The C version of that `with` is real: TM_TRACING_SCOPE(nframe) starts
 * tracing and stops it when the enclosing block is left, however it is
 * left.  The snapshot has to be taken inside the block.
 *
 * The "large list" is an array of 1000 pointers to "dicts" from
 * large_list.h: a header and an array of 8 empty buckets, two heap blocks.
 *
 * Build and run:  tmcc -O2 8-tracing-scope.c -o 8-tracing-scope && ./8-tracing-scope
 */
#include <tracemalloc.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "large_list.h"

enum { N = 1000 };

static const char *yes_no(bool b) { return b ? "yes" : "no"; }

int main(void)
{
    /* Unbuffered stdout: its buffer would otherwise be malloc'ed by the C
     * library on the first printf and show up as "<unknown>:0". */
    setvbuf(stdout, NULL, _IONBF, 0);

    struct dict **large_list = NULL;
    tm_snapshot *snapshot = NULL;

    {
        TM_TRACING_SCOPE(1);    /* with tracemalloc.start(): */
        printf("tracing inside the scope: %s\n", yes_no(tm_is_tracing()));

        large_list = malloc(N * sizeof *large_list);  /* the list */
        if (large_list == NULL || dicts_new(large_list, N) != 0)
            return 1;           /* leaving the block stops tracing here too */

        snapshot = tm_take_snapshot();
        if (snapshot == NULL) {
            perror("tm_take_snapshot");
            return 1;
        }
    }   /* tracing stops here: tm_stop() forgets every trace */

    printf("tracing after the scope: %s\n", yes_no(tm_is_tracing()));

    /* What the Python example does: a snapshot after the block.  There is
     * nothing left to take. */
    tm_snapshot *too_late = tm_take_snapshot();
    printf("tm_take_snapshot() after the scope: %s, errno %s EINVAL\n",
           too_late == NULL ? "NULL" : "a snapshot",
           errno == EINVAL ? "==" : "!=");
    tm_snapshot_free(too_late);

    /* The snapshot taken inside the block is independent of the tracer. */
    tm_stats *top_stats = tm_snapshot_statistics(snapshot, TM_KEY_LINENO, false);
    if (top_stats == NULL) {
        perror("tm_snapshot_statistics");
        return 1;
    }
    char text[512];
    for (size_t i = 0; i < tm_stats_count(top_stats) && i < 5; i++) {
        tm_stat_format(tm_stats_get(top_stats, i), text, sizeof text);
        puts(text);
    }

    tm_stats_free(top_stats);
    tm_snapshot_free(snapshot);
    dicts_free(large_list, N);
    free(large_list);
    return 0;
}
