/*
 * tmreport pprof: a dump as a gzipped profile.proto (pprof/profile.h
 * says what is in it), compressed with zlib, which the runtime's endpoint
 * does without.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <zlib.h>

#include "pprof/profile.h"
#include "tmreport.h"

/* When the snapshot was taken, in nanoseconds since 1970; for a dump that
 * does not say (format 1 and 2), its modification time, else now. */
static uint64_t profile_time(const tm_snapshot *snapshot, const char *path) {
  uint64_t taken = tm_snapshot_process(snapshot)->time_ns;
  struct stat st;
  struct timespec ts;
  if (taken)
    return taken;
  if (stat(path, &st) == 0)
    ts = st.st_mtim;
  else
    clock_gettime(CLOCK_REALTIME, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Writes `data` gzipped to `out`; false with errno set on failure. */
static bool write_gzip(FILE *out, const unsigned char *data, size_t len) {
  z_stream z = {0};
  /* 15 + 16: the largest window, with a gzip header and trailer. */
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    errno = ENOMEM;
    return false;
  }
  unsigned char chunk[65536];
  bool ok = true;
  int flush;
  do {
    uInt step = len > (1u << 30) ? (1u << 30) : (uInt)len;
    z.next_in = (unsigned char *)data;
    z.avail_in = step;
    data += step;
    len -= step;
    flush = len ? Z_NO_FLUSH : Z_FINISH;
    do {
      z.next_out = chunk;
      z.avail_out = sizeof chunk;
      if (deflate(&z, flush) == Z_STREAM_ERROR) {
        errno = EIO;
        ok = false;
        break;
      }
      size_t have = sizeof chunk - z.avail_out;
      if (fwrite(chunk, 1, have, out) != have) {
        ok = false;
        break;
      }
    } while (z.avail_out == 0);
  } while (ok && flush != Z_FINISH);
  deflateEnd(&z);
  return ok;
}

int run_pprof(const report_options *options) {
  const char *path = options->dumps[0];
  tm_snapshot *snapshot = load_filtered_snapshot(path, options);
  if (!snapshot)
    return TMREPORT_EXIT_ERROR;
  tm_pb_buf message = {0};
  int status = TMREPORT_EXIT_OK;
  tm_pprof_request request = {.snapshot = snapshot,
                              .time_ns = profile_time(snapshot, path)};
  if (!tm_pprof_encode(&request, &message)) {
    status = report_error("%s: cannot build the profile: %s", path,
                          strerror(errno ? errno : ENOMEM));
  } else {
    output_file out;
    if (!open_output(&out, options->output) ||
        !close_output(&out, write_gzip(out.stream, message.data, message.len)))
      status = TMREPORT_EXIT_ERROR;
  }
  tm_pb_free(&message);
  tm_snapshot_free(snapshot);
  return status;
}
