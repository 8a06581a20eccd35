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
#include "spinlock.h"
#include "unwind.h"

#define TM_SITES_PER_CHUNK 4096
#define TM_SITE_CHUNKS 4096 /* 16 M sites */

static tm_site_info *chunks[TM_SITE_CHUNKS];

/* The distinct compilation directories of the registered sites (interned:
 * compared by pointer), under the registry lock. */
#define TM_MAX_DIRECTORIES 256
static const char *directories[TM_MAX_DIRECTORIES];
static size_t ndirectories;
static uint32_t next_id = 1; /* 0 is the site of uninstrumented code */
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

/* A new entry for a site, or NULL when the registry is full. */
static tm_site_info *site_alloc(uint32_t *id) {
  uint32_t chunk = next_id / TM_SITES_PER_CHUNK;
  if (chunk >= TM_SITE_CHUNKS)
    return NULL;
  if (!chunks[chunk]) {
    tm_site_info *fresh =
        tm_arena_alloc(TM_SITES_PER_CHUNK * sizeof(tm_site_info));
    if (!fresh)
      return NULL;
    __atomic_store_n(&chunks[chunk], fresh, __ATOMIC_RELEASE);
  }
  *id = next_id++;
  return &chunks[chunk][*id % TM_SITES_PER_CHUNK];
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
    uint32_t id;
    tm_site_info *info = s->id ? NULL : site_alloc(&id);
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
    __atomic_store_n(&s->id, id, __ATOMIC_RELEASE);
  }
  tm_sites_unlock();
  tm_leave();
}
