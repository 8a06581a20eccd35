/*
 * A captured stack as a Python-style traceback: frame 0 is the allocation
 * site, exact from its record; the callers come from symbolizing the return
 * addresses, lazily, the first time a snapshot or get_object_traceback
 * needs them.
 */
#include <string.h>

#include "stack_depot.h"
#include "symbolize.h"

/* Whether a symbolized frame is the call the site record describes. */
static bool is_site_frame(const tm_frame *frame, const tm_site_info *site) {
  return tm_frame_is_at(frame, site->file, site->line);
}

/* Appends to out (most recent first) while there is room; counts all. */
typedef struct frame_list {
  tm_frame *frames;
  size_t n, max, total;
} frame_list;

static void push(frame_list *l, const tm_frame *f) {
  if (l->n < l->max)
    l->frames[l->n++] = *f;
  l->total++;
}

/*
 * How many of the most recent frames of a stack whose site returns its
 * block are the wrappers it was allocated through: the site's own frame,
 * and each caller above it whose call is a forwarding one (a wrapper of a
 * wrapper, in a module that could not see the allocation), up to
 * TM_WRAPPER_DEPTH.  A wrapper whose caller could not be walked, or has no
 * line (the symbolizer is off or failed, the caller has no line tables),
 * stays charged to its own line, which is better than none.
 */
static size_t wrapper_frames(const frame_list *l) {
  size_t skip = 0;
  while (skip + 1 < l->n && skip < TM_WRAPPER_DEPTH &&
         l->frames[skip + 1].lineno != 0 &&
         (skip == 0 || tm_site_forwards(&l->frames[skip])))
    skip++;
  return skip;
}

const tm_traceback *tm_stack_traceback(const tm_stack *stack) {
  tm_stack *s = (tm_stack *)stack; /* the cached traceback is set once */
  const tm_traceback *cached =
      atomic_load_explicit(&s->traceback, memory_order_acquire);
  if (cached)
    return cached;

  uintptr_t pcs[TM_MAX_NFRAME_CAPTURED];
  const tm_frame *symbolized[TM_MAX_NFRAME_CAPTURED];
  size_t counts[TM_MAX_NFRAME_CAPTURED];
  for (uint32_t i = 0; i < s->npcs; i++)
    pcs[i] = s->pcs[i] - 1; /* inside the call, not after it */
  tm_symbolize(pcs, s->npcs, symbolized, counts);

  tm_frame out[TM_MAX_TRACEBACK_FRAMES + TM_WRAPPER_DEPTH];
  uint32_t limit = s->limit ? s->limit : 1;
  bool wrapped = tm_site_id_is_returned(s->site);
  frame_list list = {.frames = out,
                     .max = limit + (wrapped ? TM_WRAPPER_DEPTH : 0)};
  uint32_t first = 0;
  if (s->site) {
    /* Frame 0 is the site's own record.  pcs[0] is where the allocation
     * function returned to: when that is the site's own call, its outer
     * inlined frames are the calls inlined around the site; otherwise
     * (strdup's, operator new's code) it adds nothing.  The callers
     * follow. */
    const tm_site_info *site = tm_site_lookup(s->site);
    push(&list, &site->frame);
    if (s->npcs && counts[0] && is_site_frame(&symbolized[0][0], site))
      for (size_t k = 1; k < counts[0]; k++)
        push(&list, &symbolized[0][k]);
    first = 1;
  }
  for (uint32_t i = first; i < s->npcs; i++)
    for (size_t k = 0; k < counts[i]; k++)
      push(&list, &symbolized[i][k]);
  /* Frames deeper than the capture count once each. */
  uint32_t walked = s->npcs - first;
  size_t total = list.total + (s->depth > walked ? s->depth - walked : 0);
  size_t skip = wrapped ? wrapper_frames(&list) : 0;
  size_t n = list.n - skip < limit ? list.n - skip : limit;

  tm_traceback *tb =
      tm_arena_alloc(sizeof *tb + (n + skip) * sizeof(tm_frame));
  if (!tb)
    return NULL;
  /* Python's order, oldest first, and the wrappers skipped after them. */
  tm_frame *frames = (tm_frame *)(tb + 1);
  for (size_t i = 0; i < n + skip; i++)
    frames[i] = out[skip + n - 1 - i];
  *tb = (tm_traceback){.nframe = n,
                       .total_nframe = total - skip,
                       .frames = frames,
                       .nwrapper = skip};
  const tm_traceback *expected = NULL;
  if (!atomic_compare_exchange_strong(&s->traceback, &expected, tb))
    return expected; /* built twice at once: keep the first */
  return tb;
}

const tm_traceback *tm_trace_traceback(uint32_t id) {
  if (id & TM_TRACE_IS_STACK) {
    const tm_stack *stack = tm_stack_get(id);
    const tm_traceback *tb = stack ? tm_stack_traceback(stack) : NULL;
    if (tb)
      return tb;
    id = stack ? stack->site : 0;
  }
  return &tm_site_lookup(id)->traceback;
}

void tm_symbolize_traces(const uint32_t *ids, size_t n) {
  size_t npcs = 0;
  for (size_t i = 0; i < n; i++) {
    const tm_stack *s = tm_stack_get(ids[i]);
    if (s && !atomic_load_explicit(&s->traceback, memory_order_acquire))
      npcs += s->npcs;
  }
  uintptr_t *pcs = npcs ? tm_real.malloc(npcs * sizeof *pcs) : NULL;
  const tm_frame **frames = pcs ? tm_real.malloc(npcs * sizeof *frames) : NULL;
  size_t *counts = frames ? tm_real.malloc(npcs * sizeof *counts) : NULL;
  if (counts) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
      const tm_stack *s = tm_stack_get(ids[i]);
      if (s && !atomic_load_explicit(&s->traceback, memory_order_acquire))
        for (uint32_t j = 0; j < s->npcs; j++)
          pcs[k++] = s->pcs[j] - 1;
    }
    tm_symbolize(pcs, npcs, frames, counts);
  }
  tm_real.free(pcs);
  tm_real.free(frames);
  tm_real.free(counts);
}
