/*
 * The snapshot dump file format (docs/format.md): every name and number a
 * writer and a reader must agree on, in one place.  All integers are
 * little-endian and fixed-width.
 *
 *   header   magic[8] version:u32 checksum:u32 payload_size:u64
 *   payload  strings, tracebacks, traces, traceback_limit:u32, since
 *            version 2 the timeline, since version 3 the process section,
 *            since version 4 the allocations (version 5 changes the
 *            tracebacks)
 *
 * A reader checks the magic and then the version before it trusts any
 * other byte: everything after the version belongs to that version.
 */
#ifndef TM_DUMP_FORMAT_H
#define TM_DUMP_FORMAT_H

/* "\x89TMSNAP\n": the high byte catches 7-bit transfers, the newline a
 * text-mode one. */
#define TM_DUMP_MAGIC "\x89" "TMSNAP\n"
#define TM_DUMP_MAGIC_SIZE 8

/* The version this library writes, and the newest it reads.  Version 0 is
 * never written. */
#define TM_DUMP_VERSION 5

/* The version each section that came after version 1 first appears in. */
#define TM_DUMP_TIMELINE_SINCE 2
#define TM_DUMP_PROCESS_SINCE 3
#define TM_DUMP_ALLOCATED_SINCE 4
/* Since version 5 a traceback counts its wrappers after its nframe, and
 * lists their frames after its own. */
#define TM_DUMP_WRAPPERS_SINCE 5

/* ----- header (24 bytes) -------------------------------------------------- */

#define TM_DUMP_VERSION_OFFSET 8       /* u32 */
#define TM_DUMP_CHECKSUM_OFFSET 12     /* u32: CRC-32 (zlib's) of the payload */
#define TM_DUMP_PAYLOAD_SIZE_OFFSET 16 /* u64: bytes after the header */
#define TM_DUMP_HEADER_SIZE 24

/* ----- payload, versions 1 to 5 ------------------------------------------ */

/*
 * strings:     count:u64, then count x { length:u32, bytes[length] }
 *              (no terminator, no NUL inside; each distinct string once)
 * tracebacks:  count:u64, then count x { nframe:u32, total_nframe:u32,
 *              since version 5 nwrapper:u32, (nframe + nwrapper) x frame },
 *              frames oldest first, the wrappers skipped after them
 * frame:       filename:u32, lineno:u32, function:u32 (string indexes)
 * traces:      ntraces:u64 (the sum of the runs' counts), ngroups:u64, then
 *              ngroups x { domain:u32, traceback:u32, nruns:u64,
 *              nruns x { size:u64, count:u64 } }
 * then         traceback_limit:u32
 * version 2:   timeline: count:u64, then count x { time_ns:u64, current:u64,
 *              peak:u64 }, oldest first
 * version 3:   process: count:u64, then count x { tag:u32, length:u32,
 *              value[length] }, the TM_DUMP_FIELD_* below
 * version 4:   allocations: count:u64, then count x { domain:u32,
 *              traceback:u32, count:u64, size:u64 }: what was allocated
 *              since tracing started, by (domain, traceback)
 * and nothing after the last section.
 */
#define TM_DUMP_COUNT_SIZE 8            /* every section's u64 count */
#define TM_DUMP_STRING_MIN_SIZE 4       /* length:u32 of an empty string */
#define TM_DUMP_TRACEBACK_MIN_SIZE 8    /* nframe:u32 total_nframe:u32 */
#define TM_DUMP_FRAME_SIZE 12           /* filename, lineno, function */
#define TM_DUMP_GROUP_MIN_SIZE 16       /* domain:u32 traceback:u32 nruns:u64 */
#define TM_DUMP_RUN_SIZE 16             /* size:u64 count:u64 */
#define TM_DUMP_LIMIT_SIZE 4            /* traceback_limit:u32 */
#define TM_DUMP_TIMELINE_POINT_SIZE 24  /* time_ns, current, peak: u64 */
#define TM_DUMP_FIELD_MIN_SIZE 8        /* tag:u32 length:u32, empty value */
#define TM_DUMP_ALLOCATED_SIZE 24       /* domain, traceback: u32; count,
                                           size: u64 */

/*
 * The process section's fields, by tag.  Each appears at most once, in any
 * order; one the snapshot does not know is left out.  A reader skips a tag
 * it does not know, so that a field can be added without a new version
 * when ignoring it cannot mislead an older reader.
 */
#define TM_DUMP_FIELD_PROGRAM 1 /* bytes: the program's file, no NUL */
#define TM_DUMP_FIELD_PID 2     /* u64: the process id */
#define TM_DUMP_FIELD_TIME 3    /* u64: when the snapshot was taken, wall
                                   clock, ns since the Unix epoch */
#define TM_DUMP_FIELD_START 4   /* u64: when tracing started (or was
                                   cleared), the same clock: the timeline's
                                   zero */
#define TM_DUMP_FIELD_DIRECTORIES 5 /* the compilation directories, each
                                       { length:u32, bytes[length] }, no
                                       NUL, to the field's end */
#define TM_DUMP_FIELD_NUMBER_SIZE 8 /* the value of every u64 field */

/* The smallest valid payload: three empty sections and the limit. */
#define TM_DUMP_MIN_PAYLOAD_SIZE                                            \
  (TM_DUMP_COUNT_SIZE * 4 + TM_DUMP_LIMIT_SIZE)

#endif /* TM_DUMP_FORMAT_H */
