/* Unit tests of the live-block table (runtime/trace_table.c) and of the
 * tag at the end of a block that points into it (runtime/block_tag.h). */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "block_tag.h"
#include "trace_table.h"
#include "tracemalloc.h"
#include "unit.h"

typedef struct tally {
  size_t count;
  uint64_t bytes;
  uint32_t site;
  size_t with_site;
} tally;

static void count_trace(void *ctx, const tm_slot *t) {
  tally *c = ctx;
  c->count++;
  c->bytes += t->size;
  c->with_site += t->trace == c->site;
}

static tally tally_of_site(uint32_t site) {
  tally c = {.site = site};
  tm_trace_foreach(count_trace, &c);
  return c;
}

static void test_slot_index(void) {
  static char block;
  tm_slot *t = tm_trace_insert(&block, 1, 3);
  CHECK(t != NULL);
  CHECK(tm_slot_of_index(tm_slot_index(t)) == t);
  CHECK(tm_slot_index(t) < tm_slot_region_size);
  CHECK(tm_trace_remove(&block, t));
}

/* The tag's place, computed from glibc's chunk header, is the last 8 bytes
 * of glibc's own usable size, for every size that is tagged; heap chunks
 * too large and chunks of their own mapping have none. */
static void test_tag_place(void) {
  static const size_t sizes[] = {0,   1,    8,    24,   25,     40,
                                 1000, 4072, 4080, 4088, 200000, 5 << 20};
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
    unsigned char *p = tm_real.malloc(sizes[i]);
    size_t usable = tm_real.malloc_usable_size(p);
    unsigned char *expected =
        tm_tagged_size(usable) ? p + usable - TM_TAG_SIZE : NULL;
    CHECK(tm_tag_place(p) == expected);
    tm_real.free(p);
  }
}

static void test_tag(void) {
  enum { SIZE = 40 };
  static char other;
  unsigned char *p = tm_real.malloc(SIZE), *q = tm_real.malloc(SIZE);
  size_t usable = tm_real.malloc_usable_size(p);
  unsigned char *place = tm_tag_place(p), *q_place = tm_tag_place(q);
  CHECK(place == p + usable - TM_TAG_SIZE);
  memset(p, 0xab, usable);
  CHECK(tm_tag_slot(p, place) == NULL); /* bytes that are not a tag */
  tm_slot *t = tm_trace_insert(&other, 1, 3);
  tm_tag_write(p, place, t);
  CHECK(tm_tag_slot(p, place) == t);
  memcpy(q_place, place, TM_TAG_SIZE);
  CHECK(tm_tag_slot(q, q_place) == NULL); /* bound to the pointer */
  place[0] ^= 1;                          /* an index changed under it */
  CHECK(tm_tag_slot(p, place) == NULL);
  CHECK(!tm_tagged_size(TM_TAG_LIMIT));
  CHECK(!tm_tagged_size(TM_TAG_SIZE - 1));
  CHECK(tm_trace_remove(&other, t));
  tm_real.free(p);
  tm_real.free(q);
}

/* Counts and the peak are exact in one thread, through growth, frees and a
 * peak reset. */
static void test_counts_and_peak(void) {
  enum { N = 1000 };
  static char blocks[N];
  static tm_slot *slots[N];
  size_t current, peak;
  for (int i = 0; i < N; i++)
    slots[i] = tm_trace_insert(&blocks[i], 64, 42);
  tm_get_traced_memory(&current, &peak);
  CHECK_EQ(current, N * 64);
  CHECK_EQ(peak, N * 64);
  tally t = tally_of_site(42);
  CHECK_EQ(t.count, N);
  CHECK_EQ(t.with_site, N);

  for (int i = 0; i < N / 2; i++)
    CHECK(tm_trace_remove(&blocks[i], slots[i]));
  CHECK(!tm_trace_remove(&blocks[0], slots[0])); /* already removed */
  CHECK(!tm_trace_remove(&blocks[1], slots[2])); /* not that block's slot */
  tm_get_traced_memory(&current, &peak);
  CHECK_EQ(current, N / 2 * 64);
  CHECK_EQ(peak, N * 64);

  tm_reset_peak();
  tm_get_traced_memory(&current, &peak);
  CHECK_EQ(peak, N / 2 * 64);
  tm_slot *r = tm_trace_insert(&blocks[0], 100, 42);
  tm_get_traced_memory(&current, &peak);
  CHECK_EQ(peak, N / 2 * 64 + 100);
  CHECK(tm_trace_remove(&blocks[0], r));

  tm_trace_clear_all();
  tm_get_traced_memory(&current, &peak);
  CHECK_EQ(current, 0);
  CHECK_EQ(peak, 0);
  CHECK_EQ(tally_of_site(42).count, 0);
  /* A slot from before the clear holds nothing. */
  CHECK(!tm_trace_remove(&blocks[N - 1], slots[N - 1]));
}

