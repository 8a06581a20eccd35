// RUN: rm -rf %t && mkdir %t
// RUN: cd %S && %tmcc -O1 -ftm-no-auto-wrapper pprof.c -o %t/prog
// RUN: env TRACEMALLOC=4 TRACEMALLOC_DUMP=%t/heap.dump %t/prog
// RUN: %tmreport pprof %t/heap.dump -o %t/heap.pb.gz
// RUN: %tmreport top --key lineno %t/heap.dump | FileCheck %s --check-prefix=TOP
// The real pprof reads the profile offline, from a local file: HOME,
// GOCACHE and PPROF_TMPDIR in %t, so that nothing outside is written.
// RUN: env HOME=%t GOCACHE=%t/gocache GOFLAGS=-mod=mod PPROF_TMPDIR=%t \
// RUN:   go tool pprof -top -lines -unit=B -sample_index=inuse_space %t/heap.pb.gz \
// RUN:   | FileCheck %s --check-prefix=SPACE
// RUN: env HOME=%t GOCACHE=%t/gocache GOFLAGS=-mod=mod PPROF_TMPDIR=%t \
// RUN:   go tool pprof -top -lines -sample_index=inuse_objects %t/heap.pb.gz \
// RUN:   | FileCheck %s --check-prefix=OBJECTS
// RUN: env HOME=%t GOCACHE=%t/gocache GOFLAGS=-mod=mod PPROF_TMPDIR=%t \
// RUN:   go tool pprof -traces -unit=B %t/heap.pb.gz | FileCheck %s --check-prefix=TRACES
// RUN: env HOME=%t GOCACHE=%t/gocache GOFLAGS=-mod=mod PPROF_TMPDIR=%t TZ=UTC \
// RUN:   go tool pprof -raw %t/heap.pb.gz > %t/raw
// RUN: FileCheck %s --check-prefix=RAW -DPROGRAM=%t/prog < %t/raw
// time_nanos is when the snapshot was taken, the time tmreport info prints
// (Go trims the trailing zeros of the nanoseconds).
// RUN: env TZ=UTC %tmreport info %t/heap.dump | sed -E -n 's/^time: ([^.]*)(\.[0-9]*[1-9])?\.?0* /Time: \1\2 /p' > %t/taken
// RUN: grep -F -x -f %t/taken %t/raw
// A dump of format version 2 does not say when or whose: the time is the
// dump's mtime (to the second), the mapping "tracemalloc".
// RUN: python3 %inputs/dump_sections.py rewrite %t/heap.dump %t/v2.dump --version 2
// RUN: %tmreport pprof %t/v2.dump -o %t/v2.pb.gz
// RUN: env HOME=%t GOCACHE=%t/gocache GOFLAGS=-mod=mod PPROF_TMPDIR=%t TZ=UTC \
// RUN:   go tool pprof -raw %t/v2.pb.gz > %t/v2.raw
// RUN: env TZ=UTC date -r %t/v2.dump '+Time: %%Y-%%m-%%d %%H:%%M:%%S' > %t/mtime
// RUN: grep -F -f %t/mtime %t/v2.raw
// RUN: grep -F -x '1: 0x0/0x0/0x0 tracemalloc  [FN][FL][LN]' %t/v2.raw
// RUN: %tmreport pprof --exclude '*pprof.c' %t/heap.dump -o %t/empty.pb.gz
// RUN: env HOME=%t GOCACHE=%t/gocache GOFLAGS=-mod=mod PPROF_TMPDIR=%t \
// RUN:   go tool pprof -raw %t/empty.pb.gz | FileCheck %s --check-prefix=EMPTY -DPROGRAM=%t/prog
// RUN: sh -c '%tmreport pprof %t/heap.dump 2> %t/err; test $? -eq 2' && count 1 < %t/err && FileCheck %s --check-prefix=NO-OUTPUT < %t/err
// RUN: sh -c '%tmreport pprof %t/heap.dump -o %t/missing/p.pb.gz 2> %t/err; test $? -eq 2' && count 1 < %t/err && FileCheck %s --check-prefix=UNWRITABLE < %t/err
// RUN: sh -c '%tmreport pprof %t/nothing.dump -o %t/p.pb.gz 2> %t/err; test $? -eq 2' && count 1 < %t/err && FileCheck %s --check-prefix=NO-DUMP < %t/err
// RUN: %tmreport pprof --help | FileCheck %s --check-prefix=HELP
// tmreport pprof writes a gzipped profile.proto that `go tool pprof`
// reads: the same sites and byte totals as tmreport top, by line
// (-lines), blocks as inuse_objects, the tracebacks leaf first, one
// location per distinct frame, one mapping named after the program,
// time_nanos the snapshot's.
// Only the first three rows of -top are checked: with 4 frames, the
// shallow tracebacks reach into libc, whose path depends on the system.
#include <stdlib.h>

