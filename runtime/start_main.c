/*
 * The moment main starts, for TRACEMALLOC_SNAPSHOT_AT=main.
 *
 * A handler exit() runs before the destructors of static objects must be
 * registered after them, that is after the static constructors have run
 * and before main: no constructor of the runtime's can be ordered there.
 * glibc's start-up code calls __libc_start_main with the program's main;
 * the runtime defines it (found before libc's, preloaded or linked by
 * tmcc) and hands libc a main of its own that notes the moment and calls
 * the program's.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>

#include "options.h"
#include "unwind.h"

typedef int main_function(int, char **, char **);
typedef int start_main_function(main_function *main, int argc, char **argv,
                                void (*init)(void), void (*fini)(void),
                                void (*rtld_fini)(void), void *stack_end);

static main_function *program_main;

/* A tail call, so that main returns where this was to return: into the
 * start-up code, at the address that tells a walk main's frame is the
 * outermost (unwind.h). */
static int main_of_the_runtime(int argc, char **argv, char **envp) {
  tm_main_return = (uintptr_t)__builtin_return_address(0);
  tm_options_main_starts();
  __attribute__((musttail)) return program_main(argc, argv, envp);
}

TM_EXPORT int __libc_start_main(main_function *main, int argc, char **argv,
                                void (*init)(void), void (*fini)(void),
                                void (*rtld_fini)(void), void *stack_end) {
  start_main_function *next =
      (start_main_function *)dlsym(RTLD_NEXT, "__libc_start_main");
  if (!next) {
    tm_report("error: cannot find the C library's __libc_start_main: %s",
              dlerror());
    abort();
  }
  program_main = main;
  return next(main_of_the_runtime, argc, argv, init, fini, rtld_fini,
              stack_end);
}
