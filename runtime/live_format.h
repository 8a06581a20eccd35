/*
 * The live file (docs/format.md, "The live file"): the user-space
 * /proc/allocinfo.  While a process traces, the runtime keeps its
 * counters in $TRACEMALLOC_LIVE_DIR/tracemalloc-<pid>.live, a file mapped
 * shared, so that a reader outside (tmtop) sums them without locks,
 * without a signal and without the process's help, and finds them there,
 * complete up to its last allocation, after the process was killed.
 *
 * The counters are the live-block table's own (trace_table.h): each
 * thread's heap counts in a table of the file, which only that thread
 * writes; the file adds nothing to an allocation.  A reader sums the
 * heaps' tables (the shards), the retired allocations and the blocks
 * traced by address, then maps trace ids to sites.
 *
 * Integers are the machine's own (the file is read where it is written),
 * every field naturally aligned.  A reader checks the magic, the version
 * and the header's size, and that every region lies inside the file,
 * before it reads anything else.
 */
#ifndef TM_LIVE_FORMAT_H
#define TM_LIVE_FORMAT_H

#include <stdint.h>

/* "TMLIVE", a format byte, a newline. */
#define TM_LIVE_MAGIC "TMLIVE\x01\n"
#define TM_LIVE_MAGIC_SIZE 8
#define TM_LIVE_VERSION 1

/* The file of process PID: TM_LIVE_PREFIX "<pid>" TM_LIVE_SUFFIX. */
#define TM_LIVE_PREFIX "tracemalloc-"
#define TM_LIVE_SUFFIX ".live"
#define TM_LIVE_DEFAULT_DIR "/dev/shm"

/*
 * Where a table or a log lies in the file.  The writer makes `seq` odd,
 * moves or grows the region, then makes it even again; a reader reads
 * `seq`, the region, and `seq` again, and retries when it was odd or
 * changed.  Counters inside a region change under the reader's eyes
 * (8-byte fields, each read whole): the sum is one moment's only when
 * nothing allocates.
 */
typedef struct tm_live_region {
  uint64_t seq;
  uint64_t offset;   /* from the file's start; 0: nothing yet */
  uint64_t capacity; /* entries of a table; bytes of a log */
  uint64_t used;     /* bytes of a log written (published last) */
} tm_live_region;

/* The header, at offset 0. */
typedef struct tm_live_header {
  char magic[TM_LIVE_MAGIC_SIZE];
  uint32_t version;
  uint32_t header_size;    /* sizeof(tm_live_header) */
  uint64_t file_size;      /* the bytes of the file the regions may use */
  uint64_t pid;
  uint64_t start_ns;       /* CLOCK_REALTIME, ns since the epoch: when
                              tracing started, or its traces were cleared */
  uint64_t generation;     /* counts clears and stops: a reader that sees it
                              change starts its rates again */
  uint32_t tracing;        /* 0 once tracing stopped */
  uint32_t nframe;         /* the traceback limit */
  int64_t peak;            /* the peak of traced bytes, as of the last
                              time a heap reported its bytes */
  uint64_t lost;           /* tables and records the file had no room
                              for: its figures miss what they hold */
  tm_live_region shards;   /* the directory: a table of tm_live_region, one
                              per heap (entry 0 unused), each a table of
                              tm_live_count */
  tm_live_region sites;    /* a log of tm_live_site records */
  tm_live_region stacks;   /* a log of tm_live_stack records */
  tm_live_region retired;  /* a table of tm_live_retired */
  tm_live_region domains;  /* a table of tm_live_domain */
  char program[256];       /* /proc/self/exe, NUL-terminated, cut */
} tm_live_header;

/*
 * A heap's count: blocks of one (trace, size) that this heap's thread
 * counted in minus those it counted out (another thread's frees make it
 * negative), and the allocations it counted since tracing started.
 * key 0: an empty entry; otherwise TM_LIVE_KEY_USED | packed << 12 | size,
 * size the bytes asked for (below 4096: larger blocks are in `domains`).
 */
typedef struct tm_live_count {
  uint64_t key;
  int64_t blocks;
  uint64_t allocs;
} tm_live_count;

#define TM_LIVE_KEY_USED (1ull << 32)
#define TM_LIVE_KEY_SIZE_BITS 12
/* A packed trace: a site id, or with this bit a stack's index. */
#define TM_LIVE_PACKED_STACK (1u << 19)

/* The allocations of the keys whose blocks all died, which a heap left
 * behind: by packed trace, all sizes together (key: packed + 1). */
typedef struct tm_live_retired {
  uint32_t key; /* 0: an empty entry */
  uint32_t unused;
  uint64_t allocs, bytes;
} tm_live_retired;

/* Blocks traced by address (4 KiB and more; tm_track's domains), by
 * (domain, trace id). */
typedef struct tm_live_domain {
  uint32_t domain;
  uint32_t trace_plus1; /* 0: an empty entry */
  uint64_t allocs, bytes;
  int64_t live_blocks, live_bytes;
} tm_live_domain;

/* A trace id: a site id, or with this bit a stack's id. */
#define TM_LIVE_TRACE_STACK 0x80000000u

/*
 * A site, as the pass recorded it: the record, then file_length bytes of
 * its file, function_length of its function, directory_length of its
 * compilation directory (no NUL), then padding to a multiple of 8.
 */
typedef struct tm_live_site {
  uint32_t id;
  uint32_t line;
  uint16_t kind, flags; /* tm_abi.h: TM_KIND_*, TM_SITE_* */
  uint16_t file_length, function_length;
  uint32_t directory_length;
} tm_live_site;

/* A captured stack: its id (with TM_LIVE_TRACE_STACK) and its site (0:
 * uninstrumented code), the frame the live view charges. */
typedef struct tm_live_stack {
  uint32_t id;
  uint32_t site;
} tm_live_stack;

#endif /* TM_LIVE_FORMAT_H */
