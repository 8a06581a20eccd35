/* Unit tests of the table of live traces (runtime/trace_table.c) and of
 * the tag at the end of a block that carries its trace
 * (runtime/block_tag.h). */
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "stack_depot.h"
#include "trace_table.h"
#include "tracemalloc.h"
#include "unit.h"

/* A real block of the real allocator, and its tag's place. */
typedef struct block {
  unsigned char *p, *place;
} block;

static block new_block(size_t size) {
  unsigned char *p = tm_real.malloc(size + TM_TAG_SIZE);
  return (block){p, tm_tag_place(p)};
}

static void free_block(block b) { tm_real.free(b.p); }

static bool insert(block b, size_t size, uint32_t trace) {
  uint32_t packed;
  return tm_tag_pack_trace(trace, &packed) &&
         tm_trace_insert(b.p, b.place, size, packed, 1);
}

static bool remove_block(block b) {
  uint32_t payload;
  return tm_trace_remove(b.p, b.place, &payload);
}

typedef struct tally {
  uint64_t blocks, bytes;
  uint32_t trace;
  uint64_t of_trace; /* blocks of that trace */
  uint64_t allocs, allocated_bytes; /* since the last clear */
  uint64_t allocs_of_trace;
  uint64_t bad; /* callbacks with nothing to count */
} tally;

static void count_traces(void *ctx, const tm_trace_counts *t) {
  tally *c = ctx;
  c->blocks += t->blocks;
  c->bytes += t->size * t->blocks;
  c->of_trace += t->trace == c->trace ? t->blocks : 0;
  c->allocs += t->allocs;
  c->allocated_bytes += t->allocated_bytes;
  c->allocs_of_trace += t->trace == c->trace ? t->allocs : 0;
  c->bad += (t->blocks == 0 && t->allocs == 0) ||
            (t->size && t->allocated_bytes != t->allocs * t->size);
}

static tally tally_of(uint32_t trace) {
  tally c = {.trace = trace};
  CHECK(tm_trace_foreach(count_traces, &c));
  CHECK_EQ(c.bad, 0);
  return c;
}

/* Site ids and depot ids pack into a tag's 20 bits and come back; ids
 * too large for them do not pack. */
static void test_pack_trace(void) {
  static const uint32_t fits[] = {0, 1, 42, TM_TAG_TRACE_STACK - 1,
                                  TM_TRACE_IS_STACK | 1,
                                  TM_TRACE_IS_STACK | (TM_TAG_TRACE_STACK - 1)};
  for (size_t i = 0; i < sizeof fits / sizeof fits[0]; i++) {
    uint32_t packed = 0xffffffff;
    CHECK(tm_tag_pack_trace(fits[i], &packed));
    CHECK(packed < 1u << TM_TAG_TRACE_BITS);
    uint32_t payload = tm_tag_payload(packed, 4095);
    CHECK_EQ(tm_tag_payload_trace(payload), fits[i]);
    CHECK_EQ(tm_tag_payload_size(payload), 4095);
  }
  uint32_t packed;
  CHECK(!tm_tag_pack_trace(TM_TAG_TRACE_STACK, &packed));
  CHECK(!tm_tag_pack_trace(TM_TRACE_IS_STACK | TM_TAG_TRACE_STACK, &packed));
  CHECK(!tm_tag_pack_trace(0x7fffffff, &packed));
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
  CHECK(!tm_tagged_size(TM_TAG_LIMIT));
  CHECK(!tm_tagged_size(TM_TAG_SIZE - 1));
}

/* A tag verifies for its own block under the current key only. */
static void test_tag(void) {
  block b = new_block(40), c = new_block(40);
  uint32_t payload, packed;
  memset(b.p, 0xab, tm_real.malloc_usable_size(b.p));
  CHECK(!tm_tag_read(b.p, b.place, &payload)); /* bytes that are not a tag */
  CHECK(tm_tag_pack_trace(3, &packed));
  tm_tag_write(b.p, b.place, tm_tag_payload(packed, 40));
  CHECK(tm_tag_read(b.p, b.place, &payload));
  CHECK_EQ(tm_tag_payload_trace(payload), 3);
  CHECK_EQ(tm_tag_payload_size(payload), 40);
  memcpy(c.place, b.place, TM_TAG_SIZE);
  CHECK(!tm_tag_read(c.p, c.place, &payload)); /* bound to the pointer */
  b.place[0] ^= 1;                             /* a size changed under it */
  CHECK(!tm_tag_read(b.p, b.place, &payload));
  b.place[0] ^= 1;
  CHECK(tm_tag_read(b.p, b.place, &payload));
  tm_tag_erase(b.place);
  CHECK(!tm_tag_read(b.p, b.place, &payload));
  /* Tags written before a clear no longer verify after it. */
  tm_tag_write(b.p, b.place, tm_tag_payload(packed, 40));
  tm_trace_clear_all();
  CHECK(!tm_tag_read(b.p, b.place, &payload));
  free_block(b);
  free_block(c);
}

