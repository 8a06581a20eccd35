/*
 * A snapshot as a Profile message of profile.proto, the format of pprof
 * (go tool pprof, github.com/google/pprof), Pyroscope and Parca, with the
 * sample types of Go's heap profiles: alloc_objects/count,
 * alloc_space/bytes, inuse_objects/count, inuse_space/bytes.  For the live
 * blocks, one Sample per distinct traceback and block size, its size the
 * numeric label "bytes"; for what was allocated since tracing started (the
 * snapshot's allocation totals), one Sample per traceback, of every size.
 * Tracebacks are compared frame by frame (function, file, line).
 * Locations most recent first as pprof wants them; one Location per
 * distinct frame (function, line), each with one Line; one Function per
 * distinct (name, file), its file a path from the root where the
 * program's compilation directories find it; one Mapping, the program.
 *
 * Shared by tmreport pprof and the runtime's /debug/pprof/heap and
 * /debug/pprof/allocs (docs/design.md, "pprof export").
 */
#ifndef TM_PPROF_PROFILE_H
#define TM_PPROF_PROFILE_H

#include <stdbool.h>
#include <stdint.h>
#include <tracemalloc.h>

#include "protobuf.h"

/* A snapshot's samples, without the snapshot: what a delta profile
 * subtracts (Go's ?seconds=N), kept while the seconds pass. */
typedef struct tm_pprof_samples tm_pprof_samples;

/* NULL without memory. */
tm_pprof_samples *tm_pprof_samples_of(const tm_snapshot *snapshot);
void tm_pprof_samples_free(tm_pprof_samples *samples);

typedef struct tm_pprof_request {
  const tm_snapshot *snapshot;
  /* NULL, or the samples of an earlier snapshot: the profile is then of
   * what changed since (values that may be negative; unchanged samples
   * left out), over `duration_ns` (duration_nanos). */
  const tm_pprof_samples *base;
  uint64_t duration_ns;
  /* When it was taken, in nanoseconds since 1970 (time_nanos). */
  uint64_t time_ns;
  /* What pprof shows first: alloc_space rather than inuse_space, as the
   * allocs profile of Go's net/http/pprof. */
  bool alloc_default;
} tm_pprof_request;

/* The Profile message, not compressed, into *out; false without memory. */
bool tm_pprof_encode(const tm_pprof_request *request, tm_pb_buf *out);

/* The same samples as text, in the shape of Go's heap profile with
 * debug=1 (heap_text.c), appended to *out; false without memory. */
bool tm_pprof_text(const tm_pprof_request *request, tm_pb_buf *out);

#endif /* TM_PPROF_PROFILE_H */
