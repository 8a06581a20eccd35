// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %tmcc -O1 -pthread -I%srcroot/runtime -I%inputs %s -o %t && %t %t.dir | FileCheck %s
// The loader refuses every damaged file with a clear message and errno and
// never crashes: a missing file, an empty one, a wrong magic, a future or
// unknown version, every truncation of a valid dump, every flipped byte,
// trailing bytes, and (in files with a correct checksum, written here by
// hand from docs/format.md) huge counts, indexes out of range, a NUL in a
// string, runs that do not add up, and in version 3's process section
// fields that run past the end, have the wrong size, repeat or hold a NUL.
// Hand-written valid files of each version load, and a process field of a
// later version is skipped.  tm_last_error() is per thread.
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>

#include "dump_checksum.h"
#include "dump_format.h"

static char dir[4096], bad[4200];

static void write_file(const char *path, const void *bytes, size_t size) {
  FILE *f = fopen(path, "wb");
  fwrite(bytes, 1, size, f);
  fclose(f);
}

static unsigned char *read_file(const char *path, size_t *size) {
  static unsigned char buf[1 << 16];
  FILE *f = fopen(path, "rb");
  *size = fread(buf, 1, sizeof buf, f);
  fclose(f);
  return buf;
}

static const char *errno_name(int e) {
  switch (e) {
  case 0: return "0";
  case ENOENT: return "ENOENT";
  case EINVAL: return "EINVAL";
  case ENOTSUP: return "ENOTSUP";
  case EILSEQ: return "EILSEQ";
  case ENOMEM: return "ENOMEM";
  default: return "other";
  }
}

/* The message with the bad file's path shown as BAD. */
static const char *message(void) {
  static char out[2048];
  const char *m = tm_last_error();
  size_t n = strlen(bad);
  if (strncmp(m, bad, n) == 0)
    snprintf(out, sizeof out, "BAD%s", m + n);
  else
    snprintf(out, sizeof out, "%s", m);
  return out;
}

/* Loads `bytes` from the bad file; prints what happened under `label`. */
static tm_snapshot *try_load(const char *label, const void *bytes, size_t size) {
  write_file(bad, bytes, size);
  errno = 0;
  tm_snapshot *s = tm_snapshot_load(bad);
  if (label)
    printf("%s: %s %s %s\n", label, s ? "loaded" : "NULL",
           errno_name(s ? 0 : errno), s ? "" : message());
  return s;
}

/* Fails cleanly: NULL, an errno, a message. */
static bool rejected(const void *bytes, size_t size) {
  tm_snapshot *s = try_load(NULL, bytes, size);
  if (s) {
    tm_snapshot_free(s);
    return false;
  }
  return errno != 0 && tm_last_error()[0] != '\0';
}

/* ----- a writer of the documented format, independent of the library's -- */

typedef struct file {
  unsigned char bytes[4096];
  size_t size;
} file;

static void u32(file *f, uint32_t v) {
  for (int i = 0; i < 4; i++)
    f->bytes[f->size++] = (unsigned char)(v >> 8 * i);
}

static void u64(file *f, uint64_t v) {
  u32(f, (uint32_t)v);
  u32(f, (uint32_t)(v >> 32));
}

static void str(file *f, const char *s) {
  u32(f, (uint32_t)strlen(s));
  memcpy(f->bytes + f->size, s, strlen(s));
  f->size += strlen(s);
}

/* Room for the header; the payload follows. */
static void begin(file *f) {
  memset(f->bytes, 0, TM_DUMP_HEADER_SIZE);
  f->size = TM_DUMP_HEADER_SIZE;
}

/* Writes the header with the checksum and the payload size, as a correct
 * writer of that format version would. */
static void seal_as(file *f, uint32_t version) {
  dump_fix_header(f->bytes, f->size, version);
}

/* Most hand-written files are of format version 1 (no timeline, no process
 * section): the loader still reads those. */
static void seal(file *f) { seal_as(f, 1); }

/* An empty snapshot of format version 3 up to its process section: no
 * string, traceback or trace, limit 1, no timeline point. */
