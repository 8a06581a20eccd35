/*
 * A protocol buffers encoder, just enough for profile.proto: varints and
 * length-delimited fields (strings, packed repeated varints, nested
 * messages) appended to a growable buffer.  Nothing is ever decoded.
 * Its memory is malloc's: in the runtime, that of a thread inside it
 * (tm_enter), the real allocator's, untraced.
 */
#ifndef TM_PPROF_PROTOBUF_H
#define TM_PPROF_PROTOBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An encoded message.  A failed allocation sets `failed`; every later call
 * is then a no-op, so callers check once, at the end. */
typedef struct tm_pb_buf {
  unsigned char *data;
  size_t len, cap;
  bool failed;
} tm_pb_buf;

void tm_pb_free(tm_pb_buf *buf);
/* Empties the buffer, keeping its memory (and its failure). */
void tm_pb_reset(tm_pb_buf *buf);

/* Field `field` as a varint (wire type 0).  Zero is written too: proto3
 * readers take it as the default anyway, and callers skip it if they
 * want a smaller file. */
void tm_pb_uint(tm_pb_buf *buf, uint32_t field, uint64_t value);
/* Field `field` as length-delimited bytes (wire type 2). */
void tm_pb_bytes(tm_pb_buf *buf, uint32_t field, const void *data, size_t len);
void tm_pb_string(tm_pb_buf *buf, uint32_t field, const char *text);
/* A packed repeated varint field; nothing for n == 0. */
void tm_pb_packed(tm_pb_buf *buf, uint32_t field, const uint64_t *values,
                  size_t n);
/* A nested message: `message`, length-prefixed. */
void tm_pb_message(tm_pb_buf *buf, uint32_t field, const tm_pb_buf *message);

/* `len` bytes appended as they are: a buffer of bytes that are not a
 * message (gzip.h's output, a text). */
void tm_pb_raw(tm_pb_buf *buf, const void *data, size_t len);

/* The fields of `other` appended as they are: repeated fields encoded
 * elsewhere, in order. */
void tm_pb_append(tm_pb_buf *buf, const tm_pb_buf *other);

#endif /* TM_PPROF_PROTOBUF_H */
