/* tmreport info: what a dump or a live file holds, in numbers, and whose
 * it is. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dump_format.h"
#include "live_format.h"
#include "saturate.h"
#include "tmreport.h"

/* The format and version of the file's header.  Read after
 * tm_snapshot_load() accepted the file, so the header is known to be
 * whole; the snapshot API does not carry the version, the file does. */
static bool read_format_version(const char *path, dump_info *info) {
  unsigned char header[TM_DUMP_VERSION_OFFSET + 4];
  _Static_assert(TM_LIVE_MAGIC_SIZE + 4 <= sizeof header,
                 "a live file's version fits in the bytes read");
  /* O_NONBLOCK: a FIFO whose writer has gone must not wait for another
   * (its read then ends at once). */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  FILE *file = fd >= 0 ? fdopen(fd, "rb") : NULL;
  if (!file) {
    int err = errno;
    if (fd >= 0)
      close(fd);
    report_error("%s: cannot open: %s", path, strerror(err));
    return false;
  }
  size_t got = fread(header, 1, sizeof header, file);
  fclose(file);
  info->live = got == sizeof header &&
               memcmp(header, TM_LIVE_MAGIC, TM_LIVE_MAGIC_SIZE) == 0;
  if (info->live) {
    /* The live file's integers are the machine's own. */
    memcpy(&info->format_version, header + TM_LIVE_MAGIC_SIZE, 4);
    return true;
  }
  if (got != sizeof header ||
      memcmp(header, TM_DUMP_MAGIC, TM_DUMP_MAGIC_SIZE) != 0) {
    report_error("%s: changed while it was read", path);
    return false;
  }
  const unsigned char *v = header + TM_DUMP_VERSION_OFFSET;
  info->format_version = (uint32_t)v[0] | (uint32_t)v[1] << 8 |
                         (uint32_t)v[2] << 16 | (uint32_t)v[3] << 24;
  return true;
}

/* How many distinct keys the blocks of `snapshot` have by `key`, or (size_t)-1 after
 * reporting the error. */
static size_t count_keys(const tm_snapshot *snapshot, tm_key key,
                         const char *path) {
  tm_stats *stats = top_statistics(snapshot, path, key, false);
  if (!stats)
    return (size_t)-1;
  size_t n = tm_stats_count(stats);
  tm_stats_free(stats);
  return n;
}

bool read_dump_info(const char *path, const tm_snapshot *snapshot,
                    dump_info *info) {
  const tm_process *process = tm_snapshot_process(snapshot);
  *info = (dump_info){.traceback_limit =
                          tm_snapshot_traceback_limit(snapshot),
                      .blocks = tm_snapshot_trace_count(snapshot),
                      .pid = process->pid,
                      .time_ns = process->time_ns,
                      .start_ns = process->start_ns};
  snprintf(info->program, sizeof info->program, "%s", process->program);
  for (size_t i = 0; i < info->blocks; i++)
    info->size = tm_add_saturated(info->size,
                                  tm_snapshot_trace(snapshot, i)->size);
  for (size_t i = 0; i < tm_snapshot_allocated_count(snapshot); i++) {
    const tm_allocated *a = tm_snapshot_allocated(snapshot, i);
    info->allocations = tm_add_saturated(info->allocations, a->count);
    info->allocated = tm_add_saturated(info->allocated, a->size);
  }
  bool known = read_format_version(path, info);
  info->has_allocated =
      info->live || info->format_version >= TM_DUMP_ALLOCATED_SINCE;
  return known &&
         (info->tracebacks = count_keys(snapshot, TM_KEY_TRACEBACK, path)) !=
             (size_t)-1 &&
         (info->sites = count_keys(snapshot, TM_KEY_LINENO, path)) !=
             (size_t)-1;
}

/* A field holding a wall-clock time in ns since the epoch, as a local date
 * to the nanosecond as Go's time.Time prints it (and so pprof -raw):
 * "2024-05-01 14:03:07.123456789 +0200 CEST"; "unknown" for 0. */
static void date_field(info_field *field, const char *label, uint64_t ns) {
  time_t seconds = (time_t)(ns / 1000000000u);
  struct tm local;
  char date[64], zone[64];
  field->label = label;
  if (!ns)
    snprintf(field->value, sizeof field->value, "unknown");
  else if (!localtime_r(&seconds, &local) ||
           !strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", &local) ||
           !strftime(zone, sizeof zone, "%z %Z", &local))
    /* Beyond what the C library can convert: a damaged or crafted dump. */
    snprintf(field->value, sizeof field->value, "%" PRIu64 " ns since the "
             "epoch", ns);
  else
    snprintf(field->value, sizeof field->value, "%s.%09u %s", date,
             (unsigned)(ns % 1000000000u), zone);
}

/* A field holding a number and its unit, or "unknown". */
static void number_field(info_field *field, const char *label,
                         unsigned long long value, const char *unit,
                         bool known) {
  field->label = label;
  if (known)
    snprintf(field->value, sizeof field->value, "%llu%s", value, unit);
  else
    snprintf(field->value, sizeof field->value, "unknown");
}

void dump_info_fields(const dump_info *info,
                      info_field fields[DUMP_INFO_NFIELD]) {
  info_field *f = fields;
  number_field(f++, "format version", info->format_version,
               info->live ? " (live file)" : "", true);
  f->label = "program";
  snprintf(f->value, sizeof f->value, "%s",
           info->program[0] ? info->program : "unknown");
  f++;
  number_field(f++, "pid", info->pid, "", info->pid != 0);
  date_field(f++, "time", info->time_ns);
  date_field(f++, "tracing since", info->start_ns);
  number_field(f++, "traceback limit",
               (unsigned long long)info->traceback_limit, "", true);
  number_field(f++, "blocks", info->blocks, "", true);
  number_field(f++, "size", info->size, " B", true);
  number_field(f++, "distinct tracebacks", info->tracebacks, "", true);
  number_field(f++, "allocation sites", info->sites, "", true);
  number_field(f++, "allocations since start", info->allocations, "",
               info->has_allocated);
  number_field(f++, "allocated since start", info->allocated, " B",
               info->has_allocated);
}

int run_info(const report_options *options) {
  const char *path = options->dumps[0];
  tm_snapshot *snapshot = load_filtered_snapshot(path, options);
  if (!snapshot)
    return TMREPORT_EXIT_ERROR;
  dump_info info;
  bool read = read_dump_info(path, snapshot, &info);
  tm_snapshot_free(snapshot);
  if (!read)
    return TMREPORT_EXIT_ERROR;
  info_field fields[DUMP_INFO_NFIELD];
  dump_info_fields(&info, fields);
  fputs("file: ", stdout);
  put_text(stdout, path, false);
  for (size_t i = 0; i < DUMP_INFO_NFIELD; i++) {
    printf("\n%s: ", fields[i].label);
    put_text(stdout, fields[i].value, false);
  }
  putchar('\n');
  return TMREPORT_EXIT_OK;
}