static void up_to_process(file *f) {
  begin(f);
  u64(f, 0); u64(f, 0); u64(f, 0); u64(f, 0);
  u32(f, 1);
  u64(f, 0);
}

/* A process field holding a number. */
static void number_field(file *f, uint32_t tag, uint64_t value) {
  u32(f, tag); u32(f, 8); u64(f, value);
}

static void print_process(const tm_snapshot *s) {
  const tm_process *p = tm_snapshot_process(s);
  printf("program=\"%s\" pid=%llu time=%llu start=%llu\n", p->program,
         (unsigned long long)p->pid, (unsigned long long)p->time_ns,
         (unsigned long long)p->start_ns);
}

/* Two strings; traceback 0 of three frames, traceback 1 of one. */
static void strings_and_tracebacks(file *f) {
  u64(f, 2);
  str(f, "lib/pool.c");
  str(f, "pool_grow");
  u64(f, 2);
  u32(f, 3); u32(f, 9);
  u32(f, 0); u32(f, 10); u32(f, 1);
  u32(f, 0); u32(f, 20); u32(f, 1);
  u32(f, 0); u32(f, 30); u32(f, 1);
  u32(f, 1); u32(f, 1);
  u32(f, 0); u32(f, 40); u32(f, 1);
}

static void *thread_error(void *arg) {
  printf("other thread: \"%s\"\n", tm_last_error());
  tm_snapshot_load("");
  printf("other thread: \"%s\"\n", tm_last_error());
  return NULL;
}

