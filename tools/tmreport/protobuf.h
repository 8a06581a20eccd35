/*
 * A protocol buffers encoder, just enough for profile.proto: varints and
 * length-delimited fields (strings, packed repeated varints, nested
 * messages) appended to a growable buffer.  Nothing is ever decoded.
 */
#ifndef TMREPORT_PROTOBUF_H
#define TMREPORT_PROTOBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An encoded message.  A failed allocation sets `failed`; every later call
 * is then a no-op, so callers check once, at the end. */
typedef struct pb_buf {
  unsigned char *data;
  size_t len, cap;
  bool failed;
} pb_buf;

void pb_free(pb_buf *buf);
/* Empties the buffer, keeping its memory (and its failure). */
void pb_reset(pb_buf *buf);

/* Field `field` as a varint (wire type 0).  Zero is written too: proto3
 * readers take it as the default anyway, and callers skip it if they
 * want a smaller file. */
void pb_uint(pb_buf *buf, uint32_t field, uint64_t value);
/* Field `field` as length-delimited bytes (wire type 2). */
void pb_bytes(pb_buf *buf, uint32_t field, const void *data, size_t len);
void pb_string(pb_buf *buf, uint32_t field, const char *text);
/* A packed repeated varint field; nothing for n == 0. */
void pb_packed(pb_buf *buf, uint32_t field, const uint64_t *values,
               size_t n);
/* A nested message: `message`, length-prefixed. */
void pb_message(pb_buf *buf, uint32_t field, const pb_buf *message);

/* The fields of `other` appended as they are: repeated fields encoded
 * elsewhere, in order. */
void pb_append(pb_buf *buf, const pb_buf *other);

#endif /* TMREPORT_PROTOBUF_H */
