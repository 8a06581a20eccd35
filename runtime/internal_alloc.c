/*
 * The runtime's own memory.  It never goes through the interposed malloc,
 * so it is never traced, and it is what tm_get_tracemalloc_memory() counts.
 */
#include <string.h>
#include <sys/mman.h>

#include "internal.h"
#include "spinlock.h"

static atomic_size_t mapped_bytes;

void *tm_map(size_t size) {
  void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    return NULL;
  atomic_fetch_add_explicit(&mapped_bytes, size, memory_order_relaxed);
  return p;
}

void tm_unmap(void *p, size_t size) {
  if (p && munmap(p, size) == 0)
    atomic_fetch_sub_explicit(&mapped_bytes, size, memory_order_relaxed);
}

size_t tm_mapped_bytes(void) {
  return atomic_load_explicit(&mapped_bytes, memory_order_relaxed);
}

/* ----- arena: bump allocation in mapped blocks, never freed -------------- */

#define TM_ARENA_BLOCK (64 * 1024)

static struct {
  atomic_flag lock;
  unsigned char *next;
  size_t left;
} arena;

static void arena_lock(void) { tm_spin_lock(&arena.lock); }
static void arena_unlock(void) { tm_spin_unlock(&arena.lock); }

void *tm_arena_alloc(size_t size) {
  size = (size + 15) & ~(size_t)15;
  arena_lock();
  if (size > arena.left) {
    size_t block = size > TM_ARENA_BLOCK ? size : TM_ARENA_BLOCK;
    unsigned char *m = tm_map(block);
    if (!m) {
      arena_unlock();
      return NULL;
    }
    arena.next = m;
    arena.left = block;
  }
  void *p = arena.next;
  arena.next += size;
  arena.left -= size;
  arena_unlock();
  return p;
}

/* ----- interned strings: an open-addressing set of arena copies ---------- */

static struct {
  atomic_flag lock;
  const char **slots;
  size_t capacity; /* power of two */
  size_t count;
} strings;

uint64_t tm_hash_string(const char *s) {
  uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a */
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
  return h;
}

static bool strings_grow(void) {
  size_t capacity = strings.capacity ? strings.capacity * 2 : 1024;
  const char **slots = tm_map(capacity * sizeof *slots);
  if (!slots)
    return false;
  for (size_t i = 0; i < strings.capacity; i++) {
    const char *s = strings.slots[i];
    if (!s)
      continue;
    size_t j = tm_hash_string(s) & (capacity - 1);
    while (slots[j])
      j = (j + 1) & (capacity - 1);
    slots[j] = s;
  }
  tm_unmap(strings.slots, strings.capacity * sizeof *slots);
  strings.slots = slots;
  strings.capacity = capacity;
  return true;
}

/* Interning allocates in the arena under the strings' lock: that one
 * first. */
void tm_internal_alloc_lock(void) {
  tm_spin_lock(&strings.lock);
  arena_lock();
}

void tm_internal_alloc_unlock(void) {
  arena_unlock();
  tm_spin_unlock(&strings.lock);
}

const char *tm_intern(const char *s) {
  if (!s)
    s = "";
  tm_spin_lock(&strings.lock);
  const char *found = NULL;
  if ((strings.count + 1) * 2 <= strings.capacity || strings_grow()) {
    size_t mask = strings.capacity - 1;
    size_t i = tm_hash_string(s) & mask;
    while (strings.slots[i] && strcmp(strings.slots[i], s) != 0)
      i = (i + 1) & mask;
    found = strings.slots[i];
    if (!found) {
      size_t len = strlen(s) + 1;
      char *copy = tm_arena_alloc(len);
      if (copy) {
        memcpy(copy, s, len);
        strings.slots[i] = found = copy;
        strings.count++;
      }
    }
  }
  tm_spin_unlock(&strings.lock);
  return found ? found : "<out of memory>";
}
