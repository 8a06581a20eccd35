/*
 * 4-top-by-size.c -- the top 5 allocations by size, per file and per line.
 *
 * Python (as the example is written):
 *     tracemalloc.start()
 *     large_list = [{} for _ in range(1000)]
 *     snapshot = tracemalloc.take_snapshot()
 *     top_stats = snapshot.statistics('size')
 *     for stat in top_stats[:5]:
 *         print(stat)
 *
 * 'size' is not a key_type: Python raises ValueError.  What it means is
 * already what statistics() does: whatever the key (file, line or
 * traceback), the result is sorted by size, biggest first (then by count).
 * So this port shows the top 5 files (TM_KEY_FILENAME, Python's
 * 'filename') and the top 5 lines (TM_KEY_LINENO, 'lineno').
 *
 * The "large list" is an array of 1000 pointers to "dicts" from
 * large_list.h: a header and an array of 8 empty buckets, two heap blocks.
 *
 * Build and run:  tmcc -O2 4-top-by-size.c -o 4-top-by-size && ./4-top-by-size
 */
#include <tracemalloc.h>

#include <stdio.h>
#include <stdlib.h>

#include "large_list.h"

enum { N = 1000 };

/* Print the 5 biggest statistics of the snapshot grouped by `key`. */
static int print_top5(const tm_snapshot *snapshot, tm_key key)
{
    tm_stats *top_stats = tm_snapshot_statistics(snapshot, key, false);
    if (top_stats == NULL) {
        perror("tm_snapshot_statistics");
        return -1;
    }
    char text[512];
    for (size_t i = 0; i < tm_stats_count(top_stats) && i < 5; i++) {
        tm_stat_format(tm_stats_get(top_stats, i), text, sizeof text);
        puts(text);
    }
    tm_stats_free(top_stats);
    return 0;
}

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

    /* Per file: the dicts come from large_list.h, the list from this file,
     * so there are two lines.  A file's key has line 0, as in Python. */
    puts("Top 5 files by size:");
    if (print_top5(snapshot, TM_KEY_FILENAME) != 0)
        return 1;

    puts("Top 5 lines by size:");
    if (print_top5(snapshot, TM_KEY_LINENO) != 0)
        return 1;

    tm_snapshot_free(snapshot);
    dicts_free(large_list, N);
    free(large_list);
    return 0;
}
