/*
 * A snapshot: the traces alive at one moment, independent of the tracer.
 * Traces point to tracebacks by index, and each distinct traceback is
 * stored once.  Every string is interned (tm_intern), so two frames name
 * the same file exactly when their filename pointers are equal.
 */
#ifndef TM_SNAPSHOT_H
#define TM_SNAPSHOT_H

#include "../include/tracemalloc.h"
#include "internal.h"

typedef struct tm_snapshot_trace {
  uint64_t size;
  uint32_t traceback; /* index into tracebacks */
  uint32_t domain;
} tm_snapshot_trace;

struct tm_snapshot {
  int traceback_limit;
  size_t ntraces;
  tm_snapshot_trace *traces;
  size_t ntracebacks;
  tm_traceback *tracebacks;
  tm_frame *frames; /* the tracebacks' frames, back to back */
};

#endif /* TM_SNAPSHOT_H */
