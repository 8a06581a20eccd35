/* Unit tests of the live-block table (runtime/trace_table.c) and of the
 * block header that points into it (runtime/block_header.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "block_header.h"
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

static void test_record_round_trip(void) {
  /* The highest address a user-space slot can have on x86-64 and AArch64. */
  tm_slot *top = (tm_slot *)(uintptr_t)((1ull << 48) - 32);
  uint64_t r = tm_record_make(top, 12);
  CHECK(tm_record_slot(r) == top);
  CHECK_EQ(tm_record_offset(r), 4096);
  CHECK(tm_record_slot(tm_record_make(NULL, 63)) == NULL);
  CHECK_EQ(tm_record_offset(tm_record_make(NULL, 4)), TM_HEADER_SIZE);
}

static void test_header_check(void) {
  uint64_t block[8] = {0x1234, 0x5678, 0, 0};
  void *p = &block[2];
  CHECK(tm_header_of(p) == NULL); /* bytes that are not a header */
  tm_header_write(p, tm_record_make((tm_slot *)&block[6], 4));
  CHECK(tm_header_of(p) == tm_header_at(p));
  CHECK(tm_header_of(&block[3]) == NULL); /* bound to the pointer */
  block[0] ^= 1;                          /* a record changed under it */
  CHECK(tm_header_of(p) == NULL);
}

/* Counts and the peak are exact in one thread, through growth, frees and a
 * peak reset. */
static void test_counts_and_peak(void) {
  enum { N = 1000 };
  static char blocks[N];
  static uint64_t records[N];
  size_t current, peak;
  for (int i = 0; i < N; i++)
    records[i] = tm_trace_insert(&blocks[i], 64, 42, 4);
  tm_get_traced_memory(&current, &peak);
  CHECK_EQ(current, N * 64);
  CHECK_EQ(peak, N * 64);
  tally t = tally_of_site(42);
  CHECK_EQ(t.count, N);
  CHECK_EQ(t.with_site, N);

  for (int i = 0; i < N / 2; i++)
    CHECK(tm_trace_remove(&blocks[i], records[i]));
  CHECK(!tm_trace_remove(&blocks[0], records[0])); /* already removed */
  CHECK(!tm_trace_remove(&blocks[1], records[2])); /* not that block's slot */
  tm_get_traced_memory(&current, &peak);
  CHECK_EQ(current, N / 2 * 64);
  CHECK_EQ(peak, N * 64);

  tm_reset_peak();
  tm_get_traced_memory(&current, &peak);
  CHECK_EQ(peak, N / 2 * 64);
  uint64_t r = tm_trace_insert(&blocks[0], 100, 42, 4);
  tm_get_traced_memory(&current, &peak);
  CHECK_EQ(peak, N / 2 * 64 + 100);
  CHECK(tm_trace_remove(&blocks[0], r));

  tm_trace_clear_all();
  tm_get_traced_memory(&current, &peak);
  CHECK_EQ(current, 0);
  CHECK_EQ(peak, 0);
  CHECK_EQ(tally_of_site(42).count, 0);
  /* A record from before the clear finds nothing. */
  CHECK(!tm_trace_remove(&blocks[N - 1], records[N - 1]));
}

/* More blocks than one chunk of slots holds. */
static void test_many_blocks(void) {
  enum { N = 70000 };
  uint64_t *records = malloc(N * sizeof *records);
  char *blocks = malloc(N);
  for (int i = 0; i < N; i++)
    records[i] = tm_trace_insert(&blocks[i], (size_t)i % 7 + 1, 9, 4);
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
    records[i] = tm_trace_insert(&blocks[i], 1, 9, 4);
  CHECK(tm_trace_memory() <= used);
  tm_trace_clear_all();
  free(records);
  free(blocks);
}

/* Threads insert in their own heaps and remove each other's blocks. */
enum { THREADS = 8, PER_THREAD = 20000 };
static char thread_blocks[THREADS][PER_THREAD];
static uint64_t thread_records[THREADS][PER_THREAD];

static void *insert_then_remove_neighbours(void *arg) {
  int me = (int)(intptr_t)arg;
  tm_enter();
  for (int i = 0; i < PER_THREAD; i++)
    thread_records[me][i] = tm_trace_insert(&thread_blocks[me][i], 8, 5, 4);
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

int tm_unit_checks, tm_unit_failures;

int main(void) {
  /* The harness's own allocations must not be traced. */
  tm_enter();
  tm_start(1);
  test_record_round_trip();
  test_header_check();
  test_counts_and_peak();
  test_many_blocks();
  test_threads();
  printf("%d checks, %d failed\n", tm_unit_checks, tm_unit_failures);
  return tm_unit_failures != 0;
}
