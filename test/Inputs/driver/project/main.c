/* Prints the biggest allocation site while a 4096-byte buffer is alive: a
 * program that knows tracemalloc by its header only, built by an ordinary
 * build system with CC=tmcc. */
#include "buffer.h"

#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

int main(void)
{
    char line[256] = "nothing traced";

    tm_start(1);
    char *buffer = buffer_new(4096);
    tm_snapshot *snapshot = tm_take_snapshot();
    tm_stats *stats = tm_snapshot_statistics(snapshot, TM_KEY_LINENO, false);
    if (tm_stats_count(stats) > 0)
        tm_stat_format(tm_stats_get(stats, 0), line, sizeof line);
    tm_stats_free(stats);
    tm_snapshot_free(snapshot);
    tm_stop();

    puts(line);
    free(buffer);
    return 0;
}
