/*
 * One read of a live file: see live_view.h.  The heap comes from the
 * runtime's reader (tm_snapshot_load() reads a live file as a snapshot);
 * what a snapshot has no place for (tracing or not, the peak, the
 * generation) is read from the header once the reader accepted the file.
 */
#define _GNU_SOURCE
#include "live_view.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tracemalloc.h"

int live_open(const char *path, char *err, size_t len) {
  int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    snprintf(err, len, "%s: cannot open: %s", path, strerror(errno));
  } else if (!S_ISREG(st.st_mode)) {
    snprintf(err, len, "%s: not a regular file", path);
  } else if (geteuid() != 0 && st.st_uid != geteuid()) {
    snprintf(err, len, "%s: not yours: it belongs to user %ld", path,
             (long)st.st_uid);
  } else {
    return fd;
  }
  int saved = errno;
  if (fd >= 0)
    close(fd);
  errno = saved;
  return -1;
}

/* By file (the interned pointer) and line: the order of by_key. */
static int by_key(const live_line *x, const live_line *y) {
  if (x->file != y->file)
    return x->file < y->file ? -1 : 1;
  return (x->line > y->line) - (x->line < y->line);
}

static int by_key_value(const void *a, const void *b) {
  return by_key(a, b);
}

static int by_key_pointer(const void *a, const void *b) {
  return by_key(*(live_line *const *)a, *(live_line *const *)b);
}

/* Python's order with reverse=True: (size, count, traceback) biggest
 * first. */
static int biggest_first(const void *a, const void *b) {
  const live_line *x = a, *y = b;
  if (x->bytes != y->bytes)
    return x->bytes > y->bytes ? -1 : 1;
  if (x->blocks != y->blocks)
    return x->blocks > y->blocks ? -1 : 1;
  int c = strcmp(y->file, x->file);
  return c ? c : (y->line > x->line) - (y->line < x->line);
}

const live_line *live_find_line(const live_view *v, const live_line *like) {
  live_line *const *found = bsearch(&like, v->by_key, v->nlines,
                                    sizeof *v->by_key, by_key_pointer);
  return found ? *found : NULL;
}

static live_line line_at(const tm_traceback *tb) {
  const tm_frame *f = &tb->frames[tb->nframe - 1];
  return (live_line){.file = f->filename, .function = f->function,
                     .line = f->lineno};
}

/* The live blocks by line (the statistics) and the allocations by line
 * (the totals), merged: a line may have either or both. */
static bool group_lines(const tm_snapshot *snap, live_view *v) {
  tm_stats *stats = tm_snapshot_statistics(snap, TM_KEY_LINENO, false);
  if (!stats)
    return false;
  size_t nstats = tm_stats_count(stats);
  size_t ntotals = tm_snapshot_allocated_count(snap);
  live_line *lines = calloc(nstats + ntotals + 1, sizeof *lines);
  if (!lines) {
    tm_stats_free(stats);
    return false;
  }
  size_t n = 0;
  for (size_t i = 0; i < nstats; i++) {
    const tm_stat *s = tm_stats_get(stats, i);
    lines[n] = line_at(s->traceback);
    lines[n].blocks = s->count;
    lines[n++].bytes = s->size;
  }
  tm_stats_free(stats);
  for (size_t i = 0; i < ntotals; i++) {
    const tm_allocated *a = tm_snapshot_allocated(snap, i);
    lines[n] = line_at(a->traceback);
    lines[n].allocs = a->count;
    lines[n++].allocated = a->size;
  }
  qsort(lines, n, sizeof *lines, by_key_value);
  size_t merged = 0;
  for (size_t i = 0; i < n; i++) {
    live_line *last = merged ? &lines[merged - 1] : NULL;
    if (last && !by_key(last, &lines[i])) {
      last->blocks += lines[i].blocks;
      last->bytes += lines[i].bytes;
      last->allocs += lines[i].allocs;
      last->allocated += lines[i].allocated;
    } else {
      lines[merged++] = lines[i];
    }
  }
  qsort(lines, merged, sizeof *lines, biggest_first);
  v->lines = lines;
  v->nlines = merged;
  v->by_key = malloc((merged + 1) * sizeof *v->by_key);
  if (!v->by_key)
    return false;
  for (size_t i = 0; i < merged; i++) {
    v->by_key[i] = &lines[i];
    v->blocks += lines[i].blocks;
    v->bytes += lines[i].bytes;
  }
  qsort(v->by_key, merged, sizeof *v->by_key, by_key_pointer);
  return true;
}

static bool read_header(int fd, const char *path, live_view *v, char *err,
                        size_t len) {
  tm_live_header h;
  ssize_t n = pread(fd, &h, sizeof h, 0);
  if (n != (ssize_t)sizeof h ||
      memcmp(h.magic, TM_LIVE_MAGIC, TM_LIVE_MAGIC_SIZE) != 0) {
    snprintf(err, len, "%s: changed while it was read", path);
    return false;
  }
  v->pid = h.pid;
  v->generation = __atomic_load_n(&h.generation, __ATOMIC_RELAXED);
  v->lost = h.lost;
  v->peak = h.peak;
  v->tracing = h.tracing != 0;
  memcpy(v->program, h.program, sizeof v->program);
  v->program[sizeof v->program - 1] = '\0';
  return true;
}

bool live_view_read(int fd, const char *path, live_view *v, char *err,
                    size_t len) {
  *v = (live_view){0};
  /* A dump is no live file here, though the loader would read it. */
  char magic[TM_LIVE_MAGIC_SIZE];
  ssize_t n = pread(fd, magic, sizeof magic, 0);
  if (n == (ssize_t)sizeof magic &&
      memcmp(magic, TM_LIVE_MAGIC, TM_LIVE_MAGIC_SIZE) != 0) {
    snprintf(err, len, "%s: not a tracemalloc live file (wrong magic bytes)",
             path);
    return false;
  }
  tm_snapshot *snap = tm_snapshot_load(path);
  if (!snap) {
    /* The loader's message starts with the path already. */
    snprintf(err, len, "%s", tm_last_error());
    return false;
  }
  bool ok = read_header(fd, path, v, err, len);
  if (ok && !group_lines(snap, v)) {
    snprintf(err, len, "%s: no memory for its lines", path);
    ok = false;
  }
  tm_snapshot_free(snap);
  if (!ok)
    live_view_free(v);
  return ok;
}

void live_view_free(live_view *v) {
  free(v->lines);
  free(v->by_key);
  *v = (live_view){0};
}
