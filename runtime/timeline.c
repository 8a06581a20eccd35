/*
 * Memory over time: a bounded list of (time, current, peak) points,
 * recorded when the heaps report their bytes (every 64 KiB a heap moves,
 * and at new peaks), never on the allocation fast path.  A point is kept
 * when the traced memory moved by a step since the last one; when the list
 * is full every other point goes and the step doubles, as massif does, so
 * a long run keeps its whole shape in bounded memory.
 */
#include <string.h>

#include "internal.h"
#include "spinlock.h"

#define TM_TIMELINE_POINTS 4096
#define TM_TIMELINE_MIN_STEP (64 * 1024)

static struct {
  atomic_flag lock;
  uint64_t start_ns;      /* CLOCK_MONOTONIC: what point times count from */
  uint64_t start_wall_ns; /* the same moment as a date (CLOCK_REALTIME) */
  _Atomic int64_t last; /* the current of the last point */
  _Atomic int64_t step;
  size_t n;
  tm_timeline_point points[TM_TIMELINE_POINTS];
} timeline = {.step = TM_TIMELINE_MIN_STEP};

void tm_timeline_lock(void) { tm_spin_lock(&timeline.lock); }
void tm_timeline_unlock(void) { tm_spin_unlock(&timeline.lock); }

/* The time of a point: since the timeline's start. */
static uint64_t since_start(void) {
  return tm_clock_ns(CLOCK_MONOTONIC) - timeline.start_ns;
}

static void append(int64_t current, int64_t peak) {
  if (timeline.n == TM_TIMELINE_POINTS) {
    for (size_t i = 0; i < TM_TIMELINE_POINTS / 2; i++)
      timeline.points[i] = timeline.points[2 * i + 1];
    timeline.n = TM_TIMELINE_POINTS / 2;
    atomic_store_explicit(&timeline.step, 2 * atomic_load(&timeline.step),
                          memory_order_relaxed);
  }
  timeline.points[timeline.n++] = (tm_timeline_point){
      .time_ns = since_start(),
      .current = current > 0 ? (size_t)current : 0,
      .peak = peak > 0 ? (size_t)peak : 0};
  atomic_store_explicit(&timeline.last, current, memory_order_relaxed);
}

void tm_timeline_record(int64_t current, int64_t peak) {
  int64_t moved =
      current - atomic_load_explicit(&timeline.last, memory_order_relaxed);
  int64_t step = atomic_load_explicit(&timeline.step, memory_order_relaxed);
  if (peak / 64 > step)
    step = peak / 64;
  if (moved < step && -moved < step)
    return;
  tm_timeline_lock();
  append(current, peak);
  tm_timeline_unlock();
}

void tm_timeline_restart(void) {
  tm_timeline_lock();
  timeline.start_ns = tm_clock_ns(CLOCK_MONOTONIC);
  timeline.start_wall_ns = tm_clock_ns(CLOCK_REALTIME);
  timeline.n = 0;
  atomic_store(&timeline.last, 0);
  atomic_store(&timeline.step, TM_TIMELINE_MIN_STEP);
  tm_timeline_unlock();
}

tm_timeline_point *tm_timeline_copy(size_t *n, uint64_t *start_ns) {
  size_t current, peak;
  tm_get_traced_memory(&current, &peak);
  tm_timeline_lock();
  size_t count = timeline.n + 1;
  tm_timeline_point *copy = tm_real.malloc(count * sizeof *copy);
  if (copy) {
    memcpy(copy, timeline.points, timeline.n * sizeof *copy);
    copy[timeline.n] = (tm_timeline_point){
        .time_ns = since_start(), .current = current, .peak = peak};
  }
  *start_ns = timeline.start_wall_ns;
  tm_timeline_unlock();
  *n = copy ? count : 0;
  return copy;
}
