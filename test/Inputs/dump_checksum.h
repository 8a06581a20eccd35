/*
 * The header of a snapshot dump (docs/format.md), made right for its
 * payload by the tests that write or mutate dumps byte by byte:
 * test/fuzz/Inputs/make_corpus.c, test/fuzz/load_fuzzer.c and
 * test/runtime/dump-load-errors.c.  The checksum is computed here, bit by
 * bit, independently of the runtime's table.  Needs runtime/ (for
 * dump_format.h) and test/Inputs/ on the include path.
 */
#ifndef TM_TEST_DUMP_CHECKSUM_H
#define TM_TEST_DUMP_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dump_format.h"

/* zlib's CRC-32 of p[0..n). */
static inline uint32_t dump_crc32(const unsigned char *p, size_t n) {
  uint32_t crc = 0xffffffff;
  while (n--) {
    crc ^= *p++;
    for (int k = 0; k < 8; k++)
      crc = crc & 1 ? (crc >> 1) ^ 0xedb88320 : crc >> 1;
  }
  return ~crc;
}

/* v as n little-endian bytes at p. */
static inline void dump_set_le(unsigned char *p, uint64_t v, int n) {
  for (int i = 0; i < n; i++)
    p[i] = (unsigned char)(v >> 8 * i);
}

/* Writes the header of the dump in bytes[0..size), size at least
 * TM_DUMP_HEADER_SIZE, as a correct writer of format `version` would for
 * the payload after it: the magic, the version, the payload's CRC-32 and
 * its size. */
static inline void dump_fix_header(unsigned char *bytes, size_t size,
                                   uint32_t version) {
  size_t payload = size - TM_DUMP_HEADER_SIZE;
  memcpy(bytes, TM_DUMP_MAGIC, TM_DUMP_MAGIC_SIZE);
  dump_set_le(bytes + TM_DUMP_VERSION_OFFSET, version, 4);
  dump_set_le(bytes + TM_DUMP_CHECKSUM_OFFSET,
              dump_crc32(bytes + TM_DUMP_HEADER_SIZE, payload), 4);
  dump_set_le(bytes + TM_DUMP_PAYLOAD_SIZE_OFFSET, payload, 8);
}

#endif /* TM_TEST_DUMP_CHECKSUM_H */
