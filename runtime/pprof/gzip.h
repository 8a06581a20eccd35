/*
 * A gzip member (RFC 1952) of deflate's stored blocks (RFC 1951): what
 * pprof, Pyroscope and Parca read, without compression, so that the
 * runtime needs no zlib.  For a profile on a loopback connection, the
 * bytes saved would cost more time than they spare.
 */
#ifndef TM_PPROF_GZIP_H
#define TM_PPROF_GZIP_H

#include <stddef.h>

#include "protobuf.h"

/* `len` bytes of `data` as a gzip member, appended to *out (whose
 * `failed` says whether memory ran out). */
void tm_gzip_store(tm_pb_buf *out, const unsigned char *data, size_t len);

#endif /* TM_PPROF_GZIP_H */
