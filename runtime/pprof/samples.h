/*
 * A snapshot's samples (profile.h), inside: a trie of stacks whose frames
 * are compared by their names and line, and per stack and block size the
 * four values of a sample.  What the Profile message and the heap text
 * are written from.
 */
#ifndef TM_PPROF_SAMPLES_H
#define TM_PPROF_SAMPLES_H

#include "id_table.h"
#include "profile.h"
#include "string_table.h"

/* The values of a sample, in the order of the sample types. */
enum {
  VALUE_ALLOC_OBJECTS,
  VALUE_ALLOC_SPACE,
  VALUE_INUSE_OBJECTS,
  VALUE_INUSE_SPACE,
  NVALUES
};

/* Owns its strings, so that it outlives its snapshot: a delta's base is
 * kept as one for its seconds, far smaller than the snapshot. */
struct tm_pprof_samples {
  tm_strings strings;
  tm_id_table frames;  /* (function, filename, line), string indexes */
  tm_id_table stacks;  /* (its stack but the newest frame, 0 for none, and
                          that frame's id, 0): ids in a trie, callers first */
  tm_id_table entries; /* (stack, 0 for an empty traceback; the blocks'
                          size + 1 for live blocks, 0 for what was
                          allocated) */
  int64_t (*values)[NVALUES]; /* values[entry id - 1] */
  size_t values_cap;
};

/* The samples of the request: its snapshot's, less its base's; NULL
 * without memory. */
tm_pprof_samples *tm_pprof_request_samples(const tm_pprof_request *request);

#endif /* TM_PPROF_SAMPLES_H */
