// RUN: %clang -O1 %s -o %t.plain
// RUN: %tmcc -O1 %s -o %t.tmcc
// RUN: %t.tmcc size | FileCheck %s --check-prefix=SIZE
// RUN: env TRACEMALLOC=1 %t.tmcc traced-size | FileCheck %s --check-prefix=SIZE
// RUN: sh -c 'ulimit -v 1048576; exec %t.plain count' > %t.plain.count
// RUN: sh -c 'ulimit -v 1048576; exec %t.tmcc count' > %t.tmcc.count
// RUN: sh -c 'ulimit -v 1048576; TRACEMALLOC=1 exec %t.tmcc count' > %t.traced.count
// RUN: test $(cat %t.tmcc.count) -ge $(( $(cat %t.plain.count) * 99 / 100 ))
// RUN: test $(cat %t.traced.count) -ge $(( $(cat %t.plain.count) * 99 / 100 ))
// RUN: sh -c 'ulimit -v 262144; exec %t.plain count-small' > %t.plain.small
// RUN: sh -c 'ulimit -v 262144; TRACEMALLOC=1 exec %t.tmcc count-small' > %t.traced.small
// RUN: test $(cat %t.traced.small) -ge $(( $(cat %t.plain.small) * 99 / 100 ))
// A program built with tmcc reserves no address space for the runtime's
// tables, tracing or not: its virtual size stays under 1 GiB, and under
// `ulimit -v` it gets as many blocks as the same program built without
// tmcc, but for the runtime's code and its few own pages (99 %): 64 KiB
// blocks, traced by address, and 96-byte blocks, whose traces are in
// their tags (96 bytes and the tag fit the same 112-byte chunk).  (The
// runtime once reserved a 96 GiB region for a table of every live block,
// halved under a limit until it fitted: half the address space.)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The process's virtual size in KiB, from /proc/self/status. */
static long vm_size_kib(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kib = -1;
  while (f && fgets(line, sizeof line, f))
    if (strncmp(line, "VmSize:", 7) == 0)
      kib = strtol(line + 7, NULL, 10);
  if (f)
    fclose(f);
  return kib;
}

int main(int argc, char **argv) {
  if (strcmp(argv[1], "size") == 0) {
    long kib = vm_size_kib();
    printf("virtual size %s 1 GiB\n", kib > 0 && kib < 1048576 ? "under" : "over");
    // SIZE: virtual size under 1 GiB
    return 0;
  }
  if (strcmp(argv[1], "traced-size") == 0) {
    for (int i = 0; i < 1000000; i++)
      (void)!malloc(i % 100 + 1); /* leaked on purpose: a million live */
    long kib = vm_size_kib();
    printf("virtual size %s 1 GiB\n", kib > 0 && kib < 1048576 ? "under" : "over");
    return 0;
  }
  size_t size = strcmp(argv[1], "count-small") == 0 ? 96 : 64 * 1024;
  unsigned long blocks = 0;
  void **block, *volatile last = NULL; /* each block names the one before */
  while ((block = malloc(size))) {
    *block = last;
    last = block;
    blocks++;
  }
  printf("%lu\n", blocks);
  return 0;
}
