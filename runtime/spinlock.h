/*
 * The runtime's lock: a test-and-set spinlock that yields the CPU when it
 * spins for long.  Every lock of the runtime guards a few loads and stores
 * (never a call that could block or take another of them, except where a
 * caller says so), and none may allocate, so a mutex buys nothing.
 * fork() holds every one of them (tracing.c): a new lock joins that list,
 * in its place in the order docs/design.md gives.
 */
#ifndef TM_SPINLOCK_H
#define TM_SPINLOCK_H

#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>

static inline bool tm_spin_trylock(atomic_flag *lock) {
  return !atomic_flag_test_and_set_explicit(lock, memory_order_acquire);
}

static inline void tm_spin_lock(atomic_flag *lock) {
  unsigned spins = 0;
  while (!tm_spin_trylock(lock)) {
    if (++spins < 64)
      __builtin_ia32_pause();
    else
      sched_yield();
  }
}

static inline void tm_spin_unlock(atomic_flag *lock) {
  atomic_flag_clear_explicit(lock, memory_order_release);
}

#endif /* TM_SPINLOCK_H */