/* A call in tail position leaves no frame at -O1: keep each one. */
#define KEEP_FRAME() __asm__ volatile("")

void *blocks[40];

__attribute__((noinline)) void *leaf(size_t n) {
  return malloc(n); // line 54
}

__attribute__((noinline)) void *outer(size_t n) {
  void *p = leaf(n); // line 58
  KEEP_FRAME();
  return p;
}

__attribute__((noinline)) void *middle(size_t n) {
  void *p = leaf(n); // line 64
  KEEP_FRAME();
  return p;
}

__attribute__((noinline)) void run(void) {
  for (int i = 0; i < 10; i++)
    blocks[i] = outer(64); // line 71
  for (int i = 10; i < 12; i++)
    blocks[i] = middle(1000); // line 73
  for (int i = 12; i < 15; i++)
    blocks[i] = malloc(100); // line 75
  KEEP_FRAME();
}

int main(void) {
  run(); // line 80
  blocks[20] = calloc(5, 7); // line 81
  for (int i = 0; i < 4; i++) free(malloc(500)); // line 82: allocated, freed
  return 0;
}

// TOP:      pprof.c:54: size=2640 B, count=12, average=220 B
// TOP-NEXT: pprof.c:75: size=300 B, count=3, average=100 B
// TOP-NEXT: pprof.c:81: size=35 B, count=1, average=35 B
// TOP-EMPTY:

// SPACE: File: prog
// SPACE: Type: inuse_space
// SPACE: Showing nodes accounting for 2975B, 100% of 2975B total
// SPACE: flat  flat%   sum%        cum   cum%
// SPACE-NEXT: 2640B 88.74% 88.74%      2640B 88.74%  leaf {{/.*/}}pprof.c:54
// SPACE-NEXT:  300B 10.08% 98.82%       300B 10.08%  run {{/.*/}}pprof.c:75
// SPACE-NEXT:   35B  1.18%   100%        35B  1.18%  main {{/.*/}}pprof.c:81

// OBJECTS: Type: inuse_objects
// OBJECTS: Showing nodes accounting for 16, 100% of 16 total
// OBJECTS: flat  flat%   sum%        cum   cum%
// OBJECTS-NEXT: 12 75.00% 75.00%         12 75.00%  leaf {{/.*/}}pprof.c:54
// OBJECTS-NEXT:  3 18.75% 93.75%          3 18.75%  run {{/.*/}}pprof.c:75
// OBJECTS-NEXT:  1  6.25%   100%          1  6.25%  main {{/.*/}}pprof.c:81

// What was allocated since the start, freed blocks too (line 82's):
// alloc_space and alloc_objects.
// RUN: env HOME=%t GOCACHE=%t/gocache GOFLAGS=-mod=mod PPROF_TMPDIR=%t \
// RUN:   go tool pprof -top -lines -unit=B -sample_index=alloc_space %t/heap.pb.gz \
// RUN:   | FileCheck %s --check-prefix=ALLOC-SPACE
// RUN: env HOME=%t GOCACHE=%t/gocache GOFLAGS=-mod=mod PPROF_TMPDIR=%t \
// RUN:   go tool pprof -top -lines -sample_index=alloc_objects %t/heap.pb.gz \
// RUN:   | FileCheck %s --check-prefix=ALLOC-OBJECTS
// The profile names each file from the root, its compilation directory
// joined to it (as -lines shows above), so that the source view finds it
// from anywhere.
// RUN: cd %t && env HOME=%t GOCACHE=%t/gocache GOFLAGS=-mod=mod PPROF_TMPDIR=%t \
// RUN:   go tool pprof -list '^leaf$' heap.pb.gz | FileCheck %s --check-prefix=LIST
// LIST: ROUTINE ======================== leaf in {{/.*}}/test/tools/pprof.c
// LIST: 2.58kB{{ +}}2.58kB{{ +}}54:{{ +}}return malloc(n); // line 54

// ALLOC-SPACE: Type: alloc_space
// ALLOC-SPACE: Showing nodes accounting for 4975B, 100% of 4975B total
// ALLOC-SPACE: flat  flat%   sum%        cum   cum%
// ALLOC-SPACE-NEXT: 2640B 53.07% 53.07%      2640B 53.07%  leaf {{/.*/}}pprof.c:54
// ALLOC-SPACE-NEXT: 2000B 40.20% 93.27%      2000B 40.20%  main {{/.*/}}pprof.c:82
// ALLOC-SPACE-NEXT:  300B  6.03% 99.30%       300B  6.03%  run {{/.*/}}pprof.c:75
// ALLOC-SPACE-NEXT:   35B   0.7%   100%        35B   0.7%  main {{/.*/}}pprof.c:81

