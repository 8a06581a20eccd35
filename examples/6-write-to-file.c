/*
 * 6-write-to-file.c -- write the top 5 lines to a text file.
 *
 * Python (as the example is written):
 *     tracemalloc.start()
 *     large_list = [{} for _ in range(1000)]
 *     snapshot = tracemalloc.take_snapshot()
 *     with open('memory_stats.txt', 'w') as f:
 *         stats = snapshot.statistics('lineno')
 *         for stat in stats[:5]:
 *             f.write(f"{stat.lineno}:{stat.count} bytes\n")
 *
 * A Statistic has no lineno (AttributeError): the line is in its
 * traceback, stat.traceback[0].lineno; and stat.count is a number of
 * blocks, not bytes.  This port writes what was meant, one line per
 * statistic:
 *     <file>:<line>: <size> bytes, <count> blocks
 *
 * The "large list" is an array of 1000 pointers to "dicts" from
 * large_list.h: a header and an array of 8 empty buckets, two heap blocks.
 *
 * Build and run:  tmcc -O2 6-write-to-file.c -o 6-write-to-file && ./6-write-to-file [FILE]
 * FILE defaults to memory_stats.txt.
 */
#include <tracemalloc.h>

#include <stdio.h>
#include <stdlib.h>

#include "large_list.h"

enum { N = 1000 };

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "memory_stats.txt";

    tm_start(1);

    /* large_list = [{} for _ in range(1000)] */
    struct dict **large_list = malloc(N * sizeof *large_list);  /* the list */
    if (large_list == NULL || dicts_new(large_list, N) != 0)
        return 1;

    /* Take the snapshot, then stop tracing: what fopen() and printf()
     * allocate below is neither traced nor in the snapshot. */
    tm_snapshot *snapshot = tm_take_snapshot();
    if (snapshot == NULL) {
        perror("tm_take_snapshot");
        return 1;
    }
    tm_stop();
    tm_stats *stats = tm_snapshot_statistics(snapshot, TM_KEY_LINENO, false);
    if (stats == NULL) {
        perror("tm_snapshot_statistics");
        return 1;
    }

    FILE *f = fopen(path, "w");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    size_t n = 0;
    for (; n < tm_stats_count(stats) && n < 5; n++) {
        const tm_stat *stat = tm_stats_get(stats, n);
        /* Grouped by line, a statistic's traceback is one frame: its key. */
        const tm_frame *frame = &stat->traceback->frames[0];
        fprintf(f, "%s:%u: %zu bytes, %zu blocks\n", frame->filename,
                frame->lineno, stat->size, stat->count);
    }
    if (fclose(f) != 0) {
        perror(path);
        return 1;
    }
    printf("wrote the top %zu lines to %s\n", n, path);

    tm_stats_free(stats);
    tm_snapshot_free(snapshot);
    dicts_free(large_list, N);
    free(large_list);
    return 0;
}