/* Counts and the peak are exact in one thread, through frees, a peak reset
 * and a clear. */
static void test_counts_and_peak(void) {
  enum { N = 1000 };
  static block blocks[N];
  size_t current, peak;
  for (int i = 0; i < N; i++) {
    blocks[i] = new_block(64);
    CHECK(insert(blocks[i], 64, 42));
  }
  tm_get_traced_memory(&current, &peak);
  CHECK_EQ(current, N * 64);
  CHECK_EQ(peak, N * 64);
  tally t = tally_of(42);
  CHECK_EQ(t.blocks, N);
  CHECK_EQ(t.of_trace, N);
  CHECK_EQ(t.bytes, N * 64);
  CHECK_EQ(t.allocs, N);
  CHECK_EQ(t.allocated_bytes, N * 64);

  for (int i = 0; i < N / 2; i++)
    CHECK(remove_block(blocks[i]));
  CHECK(!remove_block(blocks[0])); /* already removed: its tag is erased */
  tm_get_traced_memory(&current, &peak);
  CHECK_EQ(current, N / 2 * 64);
  CHECK_EQ(peak, N * 64);
  CHECK_EQ(tally_of(42).blocks, N / 2);

  tm_reset_peak();
  tm_get_traced_memory(&current, &peak);
  CHECK_EQ(peak, N / 2 * 64);
  CHECK(insert(blocks[0], 100, 42));
  tm_get_traced_memory(&current, &peak);
  CHECK_EQ(peak, N / 2 * 64 + 100);
  CHECK(remove_block(blocks[0]));
  /* Freed blocks stay counted as allocations. */
  t = tally_of(42);
  CHECK_EQ(t.allocs, N + 1);
  CHECK_EQ(t.allocs_of_trace, N + 1);
  CHECK_EQ(t.allocated_bytes, N * 64 + 100);
  /* A trace put back (a realloc that failed) is no new allocation. */
  uint32_t packed;
  CHECK(tm_tag_pack_trace(42, &packed));
  CHECK(tm_trace_insert(blocks[0].p, blocks[0].place, 100, packed, 0));
  CHECK(remove_block(blocks[0]));
  CHECK_EQ(tally_of(42).allocs, N + 1);

  tm_trace_clear_all();
  tm_get_traced_memory(&current, &peak);
  CHECK_EQ(current, 0);
  CHECK_EQ(peak, 0);
  CHECK_EQ(tally_of(42).blocks, 0);
  CHECK_EQ(tally_of(42).allocs, 0);
  /* A block traced before the clear has no trace to remove. */
  CHECK(!remove_block(blocks[N - 1]));
  tm_get_traced_memory(&current, NULL);
  CHECK_EQ(current, 0);
  for (int i = 0; i < N; i++)
    free_block(blocks[i]);
}

/* Many (trace, size) keys: the heap's table grows, sums stay exact, and
 * keys whose blocks are all gone do not make it grow for ever. */
