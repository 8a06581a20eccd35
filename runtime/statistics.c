/*
 * Snapshot.statistics() and Snapshot.compare_to(): group a snapshot's
 * traces by a key (and an old snapshot's by the same keys) and sort the
 * groups as Lib/tracemalloc.py does.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "saturate.h"
#include "snapshot.h"

struct tm_stats {
  size_t count;
  tm_stat *stats;
  tm_traceback *keys; /* stats[i].traceback == &keys[i] */
  tm_frame *frames;   /* the keys' frames, back to back */
};

/* ----- grouping ----------------------------------------------------------- */

typedef struct group {
  uint64_t size, count;         /* of the snapshot */
  uint64_t old_size, old_count; /* of the old snapshot, when comparing */
  size_t first_frame, nframe;   /* the key, in builder.frames */
  size_t nwrapper; /* the first traceback's wrappers, after the key */
} group;

typedef struct builder {
  group *groups;
  size_t ngroups, groups_capacity;
  tm_frame *frames;
  size_t nframes, frames_capacity;
  uint32_t *index; /* open addressing: group + 1, 0 marks empty */
  size_t index_capacity; /* power of two */
} builder;

static uint64_t hash_frames(const tm_frame *f, size_t n) {
  uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
  for (size_t i = 0; i < n; i++) {
    h = (h ^ (uintptr_t)f[i].filename) * 0xff51afd7ed558ccdull;
    h = (h ^ f[i].lineno) * 0xc4ceb9fe1a85ec53ull;
  }
  return h ^ (h >> 32);
}

/* Filenames are interned: equal names have equal pointers. */
static bool same_key(const builder *b, const group *g, const tm_frame *f,
                     size_t n) {
  if (g->nframe != n)
    return false;
  const tm_frame *k = &b->frames[g->first_frame];
  for (size_t i = 0; i < n; i++)
    if (k[i].filename != f[i].filename || k[i].lineno != f[i].lineno)
      return false;
  return true;
}

static void index_insert(uint32_t *index, size_t capacity, uint64_t hash,
                         uint32_t group_plus_one) {
  size_t j = hash & (capacity - 1);
  while (index[j])
    j = (j + 1) & (capacity - 1);
  index[j] = group_plus_one;
}

static bool grow(builder *b, size_t nframe) {
  if (b->ngroups == b->groups_capacity) {
    size_t capacity = b->groups_capacity ? b->groups_capacity * 2 : 64;
    group *groups = tm_real.realloc(b->groups, capacity * sizeof *groups);
    if (!groups)
      return false;
    b->groups = groups;
    b->groups_capacity = capacity;
  }
  if (b->nframes + nframe > b->frames_capacity) {
    size_t capacity = b->frames_capacity ? b->frames_capacity * 2 : 64;
    while (capacity < b->nframes + nframe)
      capacity *= 2;
    tm_frame *frames = tm_real.realloc(b->frames, capacity * sizeof *frames);
    if (!frames)
      return false;
    b->frames = frames;
    b->frames_capacity = capacity;
  }
  if ((b->ngroups + 1) * 2 > b->index_capacity) {
    size_t capacity = b->index_capacity ? b->index_capacity * 2 : 128;
    uint32_t *index = tm_real.calloc(capacity, sizeof *index);
    if (!index)
      return false;
    for (size_t g = 0; g < b->ngroups; g++)
      index_insert(index, capacity,
                   hash_frames(&b->frames[b->groups[g].first_frame],
                               b->groups[g].nframe),
                   (uint32_t)g + 1);
    tm_real.free(b->index);
    b->index = index;
    b->index_capacity = capacity;
  }
  return true;
}

/* The group whose key is the n frames f, added if new, with the nwrapper
 * frames after them that the key leaves out (a traceback's wrappers: the
 * first traceback of a group names them); -1 without memory. */
static long group_of(builder *b, const tm_frame *f, size_t n,
                     size_t nwrapper) {
  if (!grow(b, n + nwrapper))
    return -1;
  uint64_t hash = hash_frames(f, n);
  size_t mask = b->index_capacity - 1;
  for (size_t j = hash & mask; b->index[j]; j = (j + 1) & mask)
    if (same_key(b, &b->groups[b->index[j] - 1], f, n))
      return (long)b->index[j] - 1;
  group *g = &b->groups[b->ngroups];
  *g = (group){.first_frame = b->nframes, .nframe = n, .nwrapper = nwrapper};
  memcpy(&b->frames[b->nframes], f, (n + nwrapper) * sizeof *f);
  b->nframes += n + nwrapper;
  index_insert(b->index, b->index_capacity, hash, (uint32_t)b->ngroups + 1);
  return (long)b->ngroups++;
}