/* More blocks than one chunk of slots holds. */
static void test_many_blocks(void) {
  enum { N = 70000 };
  tm_slot **records = malloc(N * sizeof *records);
  char *blocks = malloc(N);
  for (int i = 0; i < N; i++)
    records[i] = tm_trace_insert(&blocks[i], (size_t)i % 7 + 1, 9);
  tally t = tally_of_site(9);
  CHECK_EQ(t.count, N);
  uint64_t expected = 0;
  for (int i = 0; i < N; i++)
    expected += (uint64_t)i % 7 + 1;
  CHECK_EQ(t.bytes, expected);
  size_t used = tm_trace_memory();
  for (int i = 0; i < N; i++)
    CHECK(tm_trace_remove(&blocks[i], records[i]) || (printf("i=%d\n", i), 0));
  CHECK_EQ(tally_of_site(9).count, 0);
  /* Freed slots are reused, not appended. */
  for (int i = 0; i < N; i++)
    records[i] = tm_trace_insert(&blocks[i], 1, 9);
  CHECK(tm_trace_memory() <= used);
  tm_trace_clear_all();
  free(records);
  free(blocks);
}

/* Threads insert in their own heaps and remove each other's blocks. */
enum { THREADS = 8, PER_THREAD = 20000 };
static char thread_blocks[THREADS][PER_THREAD];
static tm_slot *thread_records[THREADS][PER_THREAD];

static void *insert_then_remove_neighbours(void *arg) {
  int me = (int)(intptr_t)arg;
  tm_enter();
  for (int i = 0; i < PER_THREAD; i++)
    thread_records[me][i] = tm_trace_insert(&thread_blocks[me][i], 8, 5);
  return NULL;
}

static void *remove_half_of(void *arg) {
  int victim = (int)(intptr_t)arg;
  tm_enter();
  for (int i = 0; i < PER_THREAD; i += 2)
    tm_trace_remove(&thread_blocks[victim][i], thread_records[victim][i]);
  return NULL;
}

static void test_threads(void) {
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, insert_then_remove_neighbours, (void *)(intptr_t)i);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  for (int i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, remove_half_of,
                   (void *)(intptr_t)((i + 1) % THREADS));
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  size_t current;
  tm_get_traced_memory(&current, NULL);
  CHECK_EQ(current, THREADS * PER_THREAD / 2 * 8);
  CHECK_EQ(tally_of_site(5).count, THREADS * PER_THREAD / 2);
  tm_trace_clear_all();
}

/* Whole-table readers while the owners work: each walk holds one heap at a
 * time (the exclusive side of the protocol) and must see only whole
 * traces, of the sizes the workers use. */
enum { WORKERS = 4, ROUNDS = 200, LIVE = 64 };
static atomic_bool workers_done;
/* The workers start once the walker has walked once: on a loaded machine
 * it might otherwise first run when they are done. */
static atomic_bool walker_running;

static void *churn_own_blocks(void *arg) {
  static char blocks[WORKERS][LIVE];
  int me = (int)(intptr_t)arg;
  tm_slot *slots[LIVE] = {0};
  tm_enter();
  while (!atomic_load(&walker_running))
    sched_yield();
  for (int round = 0; round < ROUNDS; round++)
    for (int i = 0; i < LIVE; i++) {
      if (slots[i])
        tm_trace_remove(&blocks[me][i], slots[i]);
      slots[i] = tm_trace_insert(&blocks[me][i], (size_t)(i % 4 + 1) * 16, 7);
    }
  for (int i = 0; i < LIVE; i++)
    tm_trace_remove(&blocks[me][i], slots[i]);
  return NULL;
}

typedef struct walk_result {
  size_t bad;
} walk_result;

static void check_trace(void *ctx, const tm_slot *t) {
  walk_result *r = ctx;
  r->bad += t->trace != 7 || t->size % 16 != 0 || t->size > 64;
}

static void *walk_table(void *arg) {
  walk_result *r = arg;
  tm_enter();
  do {
    tm_trace_foreach(check_trace, r);
    atomic_store(&walker_running, true);
  } while (!atomic_load(&workers_done));
  return NULL;
}

static void test_walks_while_owners_work(void) {
  pthread_t workers[WORKERS], walker;
  walk_result result = {0};
  pthread_create(&walker, NULL, walk_table, &result);
  for (int i = 0; i < WORKERS; i++)
    pthread_create(&workers[i], NULL, churn_own_blocks, (void *)(intptr_t)i);
  for (int i = 0; i < WORKERS; i++)
    pthread_join(workers[i], NULL);
  atomic_store(&workers_done, true);
  pthread_join(walker, NULL);
  CHECK_EQ(result.bad, 0);
  size_t current;
  tm_get_traced_memory(&current, NULL);
  CHECK_EQ(current, 0);
  tm_trace_clear_all();
}

int tm_unit_checks, tm_unit_failures;

int main(void) {
  /* The harness's own allocations must not be traced. */
  tm_enter();
  tm_start(1);
  test_slot_index();
  test_tag_place();
  test_tag();
  test_counts_and_peak();
  test_many_blocks();
  test_threads();
  test_walks_while_owners_work();
  printf("%d checks, %d failed\n", tm_unit_checks, tm_unit_failures);
  return tm_unit_failures != 0;
}
