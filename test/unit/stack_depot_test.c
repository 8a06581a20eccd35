/*
 * Unit test of the stack depot: every distinct stack gets one id and
 * keeps it while the bucket table grows past several times its first size,
 * with threads interning the same stacks at once.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stack_depot.h"
#include "unit.h"

/* Enough stacks for the table to grow fourfold three times. */
#define STACKS 200000u
#define THREADS 4
#define SHARED_STACKS 60000u

/* A stack of 1 to 4 frames, all its own for a given (site, i). */
static uint32_t make_stack(uint32_t i, uintptr_t pcs[4]) {
  uint32_t n = 1 + i % 4;
  for (uint32_t f = 0; f < n; f++)
    pcs[f] = 0x400000 + (uintptr_t)i * 64 + f * 8;
  return n;
}

static uint32_t intern(uint32_t site, uint32_t i) {
  uintptr_t pcs[4];
  uint32_t n = make_stack(i, pcs);
  return tm_stack_intern(site, pcs, n, n + 3, 16);
}

static bool holds(uint32_t id, uint32_t site, uint32_t i) {
  uintptr_t pcs[4];
  uint32_t n = make_stack(i, pcs);
  const tm_stack *s = tm_stack_get(id);
  return s && s->id == id && s->site == site && s->npcs == n &&
         s->depth == n + 3 && s->limit == 16 &&
         memcmp(s->pcs, pcs, n * sizeof *pcs) == 0;
}

/* One thread: distinct stacks, a distinct id each, found again by stack
 * and by id after the growth, and never confused with a stack that
 * differs only in its depth or its limit. */
static void test_growth(void) {
  uint32_t *ids = malloc(STACKS * sizeof *ids);
  for (uint32_t i = 0; i < STACKS; i++)
    ids[i] = intern(1, i);
  int wrong = 0, missing = 0, moved = 0;
  for (uint32_t i = 0; i < STACKS; i++) {
    missing += ids[i] == 0 || !(ids[i] & TM_TRACE_IS_STACK);
    wrong += !holds(ids[i], 1, i);
    moved += intern(1, i) != ids[i];
  }
  CHECK_EQ(missing, 0);
  CHECK_EQ(wrong, 0);
  CHECK_EQ(moved, 0);
  /* Ids are handed out in order, one per new stack: no two alike, and
   * none wasted on a stack stored twice. */
  int out_of_order = 0;
  for (uint32_t i = 1; i < STACKS; i++)
    out_of_order += ids[i] != ids[i - 1] + 1;
  CHECK_EQ(out_of_order, 0);
  uintptr_t pc = 0x400000;
  uint32_t deeper = tm_stack_intern(1, &pc, 1, 5, 16);
  uint32_t other_limit = tm_stack_intern(1, &pc, 1, 4, 8);
  CHECK(deeper != ids[0] && other_limit != ids[0] && deeper != other_limit);
  CHECK_EQ(tm_stack_intern(1, &pc, 1, 4, 16), ids[0]);
  free(ids);
}

typedef struct {
  unsigned thread;
  uint32_t ids[SHARED_STACKS];
} worker;

/* Each thread interns the same stacks in its own order while the table
 * grows under them. */
static void *intern_shared(void *arg) {
  worker *w = arg;
  for (uint32_t k = 0; k < SHARED_STACKS; k++) {
    uint32_t i = w->thread % 2 ? SHARED_STACKS - 1 - k : k;
    w->ids[i] = intern(2, i);
  }
  return NULL;
}

static void test_threads(void) {
  static worker workers[THREADS];
  pthread_t threads[THREADS];
  for (unsigned t = 0; t < THREADS; t++) {
    workers[t].thread = t;
    pthread_create(&threads[t], NULL, intern_shared, &workers[t]);
  }
  for (unsigned t = 0; t < THREADS; t++)
    pthread_join(threads[t], NULL);
  int disagree = 0, wrong = 0;
  for (uint32_t i = 0; i < SHARED_STACKS; i++) {
    for (unsigned t = 1; t < THREADS; t++)
      disagree += workers[t].ids[i] != workers[0].ids[i];
    wrong += !holds(workers[0].ids[i], 2, i);
  }
  CHECK_EQ(disagree, 0);
  CHECK_EQ(wrong, 0);
}

int tm_unit_checks, tm_unit_failures;

int main(void) {
  /* Threads first, while the table is at its first size: it grows twice
   * under them. */
  test_threads();
  test_growth();
  printf("%d checks, %d failed\n", tm_unit_checks, tm_unit_failures);
  return tm_unit_failures != 0;
}
