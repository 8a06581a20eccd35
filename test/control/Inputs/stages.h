/* The stages of the test programs: a file the program creates when it is
 * done with one ("stageN", holding its pid), a file the test creates to
 * start the next ("goN").  While it waits the program calls free() now and
 * then, as a program that does anything does, which is where control
 * starts. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void mark(const char *name) {
  FILE *f = fopen(name, "w");
  fprintf(f, "%ld\n", (long)getpid());
  fclose(f);
}

/* Volatile: the compiler would drop a free(NULL). */
static void *volatile nothing;

static void await(const char *name) {
  while (access(name, F_OK) != 0) {
    free(nothing);
    usleep(10000);
  }
}
