/* get_object_traceback() and Traceback.format() of Lib/tracemalloc.py. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domains.h"
#include "stack_depot.h"
#include "trace_table.h"

/* The trace id of a block of the malloc family: through its tag, or in
 * the address table where blocks without one are traced. */
static bool heap_block_trace(void *p, uint32_t *trace) {
  if (tm_bootstrap_owns(p))
    return false;
  if (!atomic_load_explicit(&tm_global.sanitizer_allocator,
                            memory_order_relaxed)) {
    unsigned char *place = tm_tag_place(p);
    uint32_t payload;
    if (place && tm_tag_read(p, place, &payload)) {
      *trace = tm_tag_payload_trace(payload);
      return true;
    }
    if (place && !atomic_load_explicit(&tm_global.small_blocks_by_address,
                                       memory_order_relaxed))
      return false;
  }
  return tm_domains_trace_of(0, (uintptr_t)p, trace);
}

TM_EXPORT const tm_traceback *tm_get_object_traceback(const void *ptr) {
  uint32_t trace;
  if (!ptr || !tm_is_tracing() || !heap_block_trace((void *)ptr, &trace))
    return NULL;
  return tm_trace_traceback(trace);
}

/* linecache.getline(filename, lineno).strip() into buf: "" when the file
 * or the line cannot be read. */
static void source_line(const char *filename, unsigned lineno, char *buf,
                        size_t len) {
  buf[0] = '\0';
  FILE *f = lineno ? fopen(filename, "r") : NULL;
  if (!f)
    return;
  char *line = NULL;
  size_t capacity = 0;
  ssize_t n = 0;
  for (unsigned i = 0; i < lineno && (n = getline(&line, &capacity, f)) >= 0; i++)
    ;
  fclose(f);
  if (n > 0) {
    const char *start = line, *end = line + n;
    while (start < end && strchr(" \t\n\r\f\v", *start))
      start++;
    while (end > start && strchr(" \t\n\r\f\v", end[-1]))
      end--;
    snprintf(buf, len, "%.*s", (int)(end - start), start);
  }
  free(line);
}

/* Appends to buf as snprintf would, keeping the whole length in *total. */
static __attribute__((format(printf, 4, 5))) void
append(char *buf, size_t len, size_t *total, const char *fmt, ...) {
  size_t used = *total < len ? *total : len;
  va_list ap;
  va_start(ap, fmt);
  int w = vsnprintf(len ? buf + used : NULL, len ? len - used : 0, fmt, ap);
  va_end(ap);
  if (w > 0)
    *total += (size_t)w;
}

TM_EXPORT int tm_traceback_format(const tm_traceback *tb, int limit,
                                  bool most_recent_first, char *buf,
                                  size_t len) {
  if (!tb || (!buf && len)) {
    errno = EINVAL;
    return -1;
  }
  /* Python: self[-limit:] for limit > 0, self[:limit] for limit < 0 (which
   * drops the -limit most recent frames), everything for None (0 here). */
  size_t first = 0, end = tb->nframe;
  if (limit > 0 && (size_t)limit < tb->nframe)
    first = tb->nframe - (size_t)limit;
  else if (limit < 0)
    end = (size_t)-limit < tb->nframe ? tb->nframe - (size_t)-limit : 0;

  tm_enter(); /* fopen and getline allocate */
  if (len)
    buf[0] = '\0';
  size_t total = 0;
  char line[1024];
  for (size_t k = first; k < end; k++) {
    const tm_frame *frame =
        &tb->frames[most_recent_first ? end - 1 - (k - first) : k];
    append(buf, len, &total, "  File \"%s\", line %u\n", frame->filename,
           frame->lineno);
    source_line(frame->filename, frame->lineno, line, sizeof line);
    if (line[0])
      append(buf, len, &total, "    %s\n", line);
  }
  tm_leave();
  return total > (size_t)INT32_MAX ? INT32_MAX : (int)total;
}
