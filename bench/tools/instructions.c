/*
 * instructions: what a callgrind profile says a run cost.
 *
 *   instructions FILE
 *
 * FILE is the output of valgrind --tool=callgrind run with
 * --compress-strings=no.  Prints one line:
 *
 *   <instructions executed> <calls to the malloc family>
 *
 * The calls are those to malloc, calloc, realloc, reallocarray,
 * aligned_alloc, posix_memalign, memalign, valloc and pvalloc from
 * anywhere (operator new calls malloc): in a baseline run, the program's
 * allocations, which the bench divides the instructions tracing adds by.
 * Exits 1 with a message when the file is not such a profile.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool allocates(const char *name) {
  static const char *const family[] = {
      "malloc",        "calloc",   "realloc", "reallocarray", "aligned_alloc",
      "posix_memalign", "memalign", "valloc",  "pvalloc",
  };
  for (size_t i = 0; i < sizeof family / sizeof *family; i++)
    if (strcmp(name, family[i]) == 0)
      return true;
  return false;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: instructions CALLGRIND-FILE\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "r");
  if (!f) {
    perror(argv[1]);
    return 1;
  }
  char line[4096];
  uint64_t instructions = 0, calls = 0;
  bool have_total = false, callee_allocates = false;
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    if (strncmp(line, "cfn=", 4) == 0) {
      if (line[4] == '(' && line[5] >= '0' && line[5] <= '9') {
        fprintf(stderr, "instructions: %s: compressed names; run callgrind "
                        "with --compress-strings=no\n", argv[1]);
        return 1;
      }
      callee_allocates = allocates(line + 4);
    } else if (strncmp(line, "calls=", 6) == 0) {
      if (callee_allocates)
        calls += strtoull(line + 6, NULL, 10);
      callee_allocates = false;
    } else if (strncmp(line, "totals:", 7) == 0 ||
               strncmp(line, "summary:", 8) == 0) {
      instructions = strtoull(strchr(line, ':') + 1, NULL, 10);
      have_total = true;
    }
  }
  fclose(f);
  if (!have_total) {
    fprintf(stderr, "instructions: %s: no totals line: not a callgrind "
                    "profile, or a run that did not end\n", argv[1]);
    return 1;
  }
  printf("%" PRIu64 " %" PRIu64 "\n", instructions, calls);
  return 0;
}
