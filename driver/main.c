/*
 * tmcc and tmc++: drop-in replacements for clang and clang++ that build
 * programs with allocation tracing.  tmcc learns what the command does,
 * finds what tracing needs for it, and execs clang with the user's
 * arguments plus its own.
 */
#include "tmcc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* After access() or execv() failed: errno says why. */
static noreturn void cannot_run_clang(const struct tm_state *state,
                                      const char *clang) {
  const struct tm_driver *driver = state->driver;
  tm_fatal("cannot run %s '%s': %s; set %s to a %s %d", driver->clang_name,
           clang, strerror(errno), driver->clang_env_var, driver->clang_name,
           TM_LLVM_VERSION_MAJOR);
}

static void print_version(const struct tm_state *state, const char *clang) {
  printf("%s (tracemalloc for C) %s\n", state->driver->name, TM_VERSION_STRING);
  printf("%s: %s\n", state->driver->clang_name, clang);
  printf("plugin built for LLVM %s\n", TM_LLVM_VERSION);
}

int main(int argc, char **argv) {
  struct tm_state state = {.driver = tm_driver_named(argv[0])};
  tm_diag_init(state.driver->name);
  tm_read_environment(&state);
  tm_scan_arguments(&state, argc, argv);

  const char *clang = tm_clang_path(&state);
  if (state.version_query) {
    print_version(&state, clang);
    return 0;
  }
  /* Checked first so that a wrong clang is reported before anything the
   * tracing adds. */
  if (access(clang, X_OK) != 0)
    cannot_run_clang(&state, clang);

  /* The runtime finds the C library's malloc with dlsym(RTLD_NEXT), which a
   * static program does not have: refuse here rather than fail at run time. */
  if (state.static_link && tm_links_runtime(&state))
    tm_fatal("-static is not supported: tracing needs a dynamically linked "
             "program (drop -static, or build this binary with %s)",
             state.driver->clang_name);

  struct tm_support_files files = {0};
  if (state.has_inputs)
    tm_find_support_files(&state, &files);

  execv(clang, tm_build_clang_argv(&state, clang, &files, argc, argv));
  cannot_run_clang(&state, clang);
}