// ALLOC-OBJECTS: Type: alloc_objects
// ALLOC-OBJECTS: Showing nodes accounting for 20, 100% of 20 total
// ALLOC-OBJECTS: flat  flat%   sum%        cum   cum%
// ALLOC-OBJECTS-NEXT: 12 60.00% 60.00%         12 60.00%  leaf {{/.*/}}pprof.c:54
// ALLOC-OBJECTS-NEXT:  4 20.00% 80.00%          4 20.00%  main {{/.*/}}pprof.c:82

// Leaf first; the biggest traceback first, each with its blocks' size.
// TRACES: Type: inuse_space
// TRACES: -----------+-------------------------------------------------------
// TRACES-NEXT: bytes: 1000B
// TRACES-NEXT: 2000B   leaf
// TRACES-NEXT:         middle
// TRACES-NEXT:         run
// TRACES-NEXT:         main
// TRACES-NEXT: -----------+-------------------------------------------------------
// TRACES-NEXT: bytes: 64B
// TRACES-NEXT:  640B   leaf
// TRACES-NEXT:         outer
// TRACES-NEXT:         run
// TRACES-NEXT:         main
// TRACES-NEXT: -----------+-------------------------------------------------------
// TRACES-NEXT: bytes: 100B
// TRACES-NEXT:  300B   run
// TRACES-NEXT:         main
// TRACES:      -----------+-------------------------------------------------------
// TRACES-NEXT: bytes: 35B
// TRACES-NEXT:   35B   main

// The samples' values are Go's heap profile's, inuse_space the default:
// the live blocks of one size and traceback, their size the label "bytes",
// then what each traceback allocated, of any size; locations ids 1..10,
// one per distinct
// frame, in no mapping (pprof would disassemble the program around their
// address 0); the one mapping names the program.
// RAW:      PeriodType: space bytes
// RAW-NEXT: Period: 1
// RAW:      Samples:
// RAW-NEXT: alloc_objects/count alloc_space/bytes inuse_objects/count inuse_space/bytes[dflt]
// RAW-NEXT:  0  0   2       2000: 1 2 3 4 {{$}}
// RAW-NEXT:     bytes:[1000 bytes]
// RAW-NEXT:  0  0  10        640: 1 5 6 4 {{$}}
// RAW-NEXT:     bytes:[64 bytes]
// RAW-NEXT:  0  0   3        300: 7 4 8 {{$}}
// RAW-NEXT:     bytes:[100 bytes]
// RAW-NEXT:  0  0   1         35: 9 8 {{$}}
// RAW-NEXT:     bytes:[35 bytes]
// RAW-NEXT:  4 2000 0 0: 10 8 {{$}}
// RAW-NEXT:  2 2000 0 0: 1 2 3 4 {{$}}
// RAW-NEXT: 10 640  0 0: 1 5 6 4 {{$}}
// RAW-NEXT:  3 300  0 0: 7 4 8 {{$}}
// RAW-NEXT:  1 35   0 0: 9 8 {{$}}
// RAW-NEXT: Locations
// RAW-NEXT: 1: 0x0 leaf {{/.*/}}pprof.c:54 s=0
// RAW-NEXT: 2: 0x0 middle {{/.*/}}pprof.c:64 s=0
// RAW-NEXT: 3: 0x0 run {{/.*/}}pprof.c:73 s=0
// RAW-NEXT: 4: 0x0 main {{/.*/}}pprof.c:80 s=0
// RAW-NEXT: 5: 0x0 outer {{/.*/}}pprof.c:58 s=0
// RAW-NEXT: 6: 0x0 run {{/.*/}}pprof.c:71 s=0
// RAW-NEXT: 7: 0x0 run {{/.*/}}pprof.c:75 s=0
// RAW-NEXT: 8: 0x0 __libc_start_call_main {{.*}}
// RAW-NEXT: 9: 0x0 main {{/.*/}}pprof.c:81 s=0
// RAW-NEXT: 10: 0x0 main {{/.*/}}pprof.c:82 s=0
// RAW-NEXT: Mappings
// RAW-NEXT: 1: 0x0/0x0/0x0 [[PROGRAM]]  [FN][FL][LN]

// Nothing left after filtering: a valid profile without samples.
// EMPTY:      Samples:
// EMPTY-NEXT: alloc_objects/count alloc_space/bytes inuse_objects/count inuse_space/bytes[dflt]
// EMPTY-NEXT: Locations
// EMPTY-NEXT: Mappings
// EMPTY-NEXT: 1: 0x0/0x0/0x0 [[PROGRAM]]

// NO-OUTPUT: tmreport: error: 'tmreport pprof' needs -o FILE.pb.gz (try 'tmreport pprof --help')
// UNWRITABLE: tmreport: error: {{.*}}/missing/p.pb.gz: cannot open: No such file or directory
// NO-DUMP: tmreport: error: {{.*}}nothing.dump: cannot open: No such file or directory

// HELP: usage: tmreport pprof [options] DUMP -o FILE.pb.gz
// HELP: --include PATTERN
// HELP: --domain N
// HELP: -o, --output FILE
// HELP-NOT: --count
