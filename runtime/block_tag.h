/*
 * The 8 bytes the runtime writes at the end of every small block it traces.
 *
 *     p                                           p + usable
 *     | user data (size bytes) ... (slack) | tag |
 *
 * The runtime asks the real allocator for 8 bytes more than the program
 * did and keeps the last 8 of the block's usable size for the tag: the
 * index of the block's slot in the live-block table (trace_table.h) and a
 * keyed hash of that index and p.  Nothing goes in front of the block, so
 * the program's heap keeps its layout: the allocator rounds requests up to
 * 16 bytes, and a request with 8 or more bytes of slack (half of them)
 * fits its tag without growing at all.  A header in front of every block
 * made a heap of small blocks up to a third larger, which slowed programs
 * that walk them (docs/performance.md).
 *
 * free() reads the tag where the block's usable size says it is: from
 * glibc's chunk header in front of the block (the size glibc itself uses),
 * from the allocator's malloc_usable_size() otherwise.  A block that has
 * no tag (allocated before tracing started) holds the program's bytes
 * there; they pass the hash with probability 2^-32, and then the slot the
 * index names must also hold this very pointer, which it does only for
 * the block's own live trace.  A tag is never followed outside the slot
 * region.
 *
 * Blocks of TM_TAG_LIMIT usable bytes or more are traced by address, in
 * the table of tm_track() (domains.c), as blocks of domain 0: writing at
 * the end of a large block would touch a page the program may never use.
 */
#ifndef TM_BLOCK_TAG_H
#define TM_BLOCK_TAG_H

#include <string.h>

#include "trace_table.h"

#define TM_TAG_SIZE 8
#define TM_TAG_LIMIT 4096

/* Whether a block of that usable size is traced through a tag. */
static inline bool tm_tagged_size(size_t usable) {
  return usable >= TM_TAG_SIZE && usable < TM_TAG_LIMIT;
}

/* Where the tag of block p is, or would be: the last TM_TAG_SIZE bytes
 * of its usable size; NULL for a block of a size traced by address. */
static inline unsigned char *tm_tag_place(void *p) {
  if (tm_likely(atomic_load_explicit(&tm_global.glibc_malloc,
                                     memory_order_relaxed))) {
    /* glibc's chunk header: the chunk's size, its low bits flags.  A
     * chunk is usable but for the 8-byte size field; a chunk of its own
     * mapping (IS_MMAPPED, 2) is large.  The arithmetic of glibc's
     * malloc_usable_size(), inline. */
    size_t field = ((const size_t *)p)[-1];
    size_t chunk = field & ~(size_t)7;
    if ((field & 2) || chunk >= TM_TAG_LIMIT + 8)
      return NULL;
    return (unsigned char *)p + chunk - 8 - TM_TAG_SIZE;
  }
  size_t usable = tm_real.malloc_usable_size(p);
  return tm_tagged_size(usable)
             ? (unsigned char *)p + usable - TM_TAG_SIZE
             : NULL;
}

static inline uint32_t tm_tag_check(const void *p, uint32_t index) {
  return (uint32_t)((((uint64_t)(uintptr_t)p + index) * 0x9e3779b97f4a7c15ull ^
                     tm_global.tag_secret) >> 32);
}

/* Writes p's tag, at `place` (tm_tag_place), naming slot t. */
static inline void tm_tag_write(void *p, unsigned char *place,
                                const tm_slot *t) {
  uint32_t index = tm_slot_index(t);
  uint64_t tag = index | (uint64_t)tm_tag_check(p, index) << 32;
  memcpy(place, &tag, sizeof tag);
}

/* The slot that p's tag, at `place`, names; NULL when p has no tag.
 * Whether the slot still holds p's trace is for the caller to check. */
static inline tm_slot *tm_tag_slot(void *p, const unsigned char *place) {
  uint64_t tag;
  memcpy(&tag, place, sizeof tag);
  uint32_t index = (uint32_t)tag;
  if ((uint32_t)(tag >> 32) != tm_tag_check(p, index))
    return NULL;
  return tm_slot_of_index(index);
}

#endif /* TM_BLOCK_TAG_H */
