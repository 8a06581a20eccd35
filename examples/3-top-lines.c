/*
 * 3-top-lines.c -- the 5 source lines that allocated the most memory.
 *
 * Python:
 *     tracemalloc.start()
 *     large_list = [{} for _ in range(1000)]
 *     snapshot = tracemalloc.take_snapshot()
 *     top_stats = snapshot.statistics('lineno')
 *     for stat in top_stats[:5]:
 *         print(stat)
 *
 * The "large list" is an array of 1000 pointers to "dicts" from
 * large_list.h: a header and an array of 8 empty buckets, two heap blocks.
 *
 * Build and run:  tmcc -O2 3-top-lines.c -o 3-top-lines && ./3-top-lines
 */
#include <tracemalloc.h>

#include <stdio.h>
#include <stdlib.h>

#include "large_list.h"

enum { N = 1000 };

int main(void)
{
    /* Unbuffered stdout: its buffer would otherwise be malloc'ed by the C
     * library on the first printf and show up as "<unknown>:0". */
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

    /* Group the traces by the line that allocated them, biggest first.
     * For the dicts that is the malloc and calloc lines in dict_new()
     * (large_list.h), not the line in main() that calls dicts_new(): one
     * frame only. */
    tm_stats *top_stats = tm_snapshot_statistics(snapshot, TM_KEY_LINENO, false);
    if (top_stats == NULL) {
        perror("tm_snapshot_statistics");
        return 1;
    }
    char text[512];
    for (size_t i = 0; i < tm_stats_count(top_stats) && i < 5; i++) {
        tm_stat_format(tm_stats_get(top_stats, i), text, sizeof text);
        puts(text);    /* as Python's print(stat) */
    }

    tm_stats_free(top_stats);
    tm_snapshot_free(snapshot);
    dicts_free(large_list, N);
    free(large_list);
    return 0;
}
