/* tmreport info: what a dump holds, in numbers. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dump_format.h"
#include "tmreport.h"

/* The format version of the file's header.  Read after tm_snapshot_load()
 * accepted the file, so the header is known to be whole; the snapshot API
 * does not carry the version, the file does. */
static bool read_format_version(const char *path, uint32_t *version) {
  unsigned char header[TM_DUMP_VERSION_OFFSET + 4];
  FILE *file = fopen(path, "rb");
  if (!file) {
    report_error("%s: cannot open: %s", path, strerror(errno));
    return false;
  }
  size_t got = fread(header, 1, sizeof header, file);
  fclose(file);
  if (got != sizeof header ||
      memcmp(header, TM_DUMP_MAGIC, TM_DUMP_MAGIC_SIZE) != 0) {
    report_error("%s: changed while it was read", path);
    return false;
  }
  const unsigned char *v = header + TM_DUMP_VERSION_OFFSET;
  *version = (uint32_t)v[0] | (uint32_t)v[1] << 8 | (uint32_t)v[2] << 16 |
             (uint32_t)v[3] << 24;
  return true;
}

/* How many distinct keys the blocks of `snapshot` have by `key`, or (size_t)-1 after
 * reporting the error. */
static size_t count_keys(const tm_snapshot *snapshot, tm_key key,
                         const char *path) {
  tm_stats *stats = tm_snapshot_statistics(snapshot, key, false);
  if (!stats) {
    report_error("%s: cannot compute statistics: %s", path, strerror(errno));
    return (size_t)-1;
  }
  size_t n = tm_stats_count(stats);
  tm_stats_free(stats);
  return n;
}

int run_info(const report_options *options) {
  const char *path = options->dumps[0];
  tm_snapshot *snapshot = load_filtered_snapshot(path, options);
  if (!snapshot)
    return TMREPORT_EXIT_ERROR;
  uint32_t version;
  size_t tracebacks = (size_t)-1, sites = (size_t)-1;
  if (!read_format_version(path, &version) ||
      (tracebacks = count_keys(snapshot, TM_KEY_TRACEBACK, path)) ==
          (size_t)-1 ||
      (sites = count_keys(snapshot, TM_KEY_LINENO, path)) == (size_t)-1) {
    tm_snapshot_free(snapshot);
    return TMREPORT_EXIT_ERROR;
  }
  size_t ntrace = tm_snapshot_trace_count(snapshot);
  unsigned long long total = 0;
  for (size_t i = 0; i < ntrace; i++)
    total += tm_snapshot_trace(snapshot, i)->size;
  printf("file: %s\n", path);
  printf("format version: %u\n", (unsigned)version);
  printf("traceback limit: %d\n", tm_snapshot_traceback_limit(snapshot));
  printf("blocks: %zu\n", ntrace);
  printf("size: %llu B\n", total);
  printf("distinct tracebacks: %zu\n", tracebacks);
  printf("allocation sites: %zu\n", sites);
  tm_snapshot_free(snapshot);
  return TMREPORT_EXIT_OK;
}
