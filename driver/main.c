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

/* tmcc's own part of --help; clang's follows. */
static void print_help(const struct tm_state *state, const char *clang) {
  const struct tm_driver *driver = state->driver;
  printf("Usage: %s [clang options and files]\n"
         "\n"
         "Runs %s with allocation tracing: the TraceMalloc pass plugin on\n"
         "the code it compiles, frame pointers and line tables, and\n"
         "libtracemalloc on the programs and libraries it links.  Run them\n"
         "with TRACEMALLOC=1 (or the number of frames to keep) to trace.\n"
         "\n"
         "%s's own options:\n"
         "  -ftm-wrapper=F[,G...]   functions F, G... wrap an allocator: "
         "calls to\n"
         "                          them are allocation sites, their blocks "
         "charged\n"
         "                          to the caller's line\n"
         "  -ftm-no-auto-wrapper    a function that returns the block it "
         "allocates\n"
         "                          is no wrapper: its own line is "
         "charged\n"
         "  --version               %s's version, the clang it runs and the "
         "LLVM\n"
         "                          of its plugin\n"
         "  --help                  this list, then clang's\n"
         "\n"
         "Environment:\n"
         "  %-23s the %s to run (%s)\n"
         "  TMCC_PLUGIN             the pass plugin (lib/%s beside tmcc's "
         "bin)\n"
         "  TMCC_RUNTIME_DIR        the directory of %s (lib beside "
         "tmcc's bin)\n"
         "\n"
         "Code it compiles sees %s defined as 1.  See %s(1).\n"
         "\n"
         "%s's options:\n",
         driver->name, driver->clang_name, driver->name, driver->name,
         driver->clang_env_var, driver->clang_name, clang, TM_PLUGIN_FILE,
         TM_RUNTIME_FILE, TM_BUILD_MACRO, driver->name, driver->clang_name);
  /* Before execv replaces the process and its buffer. */
  fflush(stdout);
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
  if (state.help_query)
    print_help(&state, clang);

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
