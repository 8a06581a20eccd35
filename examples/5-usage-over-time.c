/*
 * 5-usage-over-time.c -- how memory grows, step by step.
 *
 * Python (as the example is written):
 *     tracemalloc.start()
 *     large_list = []
 *     for _ in range(10):
 *         large_list.append([{} for _ in range(1000)])
 *     snapshot = tracemalloc.take_snapshot()
 *     top_stats = snapshot.statistics('size')   # ValueError: not a key_type
 *     for stat in top_stats:
 *         print(stat)
 *
 * Its comment promises "the top 5 ... at each step", and one snapshot at
 * the end cannot show that.  This port does what it meant: the list grows
 * by 1000 dicts in each of 10 steps; after each step it takes a snapshot,
 * prints the traced memory (Python's get_traced_memory()) and the top 5
 * differences from the previous snapshot (Python's
 * snapshot.compare_to(previous, 'lineno')).
 *
 * A "dict" (large_list.h) is a header and an array of 8 empty buckets,
 * two heap blocks; the list is an array of pointers that realloc() makes
 * longer.
 *
 * Build and run:  tmcc -O2 5-usage-over-time.c -o 5-usage-over-time && ./5-usage-over-time
 */
#include <tracemalloc.h>

#include <stdio.h>
#include <stdlib.h>

#include "large_list.h"

enum { STEPS = 10, PER_STEP = 1000 };

int main(void)
{
    /* Unbuffered stdout: its buffer would otherwise be malloc'ed by the C
     * library on the first printf and show up as "<unknown>:0". */
    setvbuf(stdout, NULL, _IONBF, 0);

    tm_start(1);

    struct dict **large_list = NULL;
    size_t len = 0;

    /* Step 0: nothing traced yet, an empty snapshot to compare with. */
    tm_snapshot *previous = tm_take_snapshot();
    if (previous == NULL) {
        perror("tm_take_snapshot");
        return 1;
    }

    for (int step = 1; step <= STEPS; step++) {
        /* Make room for 1000 more: the list stays one block (count +0),
         * only its size grows, and its trace follows it through realloc. */
        size_t bytes = (len + PER_STEP) * sizeof *large_list;
        struct dict **longer = realloc(large_list, bytes);  /* the list */
        if (longer == NULL)
            return 1;
        large_list = longer;
        if (dicts_new(large_list + len, PER_STEP) != 0)
            return 1;
        len += PER_STEP;

        tm_snapshot *now = tm_take_snapshot();
        if (now == NULL) {
            perror("tm_take_snapshot");
            return 1;
        }

        size_t current, peak;
        tm_get_traced_memory(&current, &peak);
        printf("step %d: %zu dicts, traced memory current=%zu B peak=%zu B\n",
               step, len, current, peak);

        /* What changed since the previous step, biggest change first. */
        tm_stats *diff = tm_snapshot_compare_to(now, previous, TM_KEY_LINENO, false);
        if (diff == NULL) {
            perror("tm_snapshot_compare_to");
            return 1;
        }
        char text[512];
        for (size_t i = 0; i < tm_stats_count(diff) && i < 5; i++) {
            tm_stat_diff_format(tm_stats_get(diff, i), text, sizeof text);
            printf("  %s\n", text);
        }
        tm_stats_free(diff);

        tm_snapshot_free(previous);
        previous = now;
    }

    tm_snapshot_free(previous);
    dicts_free(large_list, len);
    free(large_list);
    return 0;
}
