/*
 * The 16 bytes the runtime places in front of every block it traces.
 *
 *     base                      p = base + offset
 *     |  (alignment padding)  | record | check |  user data ...
 *
 * `record` says where the block's trace lives (the address of its slot in
 * the live-block table) and how far the
 * user pointer is from what the real allocator returned.  `check` is a keyed
 * hash of p and record: a block that never got a header (allocated before
 * tracing, or by code that bypassed us) fails the check with probability
 * 2^-64, so free() can tell the two apart without any table.  The check is
 * wiped when the block is released, so a stale header is never taken for a
 * live one.
 *
 * Reading the 16 bytes before a block that has no header is safe with glibc,
 * whose chunks always start with a 16-byte chunk header.  With any other
 * allocator behind the runtime every block gets a header, traced or not
 * (tm_global.every_block_headed), so free() only reads headers it wrote.
 */
#ifndef TM_BLOCK_HEADER_H
#define TM_BLOCK_HEADER_H

#include "internal.h"

#define TM_HEADER_SIZE 16

typedef struct tm_block_header {
  uint64_t record;
  uint64_t check;
} tm_block_header;

_Static_assert(sizeof(tm_block_header) == TM_HEADER_SIZE, "header layout");

/* record: bits 0-47 the address of the trace's slot (0: not traced), bits
 * 48-55 log2(offset).  User-space addresses fit in 47 bits on x86-64 and
 * 48 on AArch64. */
#define TM_RECORD_SLOT_BITS 48
#define TM_RECORD_OFFSET_SHIFT 48

struct tm_slot;

static inline uint64_t tm_record_make(const struct tm_slot *slot,
                                      unsigned offset_log2) {
  return (uint64_t)(uintptr_t)slot |
         (uint64_t)offset_log2 << TM_RECORD_OFFSET_SHIFT;
}
static inline struct tm_slot *tm_record_slot(uint64_t r) {
  return (struct tm_slot *)(uintptr_t)(r & ((1ull << TM_RECORD_SLOT_BITS) - 1));
}
static inline size_t tm_record_offset(uint64_t r) {
  return (size_t)1 << ((r >> TM_RECORD_OFFSET_SHIFT) & 0xff);
}

/* Keyed by a secret the program never sees: any 16 bytes that were not
 * written by tm_header_write for this very pointer verify with probability
 * 2^-64.  Three instructions: it runs on every free(). */
static inline uint64_t tm_header_check(const void *p, uint64_t record) {
  return ((uint64_t)(uintptr_t)p + record) * 0x9e3779b97f4a7c15ull ^
         tm_global.header_secret;
}

static inline tm_block_header *tm_header_at(void *p) {
  return (tm_block_header *)p - 1;
}

/* The header of p, or NULL when p is not a block the runtime headed. */
static inline tm_block_header *tm_header_of(void *p) {
  if (!atomic_load_explicit(&tm_global.marked_blocks_issued, memory_order_relaxed))
    return NULL;
  tm_block_header *h = tm_header_at(p);
  return h->check == tm_header_check(p, h->record) ? h : NULL;
}

static inline void tm_header_write(void *p, uint64_t record) {
  tm_block_header *h = tm_header_at(p);
  h->record = record;
  h->check = tm_header_check(p, record);
}

#endif /* TM_BLOCK_HEADER_H */