static void test_many_keys(void) {
  enum { N = 70000 };
  block *blocks = malloc(N * sizeof *blocks);
  uint64_t expected = 0;
  for (int i = 0; i < N; i++) {
    blocks[i] = new_block(64);
    CHECK(insert(blocks[i], (size_t)i % 64, 100 + (uint32_t)i % 997));
    expected += (uint64_t)i % 64;
  }
  tally t = tally_of(100);
  CHECK_EQ(t.blocks, N);
  CHECK_EQ(t.bytes, expected);
  CHECK_EQ(t.of_trace, (N + 996) / 997);
  size_t mapped = tm_mapped_bytes();
  for (int i = 0; i < N; i++)
    CHECK(remove_block(blocks[i]));
  CHECK_EQ(tally_of(100).blocks, 0);
  /* Other keys again and again: the dead ones are dropped at each growth,
   * their allocations kept by trace (these are 997 traces: a table of
   * 4096 entries, made in the first rounds, then the same). */
  size_t mapped_early = 0;
  for (int round = 0; round < 8; round++) {
    for (int i = 0; i < N; i++)
      CHECK(insert(blocks[i], 64 + (size_t)round * 64 + (size_t)i % 64,
                   200000 + (uint32_t)i % 997));
    for (int i = 0; i < N; i++)
      CHECK(remove_block(blocks[i]));
    if (round == 1)
      mapped_early = tm_mapped_bytes();
  }
  CHECK(tm_mapped_bytes() <= mapped_early);
  CHECK(mapped_early <= mapped + 4096 * 24);
  /* The dropped keys' allocations are kept, by trace. */
  t = tally_of(100);
  CHECK_EQ(t.blocks, 0);
  CHECK_EQ(t.allocs, 9 * (uint64_t)N);
  CHECK_EQ(t.allocated_bytes, 9 * expected + (uint64_t)N * 64 * (8 + 28));
  CHECK_EQ(t.allocs_of_trace, (N + 996) / 997);
  tm_trace_clear_all();
  CHECK_EQ(tally_of(100).allocs, 0);
  for (int i = 0; i < N; i++)
    free_block(blocks[i]);
  free(blocks);
}

/* Threads count in their own heaps and count out each other's blocks. */
enum { THREADS = 8, PER_THREAD = 20000 };
static block thread_blocks[THREADS][PER_THREAD];

static void *insert_own(void *arg) {
  int me = (int)(intptr_t)arg;
  tm_enter();
  for (int i = 0; i < PER_THREAD; i++)
    insert(thread_blocks[me][i], 8, 5);
  return NULL;
}

static void *remove_half_of(void *arg) {
  int victim = (int)(intptr_t)arg;
  tm_enter();
  for (int i = 0; i < PER_THREAD; i += 2)
    remove_block(thread_blocks[victim][i]);
  return NULL;
}

static void test_threads(void) {
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++)
    for (int j = 0; j < PER_THREAD; j++)
      thread_blocks[i][j] = new_block(8);
  for (int i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, insert_own, (void *)(intptr_t)i);
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
  CHECK_EQ(tally_of(5).blocks, THREADS * PER_THREAD / 2);
  tm_trace_clear_all();
  for (int i = 0; i < THREADS; i++)
    for (int j = 0; j < PER_THREAD; j++)
      free_block(thread_blocks[i][j]);
}

/* Whole-table readers while the owners work: a walk holds every heap at
 * once (the exclusive side of the protocol) and must see whole counts, of
 * the sizes the workers use, never more blocks than are alive, even though
 * one thread counts a block in and another counts it out. */
enum { WORKERS = 4, ROUNDS = 200, LIVE = 64 };
static atomic_bool workers_done;
/* The workers start once the walker has walked once: on a loaded machine
 * it might otherwise first run when they are done. */
static atomic_bool walker_running;
static block worker_blocks[WORKERS][LIVE];
/* A block is handed from thread to thread as a program's would be: only
 * one of them uses it at a time. */
enum { FREE, IN_USE, LIVE_BLOCK };
static atomic_int worker_state[WORKERS][LIVE];

static bool take(int owner, int i, int from) {
  int expected = from;
  return atomic_compare_exchange_strong(&worker_state[owner][i], &expected,
                                        IN_USE);
}

/* Replaces its own blocks and, every other time, frees its neighbour's. */
static void *churn_blocks(void *arg) {
  int me = (int)(intptr_t)arg;
  tm_enter();
  while (!atomic_load(&walker_running))
    sched_yield();
  for (int round = 0; round < ROUNDS; round++)
    for (int i = 0; i < LIVE; i++) {
      int owner = (round + i) % 2 ? me : (me + 1) % WORKERS;
      if (take(owner, i, LIVE_BLOCK)) {
        remove_block(worker_blocks[owner][i]);
        atomic_store(&worker_state[owner][i], FREE);
      }
      if (owner == me && take(me, i, FREE)) {
        insert(worker_blocks[me][i], (size_t)(i % 4 + 1) * 16, 7);
        atomic_store(&worker_state[me][i], LIVE_BLOCK);
      }
    }
  return NULL;
}

