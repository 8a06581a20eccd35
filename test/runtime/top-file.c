// RUN: %tmcc -O1 %s -o %t
// RUN: rm -f %t.data %t.top.*
// RUN: env TRACEMALLOC=1 TRACEMALLOC_TOP=3 %t reopen %t.data >/dev/null
// RUN: FileCheck %s --check-prefix=DATA --input-file=%t.data --match-full-lines
// RUN: count 1 <%t.data
// RUN: env TRACEMALLOC=1 TRACEMALLOC_TOP=3 TRACEMALLOC_TOP_FILE=%t.top.%%p %t close >%t.pid
// RUN: FileCheck %s --check-prefix=TOP --input-file=%t.top.$(cat %t.pid) --match-full-lines
// RUN: count 1 <%t.top.$(cat %t.pid)
// RUN: env TRACEMALLOC=1 TRACEMALLOC_TOP=3 TRACEMALLOC_TOP_FILE=%t.top.%%p %t reopen %t.data >%t.pid
// RUN: FileCheck %s --check-prefix=TOP --input-file=%t.top.$(cat %t.pid) --match-full-lines
// RUN: count 1 <%t.data
// RUN: env TRACEMALLOC=1 TRACEMALLOC_TOP=3 TRACEMALLOC_TOP_FILE=%t.top.%%p %t fork >%t.pids
// RUN: FileCheck %s --check-prefix=PARENT --input-file=%t.top.$(cut -d' ' -f1 %t.pids) --match-full-lines
// RUN: FileCheck %s --check-prefix=CHILD --input-file=%t.top.$(cut -d' ' -f2 %t.pids) --match-full-lines
// RUN: echo old >%t.top.exists
// RUN: env TRACEMALLOC=1 TRACEMALLOC_TOP=3 TRACEMALLOC_TOP_FILE=%t.top.exists %t 2>&1 >/dev/null | FileCheck %s --check-prefix=EXISTS
// RUN: FileCheck %s --check-prefix=OLD --input-file=%t.top.exists --match-full-lines
// RUN: env TRACEMALLOC=1 TRACEMALLOC_TOP_FILE=%t.top.%%p %t 2>&1 >/dev/null | FileCheck %s --check-prefix=NOTOP
// TRACEMALLOC_TOP writes only to the stderr the program started with: a
// program that closes stderr and opens a file that lands on descriptor 2
// (as `sort -o` may) keeps that file as it wrote it.  TRACEMALLOC_TOP_FILE
// puts the report in a new file instead (%p: the process id), so a parent
// and its child each write their own, in Python's text; an existing file
// is left alone, with one warning.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void *blocks[20];

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  for (int i = 0; i < 10; i++)
    blocks[i] = malloc(100); // line 37
  const char *mode = argc > 1 ? argv[1] : "";
  if (strcmp(mode, "close") == 0 || strcmp(mode, "reopen") == 0)
    fclose(stderr);
  if (strcmp(mode, "reopen") == 0) {
    int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd != STDERR_FILENO)
      return 1; /* the test needs the file on descriptor 2 */
    write(fd, "data\n", 5);
  }
  if (strcmp(mode, "fork") == 0) {
    pid_t child = fork();
    if (child == 0) {
      for (int i = 10; i < 13; i++)
        blocks[i] = malloc(30); // line 51
      exit(0);
    }
    for (int i = 13; i < 18; i++)
      blocks[i] = malloc(50); // line 55
    waitpid(child, NULL, 0);
    printf("%d %d\n", (int)getpid(), (int)child);
    return 0;
  }
  if (strcmp(mode, "close") == 0 || strcmp(mode, "reopen") == 0)
    printf("%d\n", (int)getpid());
  return 0;
}
// DATA: data

// TOP: {{.*}}top-file.c:37: size=1000 B, count=10, average=100 B

// PARENT:      {{.*}}top-file.c:37: size=1000 B, count=10, average=100 B
// PARENT-NEXT: {{.*}}top-file.c:55: size=250 B, count=5, average=50 B
// PARENT-NOT:  {{.}}
// CHILD:       {{.*}}top-file.c:37: size=1000 B, count=10, average=100 B
// CHILD-NEXT:  {{.*}}top-file.c:51: size=90 B, count=3, average=30 B
// CHILD-NOT:   {{.}}

// EXISTS: tracemalloc: warning: TRACEMALLOC_TOP_FILE: cannot create {{.*}}.top.exists: File exists
// OLD: old

// NOTOP: tracemalloc: warning: ignoring TRACEMALLOC_TOP_FILE={{.*}}: set TRACEMALLOC_TOP to the number of lines
