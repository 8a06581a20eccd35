// RUN: %tmcc -O2 -DTM_TCMALLOC -I%inputs/runtime %S/jemalloc.c -o %t -ltcmalloc_minimal
// RUN: env -u TRACEMALLOC %t | FileCheck %S/jemalloc.c
// RUN: env -u TRACEMALLOC %t off | FileCheck %S/jemalloc.c --check-prefix=OFF
// The program of jemalloc.c, with tcmalloc serving the blocks: the same
// exact statistics and traced memory, blocks allocated outside tracing
// freed safely.  tcmalloc defines __libc_malloc as well, which the runtime
// must not take for glibc's (real_alloc.c).