typedef struct walk_result {
  uint64_t bad, walks;
} walk_result;

static void check_traces(void *ctx, const tm_trace_counts *t) {
  walk_result *r = ctx;
  r->bad += t->trace != 7 || t->size % 16 != 0 || t->size > 64 ||
            t->blocks > WORKERS * LIVE;
}

static void *walk_table(void *arg) {
  walk_result *r = arg;
  tm_enter();
  do {
    CHECK(tm_trace_foreach(check_traces, r));
    r->walks++;
    atomic_store(&walker_running, true);
  } while (!atomic_load(&workers_done));
  return NULL;
}

static void test_walks_while_owners_work(void) {
  pthread_t workers[WORKERS], walker;
  walk_result result = {0};
  for (int i = 0; i < WORKERS; i++)
    for (int j = 0; j < LIVE; j++)
      worker_blocks[i][j] = new_block(64);
  pthread_create(&walker, NULL, walk_table, &result);
  for (int i = 0; i < WORKERS; i++)
    pthread_create(&workers[i], NULL, churn_blocks, (void *)(intptr_t)i);
  for (int i = 0; i < WORKERS; i++)
    pthread_join(workers[i], NULL);
  atomic_store(&workers_done, true);
  pthread_join(walker, NULL);
  CHECK_EQ(result.bad, 0);
  CHECK(result.walks > 0);
  for (int i = 0; i < WORKERS; i++)
    for (int j = 0; j < LIVE; j++)
      if (atomic_load(&worker_state[i][j]) == LIVE_BLOCK)
        CHECK(remove_block(worker_blocks[i][j]));
  size_t current;
  tm_get_traced_memory(&current, NULL);
  CHECK_EQ(current, 0);
  CHECK_EQ(tally_of(7).blocks, 0);
  tm_trace_clear_all();
  for (int i = 0; i < WORKERS; i++)
    for (int j = 0; j < LIVE; j++)
      free_block(worker_blocks[i][j]);
}

/* Under ThreadSanitizer the program's malloc is the sanitizer's, which
 * test_wide_trace_ids needs to be the runtime's. */
#if defined(__has_feature)
#define UNDER_TSAN __has_feature(thread_sanitizer)
#else
#define UNDER_TSAN 0
#endif

#if !UNDER_TSAN
/* Past 2^19 stacks, trace ids no longer fit a tag: such small blocks are
 * traced by address, and free, realloc, tm_get_object_traceback and
 * malloc_usable_size find them there.  Runs last: it uses up the ids. */
static void test_wide_trace_ids(void) {
  uintptr_t pc;
  for (uint32_t i = 0; i < TM_TAG_TRACE_STACK; i++) {
    pc = 0x10000 + (uintptr_t)i * 16;
    tm_stack_intern(0, &pc, 1, 1, 1);
  }
  size_t before, now;
  tm_get_traced_memory(&before, NULL);
  unsigned char *untraced = tm_real.malloc(40);
  tm_leave(); /* the program's own calls, traced: no site, so a stack */
  /* volatile: the compiler may drop a block that is only freed. */
  unsigned char *volatile p = malloc(40);
  tm_get_traced_memory(&now, NULL);
  CHECK_EQ(now - before, 40);
  CHECK(atomic_load(&tm_global.small_blocks_by_address));
  CHECK(tm_get_object_traceback(p) != NULL);
  CHECK(malloc_usable_size(p) >= 40);
  unsigned char *volatile q = realloc(p, 50);
  tm_get_traced_memory(&now, NULL);
  CHECK_EQ(now - before, 50);
  free(untraced); /* looked for by address too, and not found */
  tm_get_traced_memory(&now, NULL);
  CHECK_EQ(now - before, 50);
  free(q);
  tm_get_traced_memory(&now, NULL);
  CHECK_EQ(now, before);
  tm_enter();
}
#endif

int tm_unit_checks, tm_unit_failures;

int main(void) {
  /* The harness's own allocations must not be traced. */
  tm_enter();
  tm_start(1);
  test_pack_trace();
  test_tag_place();
  test_tag();
  test_counts_and_peak();
  test_many_keys();
  test_threads();
  test_walks_while_owners_work();
#if !UNDER_TSAN
  test_wide_trace_ids();
#endif
  printf("%d checks, %d failed\n", tm_unit_checks, tm_unit_failures);
  return tm_unit_failures != 0;
}
