/*
 * Where things are: clang, the pass plugin, the runtime and the header.
 *
 * The plugin, runtime and header are found from tmcc's own location, never
 * from a path baked in at build time: the build tree and an install both
 * hold bin/tmcc, lib/TraceMalloc.so, lib/libtracemalloc.so and
 * include/tracemalloc.h.  Environment variables override each location.
 */
#include "tmcc.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* An unset and an empty variable both mean "use the default". */
static const char *read_variable(const char *name) {
  const char *value = getenv(name);
  return value && value[0] != '\0' ? value : NULL;
}

void tm_read_environment(struct tm_state *state) {
  state->env.clang = read_variable(state->driver->clang_env_var);
  state->env.plugin = read_variable("TMCC_PLUGIN");
  state->env.runtime_dir = read_variable("TMCC_RUNTIME_DIR");
}

const char *tm_clang_path(const struct tm_state *state) {
  return state->env.clang ? state->env.clang : state->driver->default_clang;
}

/*
 * The directory above the one holding the tmcc executable.  The kernel
 * resolves /proc/self/exe through every symlink, so tmc++ (a symlink to
 * tmcc) and a tmcc linked into another bin directory find the real one.
 */
static const char *install_prefix(void) {
  char exe[PATH_MAX];
  ssize_t length = readlink("/proc/self/exe", exe, sizeof exe);
  if (length < 0 || (size_t)length == sizeof exe)
    tm_fatal("cannot find where tmcc is installed: reading "
             "/proc/self/exe failed: %s; run it on Linux with /proc "
             "mounted",
             length < 0 ? strerror(errno) : "path too long");
  exe[length] = '\0';
  return tm_xasprintf("%s", dirname(dirname(exe)));
}

/*
 * Returns `path` if it can be read, else ends tmcc saying what is missing
 * and how to point tmcc at it: `env_var`, or reinstalling when `path` is
 * tmcc's default.
 */
static const char *require_file(const struct tm_state *state, const char *path,
                                const char *file, const char *env_var,
                                bool from_env) {
  if (access(path, R_OK) == 0)
    return path;
  if (from_env)
    tm_fatal("cannot find %s at %s (from %s): %s; fix or unset %s", file, path,
             env_var, strerror(errno), env_var);
  tm_fatal("cannot find %s next to %s (looked in %s); set %s or reinstall",
           file, state->driver->name, path, env_var);
}

static const char *find_plugin(const struct tm_state *state,
                               const char *prefix) {
  bool from_env = state->env.plugin != NULL;
  const char *path = from_env ? state->env.plugin
                              : tm_xasprintf("%s/lib/" TM_PLUGIN_FILE, prefix);
  return require_file(state, path, TM_PLUGIN_FILE, "TMCC_PLUGIN", from_env);
}

static const char *find_runtime_dir(const struct tm_state *state,
                                    const char *prefix) {
  bool from_env = state->env.runtime_dir != NULL;
  const char *dir =
      from_env ? state->env.runtime_dir : tm_xasprintf("%s/lib", prefix);
  require_file(state, tm_xasprintf("%s/" TM_RUNTIME_FILE, dir), TM_RUNTIME_FILE,
               "TMCC_RUNTIME_DIR", from_env);

  /* The directory goes into the program's rpath, which a relative
   * TMCC_RUNTIME_DIR would tie to the working directory. */
  char *absolute = realpath(dir, NULL);
  if (!absolute)
    tm_fatal("cannot resolve %s: %s", dir, strerror(errno));
  return absolute;
}

void tm_find_support_files(const struct tm_state *state,
                           struct tm_support_files *files) {
  const char *prefix = install_prefix();
  files->include_dir = tm_xasprintf("%s/include", prefix);
  if (tm_generates_code(state))
    files->plugin = find_plugin(state, prefix);
  if (tm_links_runtime(state))
    files->runtime_dir = find_runtime_dir(state, prefix);
}
