/* Blocks traced with tm_track(), by (domain, address); see domains.c. */
#ifndef TM_DOMAINS_H
#define TM_DOMAINS_H

#include "internal.h"

/* The most bytes the table traces, all domains together: 2^62 - 1.  With
 * the heap's blocks, which cannot fill even 2^57 bytes of address space,
 * the traced total then never overflows its int64_t. */
#define TM_TABLE_MAX_BYTES ((uint64_t)INT64_MAX / 2)

/* Traces (domain, ptr) with that trace id, or replaces its trace, and
 * counts it as an allocation unless `allocs` is 0 (a trace put back).  0,
 * or ENOMEM without memory, EINVAL when the table's bytes would pass
 * TM_TABLE_MAX_BYTES; errno is left alone (the malloc family calls it). */
int tm_domains_insert(unsigned domain, uintptr_t ptr, size_t size,
                      uint32_t trace, uint64_t allocs);

/* Forgets (domain, ptr); false when it is not traced.  Its size and trace
 * id, for a caller that may have to put it back. */
bool tm_domains_remove(unsigned domain, uintptr_t ptr, uint64_t *size,
                       uint32_t *trace);

/* tm_track(), attributed to the hint's site or, without one, to the
 * stack above the frame `entry` of the function the program called. */
int tm_domains_track(unsigned domain, uintptr_t ptr, size_t size,
                     const void *entry);

/* The trace id of a tracked block; false when (domain, ptr) is not
 * tracked. */
bool tm_domains_trace_of(unsigned domain, uintptr_t ptr, uint32_t *trace);

/* Calls fn on every tracked block, under the table's lock. */
void tm_domains_foreach(void (*fn)(void *ctx, unsigned domain, uint64_t size,
                                   uint32_t trace),
                        void *ctx);

/* Forgets every tracked block (their bytes are zeroed with the counters). */
/* Calls fn on the allocations of every (domain, trace id) since the last
 * clear, under the table's lock. */
void tm_domains_foreach_allocated(void (*fn)(void *ctx, unsigned domain,
                                             uint32_t trace, uint64_t allocs,
                                             uint64_t bytes),
                                  void *ctx);

void tm_domains_clear(void);

/* The table's lock, for fork() (tracing.c). */
void tm_domains_lock(void);
void tm_domains_unlock(void);

#endif /* TM_DOMAINS_H */
