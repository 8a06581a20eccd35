/* The protocol buffers encoder of protobuf.h. */
#include <stdlib.h>
#include <string.h>

#include "protobuf.h"

enum { WIRE_VARINT = 0, WIRE_LEN = 2 };

void pb_free(pb_buf *buf) {
  free(buf->data);
  *buf = (pb_buf){0};
}

void pb_reset(pb_buf *buf) { buf->len = 0; }

/* Room for `n` more bytes; false (and `failed`) without memory. */
static bool reserve(pb_buf *buf, size_t n) {
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

static void put_varint(pb_buf *buf, uint64_t value) {
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

static void put_key(pb_buf *buf, uint32_t field, unsigned wire_type) {
  put_varint(buf, (uint64_t)field << 3 | wire_type);
}

void pb_uint(pb_buf *buf, uint32_t field, uint64_t value) {
  put_key(buf, field, WIRE_VARINT);
  put_varint(buf, value);
}

void pb_bytes(pb_buf *buf, uint32_t field, const void *data, size_t len) {
  put_key(buf, field, WIRE_LEN);
  put_varint(buf, len);
  if (len && reserve(buf, len)) {
    memcpy(buf->data + buf->len, data, len);
    buf->len += len;
  }
}

void pb_string(pb_buf *buf, uint32_t field, const char *text) {
  pb_bytes(buf, field, text, strlen(text));
}

void pb_packed(pb_buf *buf, uint32_t field, const uint64_t *values,
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

void pb_message(pb_buf *buf, uint32_t field, const pb_buf *message) {
  if (message->failed) {
    buf->failed = true;
    return;
  }
  pb_bytes(buf, field, message->data, message->len);
}

void pb_append(pb_buf *buf, const pb_buf *other) {
  if (other->failed) {
    buf->failed = true;
    return;
  }
  if (other->len && reserve(buf, other->len)) {
    memcpy(buf->data + buf->len, other->data, other->len);
    buf->len += other->len;
  }
}