/* The group of one frame as a key: (filename, lineno), or (filename, 0)
 * for TM_KEY_FILENAME.  An empty traceback keys as itself. */
static long group_of_frame(builder *b, tm_key key, const tm_frame *frame) {
  if (!frame)
    return group_of(b, NULL, 0, 0);
  tm_frame k = *frame;
  if (key == TM_KEY_FILENAME) {
    k.lineno = 0;
    k.function = "";
  }
  return group_of(b, &k, 1, 0);
}

/*
 * Groups of each traceback: one per traceback (non-cumulative), or one per
 * frame (cumulative; a frame that appears twice counts twice, as in
 * Python).  Returns the groups back to back, with first[tb] the offset of
 * traceback tb's; NULL without memory.
 */
static long *groups_of_tracebacks(builder *b, const tm_snapshot *s, tm_key key,
                                  bool cumulative, size_t *first) {
  size_t total = 0;
  for (size_t t = 0; t < s->ntracebacks; t++) {
    first[t] = total;
    total += cumulative ? s->tracebacks[t].nframe : 1;
  }
  first[s->ntracebacks] = total;
  long *groups = tm_real.malloc((total ? total : 1) * sizeof *groups);
  if (!groups)
    return NULL;
  for (size_t t = 0; t < s->ntracebacks; t++) {
    const tm_traceback *tb = &s->tracebacks[t];
    long *out = &groups[first[t]];
    if (cumulative) {
      for (size_t f = 0; f < tb->nframe; f++)
        out[f] = group_of_frame(b, key, &tb->frames[f]);
    } else if (key == TM_KEY_TRACEBACK) {
      out[0] = group_of(b, tb->frames, tb->nframe, tb->nwrapper);
    } else {
      /* Python's trace_traceback[:1]: the most recent frame. */
      out[0] = group_of_frame(b, key,
                              tb->nframe ? &tb->frames[tb->nframe - 1] : NULL);
    }
    for (size_t g = first[t]; g < first[t + 1]; g++)
      if (groups[g] < 0) {
        tm_real.free(groups);
        return NULL;
      }
  }
  return groups;
}

/* ----- sorting -------------------------------------------------------- */

/* Python compares tracebacks as tuples of (filename, lineno), oldest
 * frame first. */
static int tm_traceback_compare(const tm_traceback *a, const tm_traceback *b) {
  size_t n = a->nframe < b->nframe ? a->nframe : b->nframe;
  for (size_t i = 0; i < n; i++) {
    int c = strcmp(a->frames[i].filename, b->frames[i].filename);
    if (c)
      return c;
    if (a->frames[i].lineno != b->frames[i].lineno)
      return a->frames[i].lineno < b->frames[i].lineno ? -1 : 1;
  }
  return (a->nframe > n) - (b->nframe > n);
}

/* Statistic._sort_key with reverse=True: biggest first. */
static int compare_stats(const void *pa, const void *pb) {
  const tm_stat *a = pa, *b = pb;
  if (a->size != b->size)
    return a->size > b->size ? -1 : 1;
  if (a->count != b->count)
    return a->count > b->count ? -1 : 1;
  return -tm_traceback_compare(a->traceback, b->traceback);
}

static unsigned long long magnitude(long long x) {
  return x < 0 ? -(unsigned long long)x : (unsigned long long)x;
}

/* StatisticDiff._sort_key with reverse=True: (|size_diff|, size,
 * |count_diff|, count, traceback), biggest first. */
static int compare_diffs(const void *pa, const void *pb) {
  const tm_stat *a = pa, *b = pb;
  if (magnitude(a->size_diff) != magnitude(b->size_diff))
    return magnitude(a->size_diff) > magnitude(b->size_diff) ? -1 : 1;
  if (a->size != b->size)
    return a->size > b->size ? -1 : 1;
  if (magnitude(a->count_diff) != magnitude(b->count_diff))
    return magnitude(a->count_diff) > magnitude(b->count_diff) ? -1 : 1;
  if (a->count != b->count)
    return a->count > b->count ? -1 : 1;
  return -tm_traceback_compare(a->traceback, b->traceback);
}

/* ----- the API -------------------------------------------------------- */

/* Adds the traces of snapshot s to their groups, as the old snapshot's
 * when `old`.  Returns false without memory. */
