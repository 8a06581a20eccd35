/*
 * libFuzzer target for the snapshot loader: tm_dump_parse() on any bytes
 * either fails cleanly (a message, no crash, no read outside the input) or
 * returns a snapshot that dumps and loads back to the same bytes.
 *
 * It is built from the runtime's own sources, all of them except
 * malloc_interpose.c (test/CMakeLists.txt): under ASan the program's malloc
 * must stay ASan's, so that every block the loader allocates is checked,
 * and the runtime's interposed malloc family would replace it.  The
 * loader is reached through its in-memory entry point, so no file is
 * written or read per input.
 */
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dump_checksum.h"
#include "dump_format.h"
#include "snapshot.h"

/* The most traces a fuzzed file may expand to.  A 16-byte run stands for
 * any number of identical blocks, so a small file can legitimately ask for
 * gigabytes; libFuzzer counts a malloc above -rss_limit_mb as a crash.  The
 * public loader allows PTRDIFF_MAX / sizeof(tm_trace). */
enum { MAX_TRACES = 1 << 16 };

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  /* The runtime found its real allocator with dlsym(RTLD_NEXT), which from
   * inside the executable skips ASan's malloc (linked into the executable)
   * and finds glibc's: the loader's arrays would escape ASan.  Nothing the
   * runtime allocated so far is still alive, so it can switch now. */
  tm_real = (tm_real_allocator){
      .malloc = malloc,
      .free = free,
      .calloc = calloc,
      .realloc = realloc,
      .memalign = memalign,
      .posix_memalign = posix_memalign,
      .aligned_alloc = aligned_alloc,
      .valloc = valloc,
      .pvalloc = pvalloc,
      .malloc_usable_size = malloc_usable_size,
  };
  return 0;
}

/* dump(load(dump(s))) == dump(s): the writer is canonical, and whatever
 * the loader accepts, the writer can write and the loader read again. */
static void check_round_trip(const tm_snapshot *s) {
  size_t size, again_size;
  unsigned char *bytes = tm_dump_serialize(s, &size);
  if (!bytes)
    __builtin_trap();
  tm_snapshot *again = tm_dump_parse(bytes, size, "round trip", MAX_TRACES);
  if (!again || again->ntraces != s->ntraces ||
      again->ntracebacks != s->ntracebacks ||
      again->traceback_limit != s->traceback_limit)
    __builtin_trap();
  unsigned char *again_bytes = tm_dump_serialize(again, &again_size);
  if (!again_bytes || again_size != size ||
      memcmp(bytes, again_bytes, size) != 0)
    __builtin_trap();
  tm_real.free(again_bytes);
  tm_snapshot_free(again);
  tm_real.free(bytes);
}

static void parse(const unsigned char *data, size_t size) {
  tm_snapshot *s = tm_dump_parse(data, size, "fuzz", MAX_TRACES);
  if (s) {
    check_round_trip(s);
    tm_snapshot_free(s);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  parse(data, size);
  /* Mutated bytes almost never keep a valid header and checksum, so parse
   * them again with the header made right: the payload walker, where the
   * counts and indexes are checked, sees every mutation too.  The copy is
   * exactly `size` bytes, so ASan catches a read past its end. */
  if (size < TM_DUMP_HEADER_SIZE)
    return 0;
  unsigned char *copy = malloc(size);
  memcpy(copy, data, size);
  dump_fix_header(copy, size, TM_DUMP_VERSION);
  parse(copy, size);
  free(copy);
  return 0;
}
