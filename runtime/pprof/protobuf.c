/* The protocol buffers encoder of protobuf.h. */
#include <stdlib.h>
#include <string.h>

#include "protobuf.h"

enum { WIRE_VARINT = 0, WIRE_LEN = 2 };

void tm_pb_free(tm_pb_buf *buf) {
  free(buf->data);
  *buf = (tm_pb_buf){0};
}

void tm_pb_reset(tm_pb_buf *buf) { buf->len = 0; }

/* Room for `n` more bytes; false (and `failed`) without memory. */
static bool reserve(tm_pb_buf *buf, size_t n) {
  if (buf->failed)
    return false;
  if (n <= buf->cap - buf->len)
    return true;
  size_t cap = buf->cap ? buf->cap : 256;
  while (cap - buf->len < n) {
    if (cap > SIZE_MAX / 2) {
      buf->failed = true;
      return false;
    }
    cap *= 2;
  }
  unsigned char *data = realloc(buf->data, cap);
  if (!data) {
    buf->failed = true;
    return false;
  }
  buf->data = data;
  buf->cap = cap;
  return true;
}

static void put_varint(tm_pb_buf *buf, uint64_t value) {
  if (!reserve(buf, 10))
    return;
  do {
    unsigned char byte = value & 0x7f;
    value >>= 7;
    buf->data[buf->len++] = byte | (value ? 0x80 : 0);
  } while (value);
}

static size_t varint_size(uint64_t value) {
  size_t n = 1;
  while (value >>= 7)
    n++;
  return n;
}

static void put_key(tm_pb_buf *buf, uint32_t field, unsigned wire_type) {
  put_varint(buf, (uint64_t)field << 3 | wire_type);
}

void tm_pb_uint(tm_pb_buf *buf, uint32_t field, uint64_t value) {
  put_key(buf, field, WIRE_VARINT);
  put_varint(buf, value);
}

void tm_pb_bytes(tm_pb_buf *buf, uint32_t field, const void *data, size_t len) {
  put_key(buf, field, WIRE_LEN);
  put_varint(buf, len);
  tm_pb_raw(buf, data, len);
}

void tm_pb_string(tm_pb_buf *buf, uint32_t field, const char *text) {
  tm_pb_bytes(buf, field, text, strlen(text));
}

void tm_pb_packed(tm_pb_buf *buf, uint32_t field, const uint64_t *values,
                  size_t n) {
  if (n == 0)
    return;
  size_t len = 0;
  for (size_t i = 0; i < n; i++)
    len += varint_size(values[i]);
  put_key(buf, field, WIRE_LEN);
  put_varint(buf, len);
  for (size_t i = 0; i < n; i++)
    put_varint(buf, values[i]);
}

void tm_pb_message(tm_pb_buf *buf, uint32_t field, const tm_pb_buf *message) {
  if (message->failed) {
    buf->failed = true;
    return;
  }
  tm_pb_bytes(buf, field, message->data, message->len);
}

void tm_pb_raw(tm_pb_buf *buf, const void *data, size_t len) {
  if (len && reserve(buf, len)) {
    memcpy(buf->data + buf->len, data, len);
    buf->len += len;
  }
}

void tm_pb_append(tm_pb_buf *buf, const tm_pb_buf *other) {
  if (other->failed)
    buf->failed = true;
  else
    tm_pb_raw(buf, other->data, other->len);
}