static bool group_traces(builder *b, const tm_snapshot *s, tm_key key,
                         bool cumulative, bool old) {
  size_t *first = tm_real.malloc((s->ntracebacks + 1) * sizeof *first);
  long *groups = first ? groups_of_tracebacks(b, s, key, cumulative, first)
                       : NULL;
  if (groups) {
    for (size_t i = 0; i < s->ntraces; i++) {
      const tm_trace *t = &s->traces[i];
      size_t tb = tm_traceback_index(s, t);
      for (size_t g = first[tb]; g < first[tb + 1]; g++) {
        group *gr = &b->groups[groups[g]];
        uint64_t *size = old ? &gr->old_size : &gr->size;
        *size = tm_add_saturated(*size, t->size);
        *(old ? &gr->old_count : &gr->count) += 1;
      }
    }
  }
  tm_real.free(groups);
  tm_real.free(first);
  return groups != NULL;
}

/* The groups as sorted statistics; the builder's frames move into them. */
static tm_stats *finish(builder *b, int (*order)(const void *, const void *)) {
  tm_stats *st = tm_real.calloc(1, sizeof *st);
  size_t n = b->ngroups ? b->ngroups : 1;
  if (st) {
    st->stats = tm_real.calloc(n, sizeof *st->stats);
    st->keys = tm_real.calloc(n, sizeof *st->keys);
  }
  if (!st || !st->stats || !st->keys) {
    tm_stats_free(st);
    return NULL;
  }
  st->frames = b->frames;
  b->frames = NULL;
  for (size_t g = 0; g < b->ngroups; g++) {
    const group *gr = &b->groups[g];
    /* A key of a traceback no trace uses (a filtered snapshot keeps every
     * traceback) is not a statistic. */
    if (!gr->count && !gr->old_count)
      continue;
    size_t i = st->count++;
    st->keys[i] = (tm_traceback){.nframe = gr->nframe,
                                 .total_nframe = gr->nframe,
                                 .frames = &st->frames[gr->first_frame],
                                 .nwrapper = gr->nwrapper};
    st->stats[i] = (tm_stat){
        .size = gr->size,
        .count = gr->count,
        .traceback = &st->keys[i],
        .size_diff = tm_diff_saturated(gr->size, gr->old_size),
        .count_diff = (long long)gr->count - (long long)gr->old_count};
  }
  qsort(st->stats, st->count, sizeof *st->stats, order);
  return st;
}

static bool valid_key(tm_key key, bool cumulative) {
  return (key == TM_KEY_LINENO || key == TM_KEY_FILENAME ||
          key == TM_KEY_TRACEBACK) &&
         !(cumulative && key == TM_KEY_TRACEBACK);
}

/* Statistics of `now`, or of its differences to `old` when old != NULL. */
static tm_stats *statistics(const tm_snapshot *now, const tm_snapshot *old,
                            tm_key key, bool cumulative) {
  tm_enter();
  builder b = {0};
  tm_stats *st = NULL;
  if (group_traces(&b, now, key, cumulative, false) &&
      (!old || group_traces(&b, old, key, cumulative, true)))
    st = finish(&b, old ? compare_diffs : compare_stats);
  tm_real.free(b.groups);
  tm_real.free(b.frames);
  tm_real.free(b.index);
  tm_leave();
  if (!st)
    errno = ENOMEM;
  return st;
}

TM_EXPORT tm_stats *tm_snapshot_statistics(const tm_snapshot *s, tm_key key,
                                           bool cumulative) {
  if (!s || !valid_key(key, cumulative)) {
    errno = EINVAL;
    return NULL;
  }
  return statistics(s, NULL, key, cumulative);
}

TM_EXPORT tm_stats *tm_snapshot_compare_to(const tm_snapshot *now,
                                           const tm_snapshot *old, tm_key key,
                                           bool cumulative) {
  if (!now || !old || !valid_key(key, cumulative)) {
    errno = EINVAL;
    return NULL;
  }
  return statistics(now, old, key, cumulative);
}

TM_EXPORT size_t tm_stats_count(const tm_stats *st) { return st ? st->count : 0; }

TM_EXPORT const tm_stat *tm_stats_get(const tm_stats *st, size_t i) {
  return st && i < st->count ? &st->stats[i] : NULL;
}

TM_EXPORT void tm_stats_free(tm_stats *st) {
  if (!st)
    return;
  tm_real.free(st->stats);
  tm_real.free(st->keys);
  tm_real.free(st->frames);
  tm_real.free(st);
}
