/* leak.c */
#include <tracemalloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
void *keep[1000];
int main(void) {
    tm_start(1);
    for (int i = 0; i < 1000; i++) keep[i] = malloc(64);     /* line 9 */
    char *s = strdup("hello");                                /* line 10 */
    tm_snapshot *snap = tm_take_snapshot();
    tm_stats *st = tm_snapshot_statistics(snap, TM_KEY_LINENO, false);
    char line[512];
    for (size_t i = 0; i < tm_stats_count(st) && i < 5; i++) {
        tm_stat_format(tm_stats_get(st, i), line, sizeof line);
        puts(line);
    }
    tm_stats_free(st); tm_snapshot_free(snap);
    return s == NULL;
}
