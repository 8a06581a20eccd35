/*
 * The 8 bytes the runtime writes at the end of every small block it traces:
 * the block's whole trace.
 *
 *     p                                           p + usable
 *     | user data (size bytes) ... (slack) | tag |
 *
 *     tag = check (32 bits) | trace (20 bits) | size (12 bits)
 *
 * The runtime asks the real allocator for 8 bytes more than the program
 * did and keeps the last 8 of the block's usable size for the tag.
 * Nothing goes in front of the block and nothing is kept beside it, so a
 * traced block costs no memory but the tag, and none at all where the
 * allocator's rounding left 8 bytes of slack (a request rounded up to 16
 * bytes does so half the time).
 *
 * The trace is the block's trace id, packed (tm_tag_pack_trace), and its
 * size: a tagged block is smaller than TM_TAG_LIMIT.  The check is a hash
 * of the rest and of p, keyed by tm_global.tag_key, which the runtime
 * draws anew whenever it forgets every trace (tm_clear_traces, tm_stop):
 * a block tagged before then fails the check, and so does one whose tag
 * was copied to another address.  free() erases the tag, so a block the
 * allocator hands out again does not carry its predecessor's.  What is
 * left is chance: the last 8 bytes of a block that was never traced (one
 * allocated before tracing started) pass the check with probability
 * 2^-32, whatever they hold, since the key is secret.
 *
 * free() reads the tag where the block's usable size says it is: from
 * glibc's chunk header in front of the block (the size glibc itself uses),
 * from the allocator's malloc_usable_size() otherwise.
 *
 * Blocks of TM_TAG_LIMIT usable bytes or more are traced by address, in
 * the table of tm_track() (domains.c), as blocks of domain 0: writing at
 * the end of a large block would touch a page the program may never use.
 * So are the blocks whose trace id does not pack into 20 bits.
 */
#ifndef TM_BLOCK_TAG_H
#define TM_BLOCK_TAG_H

#include <string.h>

#include "internal.h"
#include "stack_depot.h"

#define TM_TAG_SIZE 8
#define TM_TAG_LIMIT 4096
#define TM_TAG_SIZE_BITS 12
#define TM_TAG_TRACE_BITS 20
/* A packed trace id: a site id, or a depot index with this bit set. */
#define TM_TAG_TRACE_STACK (1u << (TM_TAG_TRACE_BITS - 1))

_Static_assert(TM_TAG_LIMIT == 1u << TM_TAG_SIZE_BITS,
               "a tagged block's size fits its field");

/* Whether a block of that usable size is traced through a tag. */
static inline bool tm_tagged_size(size_t usable) {
  return usable >= TM_TAG_SIZE && usable < TM_TAG_LIMIT;
}

/* Where the tag of block p, a block of glibc's malloc, is or would be:
 * the last TM_TAG_SIZE bytes of its usable size; NULL for a block of a
 * size traced by address. */
static inline unsigned char *tm_tag_place_glibc(void *p) {
  /* glibc's chunk header: the chunk's size, its low bits flags.  A chunk
   * is usable but for the 8-byte size field; a chunk of its own mapping
   * (IS_MMAPPED, 2) is large.  The arithmetic of glibc's
   * malloc_usable_size(), inline.  The bootstrap buffer's blocks carry
   * the IS_MMAPPED bit too (real_alloc.c), so they count as large. */
  size_t field = ((const size_t *)p)[-1];
  /* Both tests in one comparison: with PREV_INUSE (1) and NON_MAIN_ARENA
   * (4) cleared and the rest rotated right by 2, IS_MMAPPED becomes the
   * top bit and the chunk's size (a multiple of 16) its quarter. */
  size_t rotated = __builtin_rotateright64(field & ~(size_t)5, 2);
  if (tm_unlikely(rotated >= (TM_TAG_LIMIT + 8) / 4))
    return NULL;
  return (unsigned char *)p + (field & ~(size_t)7) - 8 - TM_TAG_SIZE;
}

/* The same for a block of any other allocator, whose
 * malloc_usable_size() is asked. */
