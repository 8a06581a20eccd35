// RUN: rm -f %t.dump && %tmcc -O1 %s -o %t && %t %t.dump > %t.out
// RUN: python3 %inputs/dump_sections.py rewrite %t.dump %t.v4.dump --version 4
// RUN: python3 %inputs/dump_sections.py rewrite %t.dump %t.v3.dump --version 3
// RUN: python3 %inputs/dump_sections.py rewrite %t.dump %t.v2.dump --version 2
// RUN: python3 %inputs/dump_sections.py rewrite %t.dump %t.v1.dump --version 1
// RUN: python3 %inputs/format_doc_reader.py %srcroot/docs/format.md %t.dump %t.v4.dump %t.v3.dump %t.v2.dump %t.v1.dump >> %t.out
// RUN: FileCheck %s < %t.out
// The Python reader that docs/format.md shows reads what the library
// writes, in every version it documents: the traces, the limit, the
// timeline, the process fields the program sees in its own snapshot, the
// allocations, and the wrappers a block was allocated through (version 5;
// a rewrite as version 4 drops them).
#include <stdio.h>
#include <stdlib.h>
#include <tracemalloc.h>

static void *keep[16];

/* A wrapper (it returns its block): its blocks are charged to main. */
__attribute__((noinline)) static void *make(size_t n) { return malloc(n); }

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  tm_start(2);
  for (int i = 0; i < 10; i++)
    keep[i] = make(100);
  for (int i = 10; i < 16; i++)
    keep[i] = malloc(4000);
  tm_snapshot *snap = tm_take_snapshot();
  const tm_process *p = tm_snapshot_process(snap);
  const tm_timeline_point *points;
  printf("%zu %s %llu %llu %llu %s\n", tm_snapshot_timeline(snap, &points),
         p->program, (unsigned long long)p->pid,
         (unsigned long long)p->time_ns, (unsigned long long)p->start_ns,
         p->ndirectories == 1 ? p->directories[0] : "?");
  int status = tm_snapshot_dump(snap, argv[1]);
  tm_snapshot_free(snap);
  return status;
}

// CHECK:      [[POINTS:[0-9]+]] [[PROGRAM:[^ ]+]] [[PID:[0-9]+]] [[TIME:[0-9]+]] [[START:[0-9]+]] [[DIR:/[^ ]+]]
// CHECK-NEXT: blocks=16 bytes=25000 limit=2 points=[[POINTS]] allocations=16 allocated=25000 wrappers=make{{$}}
// CHECK-NEXT: program=[[PROGRAM]] pid=[[PID]] time_ns=[[TIME]] start_ns=[[START]] directories=[[DIR]]{{$}}
// CHECK-NEXT: blocks=16 bytes=25000 limit=2 points=[[POINTS]] allocations=16 allocated=25000 wrappers={{$}}
// CHECK-NEXT: program=[[PROGRAM]] pid=[[PID]] time_ns=[[TIME]] start_ns=[[START]] directories=[[DIR]]{{$}}
// CHECK-NEXT: blocks=16 bytes=25000 limit=2 points=[[POINTS]] allocations=0 allocated=0 wrappers={{$}}
// CHECK-NEXT: program=[[PROGRAM]] pid=[[PID]] time_ns=[[TIME]] start_ns=[[START]] directories=[[DIR]]{{$}}
// CHECK-NEXT: blocks=16 bytes=25000 limit=2 points=[[POINTS]] allocations=0 allocated=0 wrappers={{$}}
// CHECK-NEXT: program=? pid=? time_ns=? start_ns=? directories=?
// CHECK-NEXT: blocks=16 bytes=25000 limit=2 points=0 allocations=0 allocated=0 wrappers={{$}}
// CHECK-NEXT: program=? pid=? time_ns=? start_ns=? directories=?
// CHECK-EMPTY:
