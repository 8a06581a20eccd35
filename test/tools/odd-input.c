// RUN: rm -rf %t.d && mkdir %t.d && cd %t.d && umask 022
// RUN: %tmcc -O1 -I%srcroot/runtime -I%inputs %s -o %t && %t normal.dump big.dump
// Two blocks of 2^63 bytes add up to 2^64 - 1 (the sums saturate, and a
// difference stops at 2^63 - 1), never to 0:
// RUN: %tmreport top big.dump | FileCheck %s --check-prefix=BIG
// RUN: %tmreport info big.dump | FileCheck %s --check-prefix=BIG-INFO
// RUN: %tmreport diff normal.dump big.dump | FileCheck %s --check-prefix=BIG-DIFF
// RUN: %tmreport flamegraph big.dump -o - | FileCheck %s --check-prefix=BIG-SVG
// A FIFO without a writer, /dev/zero: an error at once, never a wait or a
// gigabyte read; a pipe is read (up to the size its header claims):
// RUN: mkfifo fifo
// RUN: not timeout 10 %tmreport top fifo 2>&1 | FileCheck %s --check-prefix=FIFO
// RUN: not timeout 10 %tmreport info fifo 2>&1 | FileCheck %s --check-prefix=FIFO
// RUN: not timeout 10 %tmreport top /dev/zero 2>&1 | FileCheck %s --check-prefix=ZERO
// RUN: cat normal.dump | %tmreport top /dev/stdin | FileCheck %s --check-prefix=TOP
// -o - and -o /dev/stdout write to standard output and create or replace
// nothing; -o /dev/full is an error and leaves the device:
// RUN: %tmreport flamegraph normal.dump -o - | FileCheck %s --check-prefix=SVG
// RUN: test ! -e ./-
// RUN: %tmreport flamegraph normal.dump -o /dev/stdout | FileCheck %s --check-prefix=SVG
// RUN: %tmreport flamegraph normal.dump -o /dev/stdout > redirected.svg
// RUN: FileCheck %s --check-prefix=SVG --input-file=redirected.svg
// RUN: test -L /dev/stdout
// RUN: not %tmreport flamegraph normal.dump -o /dev/full 2>&1 | FileCheck %s --check-prefix=FULL
// RUN: test -c /dev/full
// A new report is 0666 minus the umask, a replaced one keeps its mode:
// RUN: %tmreport flamegraph normal.dump -o new.svg && stat -c %%a new.svg | FileCheck %s --check-prefix=NEW
// RUN: chmod 600 new.svg && %tmreport html normal.dump -o new.svg && stat -c %%a new.svg | FileCheck %s --check-prefix=KEPT
// RUN: ls | FileCheck %s --check-prefix=FILES --implicit-check-not=tmp
//
// BIG: big.c:7: size=16777216 TiB, count=2, average=8388608 TiB
// BIG-INFO: size: 18446744073709551615 B
// BIG-DIFF: big.c:7: size=16777216 TiB (+8388608 TiB), count=2 (+2), average=8388608 TiB
// BIG-SVG: <title>all
// BIG-SVG-NEXT: 18446744073709551615 bytes, 2 blocks, 100.00%</title>
// FIFO: tmreport: error: fifo: empty file, not a tracemalloc snapshot dump
// ZERO: tmreport: error: /dev/zero: not a tracemalloc snapshot dump (wrong magic bytes)
// TOP: odd-input.c:88: size=100 B, count=1, average=100 B
// SVG: <?xml version="1.0" standalone="no"?>
// SVG: </svg>
// FULL: tmreport: error: /dev/full: cannot write: No space left on device
// NEW: 644
// KEPT: 600
// FILES: big.dump
// FILES: new.svg
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>

#include "dump_checksum.h"

static unsigned char bytes[256];
static size_t size = TM_DUMP_HEADER_SIZE;

static void u32(uint32_t v) {
  dump_set_le(bytes + size, v, 4);
  size += 4;
}

static void u64(uint64_t v) {
  dump_set_le(bytes + size, v, 8);
  size += 8;
}

static void str(const char *s) {
  u32((uint32_t)strlen(s));
  memcpy(bytes + size, s, strlen(s));
  size += strlen(s);
}

/* Format version 1 (docs/format.md): one traceback, big.c:7 in grow(),
 * and two blocks of 2^63 bytes in domain 5. */
static void write_big(const char *path) {
  u64(2), str("big.c"), str("grow");
  u64(1), u32(1), u32(1), u32(0), u32(7), u32(1);
  u64(2), u64(1), u32(5), u32(0), u64(1), u64((uint64_t)1 << 63), u64(2);
  u32(1);
  dump_fix_header(bytes, size, 1);
  FILE *f = fopen(path, "wb");
  fwrite(bytes, 1, size, f);
  fclose(f);
}

int main(int argc, char **argv) {
  tm_start(1);
  void *volatile block = malloc(100);
  tm_snapshot *s = tm_take_snapshot();
  tm_stop();
  int r = tm_snapshot_dump(s, argv[1]);
  tm_snapshot_free(s);
  free(block);
  write_big(argv[2]);
  return r;
}