static inline unsigned char *tm_tag_place_asked(void *p) {
  size_t usable = tm_real.malloc_usable_size(p);
  return tm_tagged_size(usable)
             ? (unsigned char *)p + usable - TM_TAG_SIZE
             : NULL;
}

/* Whether the real allocator is glibc's, whose chunk headers the runtime
 * reads (tm_tag_place_glibc). */
static inline bool tm_glibc_malloc(void) {
  return atomic_load_explicit(&tm_global.glibc_malloc, memory_order_relaxed);
}

/* Where the tag of block p is, or would be, whoever allocated it. */
static inline unsigned char *tm_tag_place(void *p) {
  return tm_likely(tm_glibc_malloc()) ? tm_tag_place_glibc(p)
                                      : tm_tag_place_asked(p);
}

/* The trace id as its 20 bits in a tag; false when it does not fit (then
 * the block is traced by address). */
static inline bool tm_tag_pack_trace(uint32_t trace, uint32_t *packed) {
  uint32_t index = trace & ~TM_TRACE_IS_STACK;
  if (tm_unlikely(index >= TM_TAG_TRACE_STACK))
    return false;
  *packed = trace & TM_TRACE_IS_STACK ? index | TM_TAG_TRACE_STACK : index;
  return true;
}

/* Whether a site id (not 0, not a stack's) packs as itself: the test of
 * tm_tag_pack_trace in one comparison, for the path that records sites. */
static inline bool tm_tag_site_packs_as_is(uint32_t site) {
  return site - 1 < TM_TAG_TRACE_STACK - 1;
}

static inline uint32_t tm_tag_unpack_trace(uint32_t packed) {
  return packed & TM_TAG_TRACE_STACK
             ? (packed & ~TM_TAG_TRACE_STACK) | TM_TRACE_IS_STACK
             : packed;
}

/* A tag's low half: a packed trace and a size below TM_TAG_LIMIT. */
static inline uint32_t tm_tag_payload(uint32_t packed_trace, size_t size) {
  return packed_trace << TM_TAG_SIZE_BITS | (uint32_t)size;
}

static inline uint32_t tm_tag_payload_packed_trace(uint32_t payload) {
  return payload >> TM_TAG_SIZE_BITS;
}

static inline uint32_t tm_tag_payload_trace(uint32_t payload) {
  return tm_tag_unpack_trace(tm_tag_payload_packed_trace(payload));
}

static inline uint32_t tm_tag_payload_size(uint32_t payload) {
  return payload & (TM_TAG_LIMIT - 1);
}

static inline uint32_t tm_tag_check(const void *p, uint32_t payload,
                                    uint64_t key) {
  return (uint32_t)(((((uint64_t)(uintptr_t)p ^ key) + payload) *
                     0x9e3779b97f4a7c15ull) >> 32);
}

/* Writes p's tag, at `place` (tm_tag_place), under the current key. */
static inline void tm_tag_write(void *p, unsigned char *place,
                                uint32_t payload) {
  uint64_t key = atomic_load_explicit(&tm_global.tag_key, memory_order_relaxed);
  uint64_t tag = payload | (uint64_t)tm_tag_check(p, payload, key) << 32;
  memcpy(place, &tag, sizeof tag);
}

/* The payload of p's tag, at `place`; false when p carries no tag of the
 * current key (a block never traced, or traced before the last clear). */
static inline bool tm_tag_read(const void *p, const unsigned char *place,
                               uint32_t *payload) {
  uint64_t tag;
  memcpy(&tag, place, sizeof tag);
  uint64_t key = atomic_load_explicit(&tm_global.tag_key, memory_order_relaxed);
  *payload = (uint32_t)tag;
  return (uint32_t)(tag >> 32) == tm_tag_check(p, (uint32_t)tag, key);
}

/* Makes p's tag fail the check: its block is about to be given back, or
 * to move. */
static inline void tm_tag_erase(unsigned char *place) {
  memset(place, 0, TM_TAG_SIZE);
}

#endif /* TM_BLOCK_TAG_H */
