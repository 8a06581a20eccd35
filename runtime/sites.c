/*
 * The site registry: every allocation call site of every instrumented
 * module, by id.  Registration copies what a site says (its strings are
 * interned), so a site stays readable after its module is dlclose()d, and
 * writes the id into the module's record for the hot path to read.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

#include "internal.h"
#include "live.h"
#include "spinlock.h"
#include "unwind.h"

#define TM_SITES_PER_CHUNK 4096
#define TM_SITE_CHUNKS 4096 /* 16 M sites */

static tm_site_info *chunks[TM_SITE_CHUNKS];

/* The TM_KIND_FORWARD records, by line and file base name: an open-
 * addressing set of interned base names and lines, at most half full,
 * under the registry lock. */
typedef struct forward_call {
  const char *base; /* NULL: an empty slot */
  uint32_t line;
} forward_call;
static struct {
  forward_call *slots;
  size_t mask; /* slots - 1 */
  size_t used;
} forwards;

/* The distinct compilation directories of the registered sites (interned:
 * compared by pointer), under the registry lock. */
#define TM_MAX_DIRECTORIES 256
static const char *directories[TM_MAX_DIRECTORIES];
static size_t ndirectories;
static uint32_t next_id = 1; /* 0 is the site of uninstrumented code */
static uint32_t next_returned_id = TM_SITE_RETURNED_ID_BASE;
static atomic_flag registry_lock;

/* The site of uninstrumented code, with interned strings like every other
 * (frames compare filenames by pointer). */
static tm_site_info uninstrumented;
static pthread_once_t uninstrumented_once = PTHREAD_ONCE_INIT;

static void fill_site_traceback(tm_site_info *info) {
  info->frame = (tm_frame){
      .filename = info->file, .lineno = info->line, .function = info->function};
  info->traceback =
      (tm_traceback){.nframe = 1, .total_nframe = 1, .frames = &info->frame};
}

static void make_uninstrumented(void) {
  uninstrumented.file = tm_intern("<unknown>");
  uninstrumented.directory = uninstrumented.function = tm_intern("");
  fill_site_traceback(&uninstrumented);
}

void tm_sites_lock(void) { tm_spin_lock(&registry_lock); }
void tm_sites_unlock(void) { tm_spin_unlock(&registry_lock); }

const tm_site_info *tm_site_lookup(uint32_t id) {
  tm_site_info *chunk =
      id ? __atomic_load_n(&chunks[id / TM_SITES_PER_CHUNK], __ATOMIC_ACQUIRE)
         : NULL;
  if (chunk)
    return &chunk[id % TM_SITES_PER_CHUNK];
  pthread_once(&uninstrumented_once, make_uninstrumented);
  return &uninstrumented;
}

/* A new entry for a site, or NULL when the registry is full; a site that
 * returns its block takes its id from the range kept for those. */
static tm_site_info *site_alloc(uint32_t *id, bool returned) {
  uint32_t *next = returned ? &next_returned_id : &next_id;
  uint32_t end = returned ? TM_SITE_CHUNKS * TM_SITES_PER_CHUNK
                          : TM_SITE_RETURNED_ID_BASE;
  if (*next >= end)
    return NULL;
  uint32_t chunk = *next / TM_SITES_PER_CHUNK;
  if (!chunks[chunk]) {
    tm_site_info *fresh =
        tm_arena_alloc(TM_SITES_PER_CHUNK * sizeof(tm_site_info));
    if (!fresh)
      return NULL;
    __atomic_store_n(&chunks[chunk], fresh, __ATOMIC_RELEASE);
  }
  *id = (*next)++;
  return &chunks[chunk][*id % TM_SITES_PER_CHUNK];
}

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

bool tm_frame_is_at(const tm_frame *frame, const char *file, unsigned line) {
  return frame->lineno == line &&
         strcmp(base_name(frame->filename), base_name(file)) == 0;
}

static size_t forward_slot(const char *base, uint32_t line, size_t mask) {
  return (tm_hash_string(base) ^ line * 0x9e3779b97f4a7c15ull) & mask;
}

/* Doubles the set, or makes its first slots; false without memory. */
static bool forwards_grow(void) {
  size_t mask = forwards.slots ? forwards.mask * 2 + 1 : 63;
  forward_call *slots = tm_map((mask + 1) * sizeof *slots);
  if (!slots)
    return false;
  for (size_t i = 0; forwards.slots && i <= forwards.mask; i++) {
    forward_call f = forwards.slots[i];
    if (!f.base)
      continue;
    size_t j = forward_slot(f.base, f.line, mask);
    while (slots[j].base)
      j = (j + 1) & mask;
    slots[j] = f;
  }
  if (forwards.slots)
    tm_unmap(forwards.slots, (forwards.mask + 1) * sizeof *forwards.slots);
  forwards.slots = slots;
  forwards.mask = mask;
  return true;
}

