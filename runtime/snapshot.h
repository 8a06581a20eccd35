/*
 * A snapshot: the traces alive at one moment, independent of the tracer.
 * Each distinct traceback is stored once and traces point at it; the
 * tracebacks' frames are one array.  Every string is interned (tm_intern),
 * so two frames name the same file exactly when their filename pointers
 * are equal, and no snapshot owns a string.
 */
#ifndef TM_SNAPSHOT_H
#define TM_SNAPSHOT_H

#include "../include/tracemalloc.h"
#include "internal.h"

struct tm_snapshot {
  int traceback_limit;
  size_t ntraces;
  tm_trace *traces;
  size_t ntracebacks;
  tm_traceback *tracebacks;
  size_t nframes;
  tm_frame *frames; /* the tracebacks' frames, back to back */
  size_t ntimeline;
  tm_timeline_point *timeline; /* NULL when ntimeline is 0 */
  size_t nallocated;
  tm_allocated *allocated; /* NULL when nallocated is 0 */
  tm_process process;          /* its program interned, as every string */
};

/* A snapshot with room for that many traces, tracebacks and frames, all
 * zero, its process unknown; NULL without memory. */
tm_snapshot *tm_snapshot_alloc(size_t ntraces, size_t ntracebacks,
                               size_t nframes);

/*
 * A snapshot in two steps: tm_snapshot_collect() copies the traces out of
 * the table (and the moment, the timeline), tm_snapshot_build() then
 * symbolizes their tracebacks and makes the snapshot, in another thread
 * if need be (the peak dump collects where the peak is reached and builds
 * in the dump thread).  Both NULL without memory; build frees what
 * collect returned.
 */
typedef struct tm_snapshot_traces tm_snapshot_traces;
tm_snapshot_traces *tm_snapshot_collect(void);
tm_snapshot *tm_snapshot_build(tm_snapshot_traces *traces);
void tm_snapshot_traces_free(tm_snapshot_traces *traces);

/* Gives the snapshot room for that many allocation totals, all zero;
 * false without memory. */
bool tm_snapshot_alloc_allocated(tm_snapshot *snapshot, size_t n);

/* Gives `to` a copy of the directories of `from`, which it owns; false
 * without memory (then it has none). */
bool tm_process_copy_directories(tm_process *to, const tm_process *from);

/* Index of a trace's traceback in its snapshot's array. */
static inline size_t tm_traceback_index(const tm_snapshot *s,
                                        const tm_trace *t) {
  return (size_t)(t->traceback - s->tracebacks);
}

#endif /* TM_SNAPSHOT_H */
