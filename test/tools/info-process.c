// RUN: cd %S && %tmcc -O1 info-process.c -o %t
// RUN: date +%%s%%N > %t.before
// RUN: env TRACEMALLOC=1 TRACEMALLOC_DUMP=%t.dump %t > %t.out
// RUN: date +%%s%%N > %t.after
// RUN: env TZ=UTC %tmreport info %t.dump > %t.info
// RUN: cat %t.out %t.info | FileCheck %s -DDUMP=%t.dump -DPROGRAM=%t
// RUN: python3 %S/Inputs/info_dates.py %t.info %t.before %t.out %t.after | FileCheck %s --check-prefix=DATES
// RUN: python3 %inputs/dump_sections.py rewrite %t.dump %t.v2.dump --version 2
// RUN: %tmreport info %t.v2.dump | FileCheck %s --check-prefix=V2
// tmreport info names the program and the pid a dump comes from, the time
// its snapshot was taken (at exit, after the program's last clock reading)
// and the time tracing started (before main, before its first), to the
// nanosecond in local time (here UTC).  A dump of format version 2 does
// not know them.
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

void *kept;

int main(void) {
  kept = malloc(300);
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  printf("pid=%ld\nmain=%lld%09ld\n", (long)getpid(), (long long)now.tv_sec,
         now.tv_nsec);
  return 0;
}

// CHECK:      pid=[[PID:[0-9]+]]
// CHECK:      file: [[DUMP]]
// CHECK-NEXT: format version: 5
// CHECK-NEXT: program: [[PROGRAM]]
// CHECK-NEXT: pid: [[PID]]
// CHECK-NEXT: time: {{[0-9-]+ [0-9:]+\.[0-9]{9} \+0000 UTC}}
// CHECK-NEXT: tracing since: {{[0-9-]+ [0-9:]+\.[0-9]{9} \+0000 UTC}}
// CHECK-NEXT: traceback limit: 1
// CHECK-NEXT: blocks: {{[0-9]+}}
// CHECK:      allocation sites: {{[0-9]+}}
// CHECK-NEXT: allocations since start: {{[0-9]+}}
// CHECK-NEXT: allocated since start: {{[0-9]+}} B
// CHECK-EMPTY:

// DATES:      tracing since: between the clock readings
// DATES-NEXT: time: between the clock readings

// V2:      format version: 2
// V2-NEXT: program: unknown
// V2-NEXT: pid: unknown
// V2-NEXT: time: unknown
// V2-NEXT: tracing since: unknown
// V2-NEXT: traceback limit: 1