/* The slot of that call, or the empty one where it goes. */
static forward_call *forwards_find(const char *base, uint32_t line) {
  size_t i = forward_slot(base, line, forwards.mask);
  while (forwards.slots[i].base &&
         (forwards.slots[i].line != line ||
          strcmp(forwards.slots[i].base, base) != 0))
    i = (i + 1) & forwards.mask;
  return &forwards.slots[i];
}

/* Under the registry lock.  A call the set has no room for is left out:
 * a chain of wrappers then stops below it. */
static void forwards_add(const tm_site *s) {
  if (2 * (forwards.used + 1) > (forwards.slots ? forwards.mask + 1 : 0) &&
      !forwards_grow())
    return;
  const char *base = tm_intern(base_name(s->file));
  forward_call *slot = forwards_find(base, s->line);
  if (!slot->base) {
    *slot = (forward_call){.base = base, .line = s->line};
    forwards.used++;
  }
}

bool tm_site_forwards(const tm_frame *frame) {
  tm_sites_lock();
  bool found = forwards.slots &&
               forwards_find(base_name(frame->filename), frame->lineno)->base;
  tm_sites_unlock();
  return found;
}

static void remember_directory(const char *directory) {
  if (!*directory)
    return;
  for (size_t i = 0; i < ndirectories; i++)
    if (directories[i] == directory)
      return;
  if (ndirectories < TM_MAX_DIRECTORIES)
    directories[ndirectories++] = directory;
}

const char **tm_site_directories(size_t *n) {
  tm_sites_lock();
  const char **copy =
      ndirectories ? tm_real.malloc(ndirectories * sizeof *copy) : NULL;
  *n = copy ? ndirectories : 0;
  if (copy)
    memcpy(copy, directories, ndirectories * sizeof *copy);
  tm_sites_unlock();
  return copy;
}

const char *tm_site_relative_path(const char *path) {
  const char *relative = path;
  tm_sites_lock();
  for (size_t i = 0; i < ndirectories && relative == path; i++) {
    size_t n = strlen(directories[i]);
    if (strncmp(path, directories[i], n) == 0 && path[n] == '/')
      relative = path + n + 1;
  }
  tm_sites_unlock();
  return relative;
}

static const char *module_name(const void *addr) {
  Dl_info info;
  return dladdr(addr, &info) && info.dli_fname && *info.dli_fname
             ? info.dli_fname
             : "the main program";
}

TM_EXPORT void __tm_register_sites(uint32_t abi_version, tm_site *start,
                                   tm_site *stop) {
  if (!start || start >= stop)
    return;
  tm_enter();
  if (abi_version != TM_ABI_VERSION) {
    /* The records' layout is unknown: leave their ids 0 ("unknown site"),
     * which every ABI version keeps in the first field. */
    tm_report("error: %s was instrumented for tracemalloc ABI %u but this "
              "runtime speaks ABI %u; its allocations are traced without "
              "their source lines.  Rebuild it with the tmcc that matches "
              "this libtracemalloc.",
              module_name(start), abi_version, TM_ABI_VERSION);
    tm_leave();
    return;
  }
  tm_sites_lock();
  bool frame_pointers = true;
  for (tm_site *s = start; s < stop; s++)
    frame_pointers &= (s->flags & TM_SITE_FRAME_POINTERS) != 0;
  if (frame_pointers)
    tm_code_ranges_add_object(start);
  for (tm_site *s = start; s < stop; s++) {
    if (s->kind == TM_KIND_FORWARD) {
      forwards_add(s); /* no call names it: it needs no id */
      continue;
    }
    uint32_t id;
    tm_site_info *info =
        s->id ? NULL : site_alloc(&id, (s->flags & TM_SITE_RETURNED) != 0);
    if (!info)
      continue; /* registered already, or the registry is full */
    info->file = tm_intern(s->file);
    info->directory = tm_intern(s->directory);
    remember_directory(info->directory);
    info->function = tm_intern(s->function);
    info->line = s->line;
    info->column = s->column;
    info->kind = s->kind;
    info->flags = s->flags;
    fill_site_traceback(info);
    tm_live_add_site(id, info);
    __atomic_store_n(&s->id, id, __ATOMIC_RELEASE);
  }
  tm_sites_unlock();
  tm_leave();
}

void tm_sites_foreach(void (*fn)(uint32_t id, const tm_site_info *info)) {
  tm_sites_lock();
  for (uint32_t id = 1; id < next_id; id++)
    fn(id, tm_site_lookup(id));
  for (uint32_t id = TM_SITE_RETURNED_ID_BASE; id < next_returned_id; id++)
    fn(id, tm_site_lookup(id));
  tm_sites_unlock();
}