int main(int argc, char **argv) {
  puts("start"); // stdout's buffer is allocated now, before tracing
  snprintf(dir, sizeof dir, "%s", argv[1]);
  snprintf(bad, sizeof bad, "%s/bad.dump", dir);
  char good_path[4200];
  snprintf(good_path, sizeof good_path, "%s/good.dump", dir);

  /* A small valid dump made by the library. */
  tm_start(1);
  void *blocks[4] = {malloc(10), malloc(20), malloc(20), malloc(30)};
  tm_snapshot *snap = tm_take_snapshot();
  tm_stop();
  printf("dump=%d\n", tm_snapshot_dump(snap, good_path));
  // CHECK: dump=0
  size_t size;
  static unsigned char good[1 << 16], copy[1 << 16];
  memcpy(good, read_file(good_path, &size), size);
  tm_snapshot *s = try_load("valid", good, size);
  // CHECK-NEXT: valid: loaded 0
  tm_snapshot_free(s);

  remove(bad);
  errno = 0;
  printf("missing: %p %s %s\n", (void *)tm_snapshot_load(bad),
         errno_name(errno), message());
  // CHECK-NEXT: missing: (nil) ENOENT BAD: cannot open: No such file or directory
  try_load("empty", "", 0);
  // CHECK-NEXT: empty: NULL EINVAL BAD: empty file, not a tracemalloc snapshot dump
  try_load("text", "hello, world\n", 13);
  // CHECK-NEXT: text: NULL EINVAL BAD: not a tracemalloc snapshot dump (wrong magic bytes)
  try_load("short text", "#", 1);
  // CHECK-NEXT: short text: NULL EINVAL BAD: not a tracemalloc snapshot dump (wrong magic bytes)

  memcpy(copy, good, size);
  copy[TM_DUMP_VERSION_OFFSET] = TM_DUMP_VERSION + 1;
  try_load("next version", copy, size);
  // CHECK-NEXT: next version: NULL ENOTSUP BAD: written by a newer tracemalloc: format version 6, this library reads up to 5
  memset(copy + TM_DUMP_VERSION_OFFSET, 0xff, 4);
  try_load("version max", copy, size);
  // CHECK-NEXT: version max: NULL ENOTSUP BAD: written by a newer tracemalloc: format version 4294967295, this library reads up to 5
  memset(copy + TM_DUMP_VERSION_OFFSET, 0, 4);
  try_load("version 0", copy, size);
  // CHECK-NEXT: version 0: NULL ENOTSUP BAD: unknown format version 0, this library reads versions 1 to 5

  /* Every prefix of the valid dump. */
  size_t refused = 0;
  for (size_t n = 0; n < size; n++)
    refused += rejected(good, n);
  printf("truncations rejected: %d\n", refused == size);
  // CHECK-NEXT: truncations rejected: 1
  try_load("truncated to 5", good, 5);
  // CHECK-NEXT: truncated to 5: NULL EILSEQ BAD: truncated: 5 bytes, shorter than the 24-byte header
  try_load("truncated to 23", good, 23);
  // CHECK-NEXT: truncated to 23: NULL EILSEQ BAD: truncated: 23 bytes, shorter than the 24-byte header
  try_load("truncated to 24", good, 24);
  // CHECK-NEXT: truncated to 24: NULL EILSEQ BAD: truncated: the payload has 0 of its {{[0-9]+}} bytes
  try_load("one byte short", good, size - 1);
  // CHECK-NEXT: one byte short: NULL EILSEQ BAD: truncated: the payload has [[N:[0-9]+]] of its {{[0-9]+}} bytes

  memcpy(copy, good, size);
  copy[size] = 0;
  try_load("one byte more", copy, size + 1);
  // CHECK-NEXT: one byte more: NULL EILSEQ BAD: 1 unexpected byte after the end of the snapshot

  /* Every byte flipped, one at a time; in the payload, the checksum
   * catches it. */
  size_t flips = 0, checksum_messages = 0;
  for (size_t i = 0; i < size; i++) {
    memcpy(copy, good, size);
    copy[i] ^= 0x10;
    flips += rejected(copy, size);
    checksum_messages += strstr(tm_last_error(), "checksum mismatch") != NULL;
  }
  printf("flips rejected: %d, by the checksum: %d\n", flips == size,
         checksum_messages == size - TM_DUMP_HEADER_SIZE + 4);
  // CHECK-NEXT: flips rejected: 1, by the checksum: 1
  memcpy(copy, good, size);
  copy[size - 1] ^= 1;
  try_load("flipped", copy, size);
  // CHECK-NEXT: flipped: NULL EILSEQ BAD: checksum mismatch, the file is corrupted (CRC-32 of the payload 0x{{[0-9a-f]+}}, the header says 0x{{[0-9a-f]+}})

  /* Hand-written files with a correct checksum. */
  file f;
  begin(&f);
  strings_and_tracebacks(&f);
  u64(&f, 6);                                   /* traces */
  u64(&f, 2);                                   /* groups */
  u32(&f, 0); u32(&f, 1); u64(&f, 1);           /* heap, traceback 1 */
  u64(&f, 100); u64(&f, 4);
  u32(&f, 7); u32(&f, 0); u64(&f, 2);           /* domain 7, traceback 0 */
  u64(&f, 4096); u64(&f, 1);
  u64(&f, 8192); u64(&f, 1);
  u32(&f, 5);                                   /* traceback limit */
  seal(&f);
  s = try_load("hand-written", f.bytes, f.size);
  // CHECK-NEXT: hand-written: loaded 0
  printf("traces=%zu limit=%d\n", tm_snapshot_trace_count(s),
         tm_snapshot_traceback_limit(s));
  // CHECK-NEXT: traces=6 limit=5
  for (size_t i = 0; i < tm_snapshot_trace_count(s); i++) {
    const tm_trace *t = tm_snapshot_trace(s, i);
    printf("domain=%u size=%zu nframe=%zu total=%zu", t->domain, t->size,
           t->traceback->nframe, t->traceback->total_nframe);
    for (size_t k = 0; k < t->traceback->nframe; k++)
      printf(" %s:%u(%s)", t->traceback->frames[k].filename,
             t->traceback->frames[k].lineno, t->traceback->frames[k].function);
    printf("\n");
  }
  // CHECK-NEXT: domain=0 size=100 nframe=1 total=1 lib/pool.c:40(pool_grow)
  // CHECK-NEXT: domain=0 size=100 nframe=1 total=1 lib/pool.c:40(pool_grow)
  // CHECK-NEXT: domain=0 size=100 nframe=1 total=1 lib/pool.c:40(pool_grow)
  // CHECK-NEXT: domain=0 size=100 nframe=1 total=1 lib/pool.c:40(pool_grow)
  // CHECK-NEXT: domain=7 size=4096 nframe=3 total=9 lib/pool.c:10(pool_grow) lib/pool.c:20(pool_grow) lib/pool.c:30(pool_grow)
  // CHECK-NEXT: domain=7 size=8192 nframe=3 total=9 lib/pool.c:10(pool_grow) lib/pool.c:20(pool_grow) lib/pool.c:30(pool_grow)
  tm_snapshot_free(s);

  begin(&f);
  u64(&f, (uint64_t)1 << 60);
  str(&f, "x.c");
  u64(&f, 0); u64(&f, 0); u64(&f, 0); u32(&f, 1);
  seal(&f);
  try_load("2^60 strings", f.bytes, f.size);
  // CHECK-NEXT: 2^60 strings: NULL EILSEQ BAD: corrupted: 1152921504606846976 strings claimed but only 35 bytes are left

  begin(&f);
  u64(&f, 0);
  u64(&f, (uint64_t)1 << 40);
  u64(&f, 0); u64(&f, 0); u32(&f, 1);
  seal(&f);
  try_load("2^40 tracebacks", f.bytes, f.size);
  // CHECK-NEXT: 2^40 tracebacks: NULL EILSEQ BAD: corrupted: 1099511627776 tracebacks claimed but only 20 bytes are left

  begin(&f);
  strings_and_tracebacks(&f);
  u64(&f, (uint64_t)1 << 60);
  u64(&f, 1);
  u32(&f, 0); u32(&f, 0); u64(&f, 1);
  u64(&f, 16); u64(&f, (uint64_t)1 << 60);
  u32(&f, 1);
  seal(&f);
  try_load("2^60 traces", f.bytes, f.size);
  // CHECK-NEXT: 2^60 traces: NULL EILSEQ BAD: corrupted: 1152921504606846976 traces claimed, more than this process can hold (384307168202282325)

  begin(&f);
  strings_and_tracebacks(&f);
  u64(&f, 0);
  u64(&f, (uint64_t)1 << 60);
  u32(&f, 1);
  seal(&f);
  try_load("2^60 groups", f.bytes, f.size);
  // CHECK-NEXT: 2^60 groups: NULL EILSEQ BAD: corrupted: 1152921504606846976 trace groups claimed but only 4 bytes are left

  begin(&f);
  strings_and_tracebacks(&f);
  u64(&f, 1);
  u64(&f, 1);
  u32(&f, 0); u32(&f, 0); u64(&f, (uint64_t)1 << 60);
  u64(&f, 16); u64(&f, 1);
  u32(&f, 1);
  seal(&f);
  try_load("2^60 runs", f.bytes, f.size);
  // CHECK-NEXT: 2^60 runs: NULL EILSEQ BAD: corrupted: trace group 0 claims 1152921504606846976 sizes but only 20 bytes are left

  begin(&f);
  u64(&f, 1);
  str(&f, "x.c");
  u64(&f, 1);
  u32(&f, 0xffffffff); u32(&f, 0xffffffff);
  u64(&f, 0); u64(&f, 0); u32(&f, 1);
  seal(&f);
  try_load("2^32 frames", f.bytes, f.size);
  // CHECK-NEXT: 2^32 frames: NULL EILSEQ BAD: corrupted: traceback 0 claims 4294967295 frames but only 20 bytes are left

  begin(&f);
  u64(&f, 1);
  str(&f, "x.c");
  u64(&f, 1);
  u32(&f, 1); u32(&f, 1);
  u32(&f, 0); u32(&f, 1); u32(&f, 5);
  u64(&f, 0); u64(&f, 0); u32(&f, 1);
  seal(&f);
  try_load("string index", f.bytes, f.size);
  // CHECK-NEXT: string index: NULL EILSEQ BAD: corrupted: frame 0 of traceback 0 names string 5, there are 1

  begin(&f);
  strings_and_tracebacks(&f);
  u64(&f, 1);
  u64(&f, 1);
  u32(&f, 0); u32(&f, 2); u64(&f, 1);
  u64(&f, 16); u64(&f, 1);
  u32(&f, 1);
  seal(&f);
  try_load("traceback index", f.bytes, f.size);
  // CHECK-NEXT: traceback index: NULL EILSEQ BAD: corrupted: trace group 0 names traceback 2, there are 2

  begin(&f);
  strings_and_tracebacks(&f);
  u64(&f, 3);
  u64(&f, 1);
  u32(&f, 0); u32(&f, 0); u64(&f, 1);
  u64(&f, 16); u64(&f, 2);
  u32(&f, 1);
  seal(&f);
  try_load("runs short", f.bytes, f.size);
  // CHECK-NEXT: runs short: NULL EILSEQ BAD: corrupted: the trace groups hold 2 traces, 3 claimed

  begin(&f);
  u64(&f, 1);
  u32(&f, 3);
  memcpy(f.bytes + f.size, "a\0b", 3);
  f.size += 3;
  u64(&f, 0); u64(&f, 0); u64(&f, 0); u32(&f, 1);
  seal(&f);
  try_load("NUL", f.bytes, f.size);
  // CHECK-NEXT: NUL: NULL EILSEQ BAD: corrupted: string 0 contains a NUL byte

  begin(&f);
  u64(&f, 0); u64(&f, 0); u64(&f, 0); u64(&f, 0);
  u32(&f, 70000);
  seal(&f);
  try_load("limit", f.bytes, f.size);
  // CHECK-NEXT: limit: NULL EILSEQ BAD: corrupted: traceback limit 70000 is out of range (at most 65535)

  begin(&f);
  u64(&f, 0); u64(&f, 0); u64(&f, 0); u64(&f, 0);
  u32(&f, 1); u32(&f, 0);
  seal(&f);
  try_load("after the limit", f.bytes, f.size);
  // CHECK-NEXT: after the limit: NULL EILSEQ BAD: corrupted: 4 bytes after the traceback limit

  begin(&f);
  u64(&f, 0); u64(&f, 0); u64(&f, 0); u64(&f, 0);
  u32(&f, 1);
  seal(&f);
  s = try_load("empty snapshot", f.bytes, f.size);
  // CHECK-NEXT: empty snapshot: loaded 0
  printf("traces=%zu\n", tm_snapshot_trace_count(s));
  // CHECK-NEXT: traces=0
  tm_snapshot_free(s);

  /* Version 2: a timeline, no process section. */
  begin(&f);
  u64(&f, 0); u64(&f, 0); u64(&f, 0); u64(&f, 0);
  u32(&f, 1);
  u64(&f, 1);
  u64(&f, 5000); u64(&f, 64); u64(&f, 128);
  seal_as(&f, 2);
  s = try_load("version 2", f.bytes, f.size);
  // CHECK-NEXT: version 2: loaded 0
  print_process(s);
  // CHECK-NEXT: program="" pid=0 time=0 start=0
  tm_snapshot_free(s);
  u32(&f, 0);
  seal_as(&f, 2);
  try_load("after the timeline", f.bytes, f.size);
  // CHECK-NEXT: after the timeline: NULL EILSEQ BAD: corrupted: 4 bytes after the timeline

  /* Version 3: the process section, in any order, with a field of a later
   * version that is skipped. */
  up_to_process(&f);
  u64(&f, 5);
  number_field(&f, TM_DUMP_FIELD_START, 1700000000000000000);
  u32(&f, 99); str(&f, "new");                  /* a later version's */
  u32(&f, TM_DUMP_FIELD_PROGRAM);
  str(&f, "/usr/bin/app");
  number_field(&f, TM_DUMP_FIELD_PID, 4242);
  number_field(&f, TM_DUMP_FIELD_TIME, 1700000000123456789);
  seal_as(&f, 3);
  s = try_load("version 3", f.bytes, f.size);
  // CHECK-NEXT: version 3: loaded 0
  print_process(s);
  // CHECK-NEXT: program="/usr/bin/app" pid=4242 time=1700000000123456789 start=1700000000000000000
  tm_snapshot_free(s);

  up_to_process(&f);
  u64(&f, 1);
  number_field(&f, TM_DUMP_FIELD_PID, 7);
  seal_as(&f, 3);
  s = try_load("pid only", f.bytes, f.size);
  // CHECK-NEXT: pid only: loaded 0
  print_process(s);
  // CHECK-NEXT: program="" pid=7 time=0 start=0
  tm_snapshot_free(s);

  up_to_process(&f);
  u64(&f, (uint64_t)1 << 60);
  number_field(&f, TM_DUMP_FIELD_PID, 7);
  seal_as(&f, 3);
  try_load("2^60 fields", f.bytes, f.size);
  // CHECK-NEXT: 2^60 fields: NULL EILSEQ BAD: corrupted: 1152921504606846976 process fields claimed but only 16 bytes are left

  up_to_process(&f);
  u64(&f, 1);
  u32(&f, TM_DUMP_FIELD_PROGRAM); u32(&f, 100); u32(&f, 0);
  seal_as(&f, 3);
  try_load("long field", f.bytes, f.size);
  // CHECK-NEXT: long field: NULL EILSEQ BAD: corrupted: process field 0 runs past the end of the payload

  up_to_process(&f);
  u64(&f, 1);
  u32(&f, TM_DUMP_FIELD_TIME); u32(&f, 4); u32(&f, 1);
  seal_as(&f, 3);
  try_load("short number", f.bytes, f.size);
  // CHECK-NEXT: short number: NULL EILSEQ BAD: corrupted: process field 0 (tag 3) has 4 bytes, not 8

  up_to_process(&f);
  u64(&f, 2);
  number_field(&f, TM_DUMP_FIELD_PID, 7);
  number_field(&f, TM_DUMP_FIELD_PID, 8);
  seal_as(&f, 3);
  try_load("repeated field", f.bytes, f.size);
  // CHECK-NEXT: repeated field: NULL EILSEQ BAD: corrupted: process field 1 repeats tag 2

  up_to_process(&f);
  u64(&f, 1);
  u32(&f, TM_DUMP_FIELD_PROGRAM); u32(&f, 3);
  memcpy(f.bytes + f.size, "a\0b", 3);
  f.size += 3;
  seal_as(&f, 3);
  try_load("NUL in the program", f.bytes, f.size);
  // CHECK-NEXT: NUL in the program: NULL EILSEQ BAD: corrupted: the program's path contains a NUL byte

  up_to_process(&f);
  u64(&f, 0);
  u32(&f, 0);
  seal_as(&f, 3);
  try_load("after the process section", f.bytes, f.size);
  // CHECK-NEXT: after the process section: NULL EILSEQ BAD: corrupted: 4 bytes after the process section

  /* The error API: per thread, NULL arguments, unwritable paths. */
  errno = 0;
  printf("dump(NULL)=%d %s %s\n", tm_snapshot_dump(NULL, good_path),
         errno_name(errno), tm_last_error());
  // CHECK-NEXT: dump(NULL)=-1 EINVAL tm_snapshot_dump: the snapshot is NULL
  errno = 0;
  printf("load(NULL)=%p %s %s\n", (void *)tm_snapshot_load(NULL),
         errno_name(errno), tm_last_error());
  // CHECK-NEXT: load(NULL)=(nil) EINVAL tm_snapshot_load: the path is NULL
  snprintf(bad, sizeof bad, "%s/no/such/dir/x.dump", dir);
  errno = 0;
  printf("dump(no dir)=%d %s %s\n", tm_snapshot_dump(snap, bad),
         errno_name(errno), message());
  // CHECK-NEXT: dump(no dir)=-1 ENOENT BAD: cannot create: No such file or directory
  pthread_t t;
  pthread_create(&t, NULL, thread_error, NULL);
  pthread_join(t, NULL);
  // CHECK-NEXT: other thread: ""
  // CHECK-NEXT: other thread: ": cannot open: No such file or directory"
  printf("this thread: %s\n", message());
  // CHECK-NEXT: this thread: BAD: cannot create: No such file or directory
  tm_snapshot_free(snap);
  for (int i = 0; i < 4; i++)
    free(blocks[i]);
  return 0;
}
