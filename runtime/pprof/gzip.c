/* gzip members of stored blocks (gzip.h). */
#include "gzip.h"

#include <stdint.h>

/* The most bytes a stored block holds: its length is 16 bits. */
#define STORED_BLOCK_MAX 65535u

/* CRC-32 of ISO 3309, as gzip's trailer has it. */
static uint32_t crc32_of(const unsigned char *data, size_t len) {
  uint32_t table[256];
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++)
      c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  uint32_t crc = 0xffffffffu;
  for (size_t i = 0; i < len; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc ^ 0xffffffffu;
}

static void put_le32(tm_pb_buf *out, uint32_t v) {
  unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                        (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
  tm_pb_raw(out, b, sizeof b);
}

void tm_gzip_store(tm_pb_buf *out, const unsigned char *data, size_t len) {
  /* ID1 ID2, CM deflate, no flags, no time, no extra flags, OS Unix. */
  static const unsigned char header[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
  tm_pb_raw(out, header, sizeof header);
  size_t done = 0;
  do {
    size_t n = len - done > STORED_BLOCK_MAX ? STORED_BLOCK_MAX : len - done;
    /* BFINAL, BTYPE 00 (stored), then the rest of the byte skipped; LEN
     * and its complement NLEN, little-endian. */
    unsigned char block[5] = {done + n == len, (unsigned char)n,
                              (unsigned char)(n >> 8), (unsigned char)~n,
                              (unsigned char)(~n >> 8)};
    tm_pb_raw(out, block, sizeof block);
    tm_pb_raw(out, n ? data + done : data, n);
    done += n;
  } while (done < len);
  put_le32(out, crc32_of(data, len));
  put_le32(out, (uint32_t)len); /* ISIZE: the length modulo 2^32 */
}
