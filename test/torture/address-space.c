// RUN: %clang -O1 %s -o %t.plain
// RUN: %tmcc -O1 %s -o %t.tmcc
// RUN: %t.tmcc size | FileCheck %s --check-prefix=SIZE
// RUN: sh -c 'ulimit -v 1048576; exec %t.plain count' > %t.plain.count
// RUN: sh -c 'ulimit -v 1048576; exec %t.tmcc count' > %t.tmcc.count
// RUN: sh -c 'ulimit -v 1048576; TRACEMALLOC=1 exec %t.tmcc count' > %t.traced.count
// RUN: test $(cat %t.tmcc.count) -ge $(( $(cat %t.plain.count) * 99 / 100 ))
// RUN: test $(cat %t.traced.count) -ge $(( $(cat %t.plain.count) * 8 / 10 ))
// A program built with tmcc that does not trace reserves no address space
// for the runtime's tables: its virtual size stays under 1 GiB, and under
// `ulimit -v` it gets as many 64 KiB blocks as the same program built
// without tmcc, but for the runtime's code and its few own pages (99 %).
// Tracing reserves at most an eighth of the limit, so a traced program
// still gets at least 80 % of the blocks.  (The slot region was 96 GiB,
// reserved at load, halved under a limit until it fitted: half the
// address space, traced or not.)
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
  unsigned long blocks = 0;
  void **block, *volatile last = NULL; /* each block names the one before */
  while ((block = malloc(64 * 1024))) {
    *block = last;
    last = block;
    blocks++;
  }
  printf("%lu\n", blocks);
  return 0;
}
