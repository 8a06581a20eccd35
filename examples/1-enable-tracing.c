/*
 * 1-enable-tracing.c -- start tracing memory allocations.
 *
 * Python:
 *     import tracemalloc
 *     tracemalloc.start()
 *
 * Build and run:  tmcc -O2 1-enable-tracing.c -o 1-enable-tracing && ./1-enable-tracing
 */
#include <tracemalloc.h>

#include <errno.h>
#include <stdio.h>

static const char *yes_no(bool b) { return b ? "yes" : "no"; }

int main(void)
{
    /* The header and the library should be the same version. */
    printf("tracemalloc %s, library version number %d\n", TM_VERSION,
           tm_libversion_number());

    printf("tracing before tm_start: %s\n", yes_no(tm_is_tracing()));

    /* Start tracing, keeping at most 1 frame per traceback: the line that
     * called malloc.  Python's tracemalloc.start() has the same default. */
    if (tm_start(1) != 0) {
        perror("tm_start");
        return 1;
    }
    printf("tracing after tm_start(1): %s\n", yes_no(tm_is_tracing()));
    printf("traceback limit: %d frame(s)\n", tm_get_traceback_limit());

    /* A depth outside [1, TM_MAX_NFRAME] is refused with EINVAL (Python
     * raises ValueError); tracing goes on with the limit it had. */
    int rc = tm_start(0);
    printf("tm_start(0) = %d, errno %s EINVAL\n", rc,
           errno == EINVAL ? "==" : "!=");
    printf("traceback limit: %d frame(s)\n", tm_get_traceback_limit());

    /* Stop tracing: the tracer forgets every trace.  The limit is kept. */
    tm_stop();
    printf("tracing after tm_stop: %s\n", yes_no(tm_is_tracing()));
    return 0;
}
