/*
 * The live file (live_file.c, layout in live_format.h): the runtime's side,
 * and its reader (live_load.c).
 */
#ifndef TM_LIVE_H
#define TM_LIVE_H

#include "internal.h"
#include "live_format.h"

#pragma GCC visibility push(hidden)

/* TRACEMALLOC_LIVE, TRACEMALLOC_LIVE_DIR (NULL: /dev/shm) and
 * TRACEMALLOC_LIVE_KEEP, at start-up. */
void tm_live_configure(bool enabled, const char *dir, bool keep);

/* Makes the file, unless there is one or it is off; from tm_start(),
 * before tracing starts, so that every table of the heaps is in it.
 * start_ns: when tracing started (CLOCK_REALTIME). */
void tm_live_start(uint64_t start_ns);
/* Tracing started or stopped, with that traceback limit. */
void tm_live_note_tracing(bool tracing, int nframe);
/* Every trace was forgotten (tm_clear_traces, tm_stop): the counters
 * start again at start_ns. */
void tm_live_note_cleared(uint64_t start_ns);
/* A heap reported its bytes and the peak is this. */
void tm_live_note_peak(int64_t peak);
/* exit() and _exit(): removes the file unless TRACEMALLOC_LIVE_KEEP=1.
 * exec: removes it whatever (the next program of the pid would find it),
 * and after a failed exec the next report makes a new one. */
void tm_live_before_exit(void);
void tm_live_before_exec(void);
void tm_live_after_failed_exec(void);

/* Zeroed memory for a table: the file's while there is one, tm_map()'s
 * otherwise.  Freed by tm_live_unmap, whichever it was. */
void *tm_live_map(size_t bytes);
void tm_live_unmap(void *p, size_t bytes);

/* Publishes a table (NULL: none) of `capacity` entries for the readers:
 * heap `index`'s counts, the retired allocations, the blocks traced by
 * address.  A table of tm_map()'s memory is published as none.  Nothing
 * without a file. */
void tm_live_publish_shard(unsigned index, const void *table,
                           uint64_t capacity);
void tm_live_publish_retired(const void *table, uint64_t capacity);
void tm_live_publish_domains(const void *table, uint64_t capacity);

/* A site registered, a stack stored: logged for the readers. */
void tm_live_add_site(uint32_t id, const tm_site_info *info);
void tm_live_add_stack(uint32_t id, uint32_t site);

/* Bytes of the file mapped: the runtime's memory too. */
size_t tm_live_mapped_bytes(void);

/* fork(): the lock, and the child's own file. */
void tm_live_lock(void);
void tm_live_unlock(void);
void tm_live_before_fork(void);
void tm_live_after_fork_parent(void);
void tm_live_after_fork_child(void);
/* Whether the counters are in memory no file shows and should be given a
 * file (a forked child): the next report of a heap asks
 * tm_live_make_own(), once its heap is left. */
bool tm_live_wanted(void);
void tm_live_make_own(void);

/* The live file open at fd (not closed), read as a snapshot: its sites'
 * lines, one frame each; NULL with tm_set_error().  `path` names it in
 * messages. */
tm_snapshot *tm_live_load(int fd, const char *path);

#pragma GCC visibility pop

#endif /* TM_LIVE_H */
