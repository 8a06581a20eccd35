/*
 * Writes the fuzzer's seed corpus into the directory argv[1]: dumps made by
 * the library from real snapshots, and hand-written ones (docs/format.md)
 * with what this version's snapshots do not have yet: deep tracebacks
 * with wrappers, other domains, an empty traceback.  The hand-written payloads are whole
 * dumps of the version the header names (TM_DUMP_VERSION), so that the
 * loader accepts them and the fuzzer starts from valid files.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>

#include "dump_checksum.h"

static char dir[4096];
static void *keep[64];

static void dump(tm_snapshot *s, const char *name) {
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  if (tm_snapshot_dump(s, path) != 0) {
    fprintf(stderr, "make_corpus: %s\n", tm_last_error());
    exit(1);
  }
  tm_snapshot_free(s);
}

static unsigned char file[4096];
static size_t size;

static void u32(uint32_t v) {
  for (int i = 0; i < 4; i++)
    file[size++] = (unsigned char)(v >> 8 * i);
}

static void u64(uint64_t v) {
  u32((uint32_t)v);
  u32((uint32_t)(v >> 32));
}

static void str(const char *s) {
  u32((uint32_t)strlen(s));
  memcpy(file + size, s, strlen(s));
  size += strlen(s);
}

/* The payload is written; put the header in front and save the file.  A
 * seed the loader refuses would only teach the fuzzer the refusal, so a
 * hand-written file that does not load stops the test here. */
static void save(const char *name) {
  dump_fix_header(file, size, TM_DUMP_VERSION);
  char path[4200];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  fwrite(file, 1, size, f);
  fclose(f);
  size = TM_DUMP_HEADER_SIZE;
  tm_snapshot *s = tm_snapshot_load(path);
  if (!s) {
    fprintf(stderr, "make_corpus: %s\n", tm_last_error());
    exit(1);
  }
  tm_snapshot_free(s);
}

int main(int argc, char **argv) {
  puts("start"); // stdout's buffer is allocated now, before tracing
  snprintf(dir, sizeof dir, "%s", argv[1]);

  tm_start(3);
  for (int i = 0; i < 16; i++)
    keep[i] = malloc(32);
  for (int i = 16; i < 40; i++)
    keep[i] = malloc((size_t)i * 24);
  keep[40] = calloc(5, 7);
  keep[41] = strdup("seed");
  dump(tm_take_snapshot(), "sites.dump");
  tm_stop();

  size = TM_DUMP_HEADER_SIZE;
  u64(4);
  str("src/pool.c");
  str("pool_grow");
  str("");
  str("include/vector.h");
  u64(3);
  u32(4); u32(12); u32(2);                /* a deep traceback, cut, */
  u32(0); u32(10); u32(1);
  u32(3); u32(77); u32(2);
  u32(0); u32(20); u32(1);
  u32(0); u32(30); u32(1);
  u32(0); u32(40); u32(1);                /* with two wrappers */
  u32(0); u32(50); u32(1);
  u32(0); u32(0); u32(0);                 /* an empty traceback */
  u32(1); u32(1); u32(0);
  u32(3); u32(0); u32(2);
  u64(9);
  u64(3);
  u32(0); u32(0); u64(2);
  u64(64); u64(3);
  u64(4096); u64(1);
  u32(7); u32(1); u64(1);                 /* domain 7 */
  u64(1 << 20); u64(2);
  u32(0xffffffff); u32(2); u64(2);
  u64(0); u64(2);
  u64(UINT64_MAX); u64(1);
  u32(4);
  u64(3);                                 /* the timeline */
  u64(0); u64(0); u64(0);
  u64(1000); u64(1 << 20); u64(1 << 20);
  u64(2000); u64(4096); u64(1 << 20);
  u64(6);                                 /* the process section */
  u32(TM_DUMP_FIELD_PROGRAM); str("/opt/app/bin/server");
  u32(TM_DUMP_FIELD_DIRECTORIES); u32(4 + 8 + 4 + 0);
  str("/src/app"); str("");
  u32(TM_DUMP_FIELD_PID); u32(8); u64(31337);
  u32(99); str("a later version's field");
  u32(TM_DUMP_FIELD_TIME); u32(8); u64(1700000000123456789);
  u32(TM_DUMP_FIELD_START); u32(8); u64(1700000000000000000);
  u64(3);                                 /* the allocations */
  u32(0); u32(0); u64(1000); u64(64000);
  u32(7); u32(1); u64(UINT64_MAX); u64(UINT64_MAX);
  u32(0); u32(2); u64(0); u64(0);
  save("deep.dump");

  u64(0); u64(0); u64(0); u64(0); u32(1);
  u64(0);                                 /* no timeline points */
  u64(0);                                 /* no process field */
  u64(0);                                 /* no allocations */
  save("empty.dump");
  return 0;
}
