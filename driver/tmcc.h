/*
 * tmcc.h -- the state shared by the parts of the tmcc/tmc++ compiler driver.
 *
 * tmcc runs clang with the user's arguments plus what tracing needs: the
 * TraceMalloc pass plugin and frame pointers when compiling, the runtime
 * library when linking.  It works in order:
 *
 *   args.c           picks tmcc or tmc++, scans the arguments into a
 *                    struct tm_state, and later builds clang's arguments
 *   response_file.c  expands @file arguments for the scan
 *   paths.c          reads the environment, finds clang, the plugin, the
 *                    runtime and the header
 *   main.c           puts these together and execs clang
 *   diag.c           reports errors and allocates memory that cannot fail
 */
#ifndef TMCC_H
#define TMCC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdnoreturn.h>

/* The files tmcc brings into a build, as the pass and runtime name them. */
#define TM_PLUGIN_FILE "TraceMalloc.so"
#define TM_RUNTIME_LIBRARY "tracemalloc" /* -ltracemalloc */
#define TM_RUNTIME_FILE "lib" TM_RUNTIME_LIBRARY ".so"
/* Defined in every translation unit tmcc builds, so that code can #ifdef
 * its calls to the API. */
#define TM_BUILD_MACRO "__TRACEMALLOC__"

/* What differs between tmcc and tmc++ (one binary, chosen by argv[0]). */
struct tm_driver {
  const char *name;          /* "tmcc": in messages and --version */
  const char *clang_name;    /* "clang": the compiler it stands in for */
  const char *clang_env_var; /* the variable naming another compiler */
  const char *default_clang; /* the compiler when that variable is unset */
};

/* The environment, read once by tm_read_environment(); NULL when unset. */
struct tm_environment {
  const char *clang;       /* TMCC_CLANG for tmcc, TMCXX_CLANG for tmc++ */
  const char *plugin;      /* TMCC_PLUGIN: path of TraceMalloc.so */
  const char *runtime_dir; /* TMCC_RUNTIME_DIR: holds libtracemalloc.so */
};

/*
 * The last step a command runs, in clang's order.  When several of these
 * options are given the earliest step wins, as in clang: "-c -E" only
 * preprocesses.
 */
enum tm_mode {
  TM_MODE_PREPROCESS,   /* -E, -M, -MM */
  TM_MODE_SYNTAX_ONLY,  /* -fsyntax-only, --analyze, --precompile */
  TM_MODE_ASSEMBLY,     /* -S */
  TM_MODE_OBJECT,       /* -c */
  TM_MODE_PARTIAL_LINK, /* -r: a relocatable object, not yet a program */
  TM_MODE_LINK,         /* a program or, with -shared, a shared library */
};

/* What tmcc learns from its name, command line and environment. */
struct tm_state {
  const struct tm_driver *driver;
  struct tm_environment env;
  /* The only argument is "--version": tmcc answers, clang is not run. */
  bool version_query;
  /* The only argument is "--help" (or "-help"): tmcc lists its own
   * options, then clang lists its. */
  bool help_query;
  enum tm_mode mode;
  /*
   * Source, object or linker inputs were given.  Without any, the command
   * is a query (-print-*, -dumpversion, --help...) and goes to clang as is.
   */
  bool has_inputs;
  /* Some -g option was given, -g0 included: the user chose debug info. */
  bool has_debug_option;
  /* -static or -static-pie: the runtime cannot interpose malloc there. */
  bool static_link;
  /* -ftm-wrapper=f,g,...: functions whose callers are allocation sites,
   * comma-joined over every -ftm-wrapper given; NULL when none. */
  const char *wrappers;
  /* -ftm-no-auto-wrapper: a function that returns the block it allocated
   * is not taken for a wrapper; its own line is charged. */
  bool no_auto_wrapper;
  /*
   * tmcc's own arguments go before argv[insert_at]: at the end (argc), or
   * before the argument that holds a "--", after which clang reads every
   * argument as an input file.
   */
  int insert_at;
};

/* The files a command needs; NULL for those it does not need. */
struct tm_support_files {
  const char *include_dir; /* holds tracemalloc.h */
  const char *plugin;      /* TraceMalloc.so */
  const char *runtime_dir; /* holds libtracemalloc.so; absolute, for rpath */
};

/* Whether the command generates code, so that the pass plugin must run. */
static inline bool tm_generates_code(const struct tm_state *state) {
  return state->has_inputs && state->mode >= TM_MODE_ASSEMBLY;
}

/* Whether the command links a program or a shared library, which needs the
 * runtime: a shared library gets it as a dependency the way a program does. */
static inline bool tm_links_runtime(const struct tm_state *state) {
  return state->has_inputs && state->mode == TM_MODE_LINK;
}

/* One argument after response file expansion. */
struct tm_arg {
  const char *text;
  int origin; /* index of the argv element it comes from */
};

struct tm_arg_list {
  struct tm_arg *items;
  size_t count;
  size_t capacity;
};

/* args.c */
const struct tm_driver *tm_driver_named(const char *argv0);
void tm_scan_arguments(struct tm_state *state, int argc, char **argv);
char **tm_build_clang_argv(const struct tm_state *state, const char *clang,
                           const struct tm_support_files *files, int argc,
                           char **argv);

/* response_file.c */
struct tm_arg_list tm_expand_response_files(int argc, char **argv);

/* paths.c */
void tm_read_environment(struct tm_state *state);
const char *tm_clang_path(const struct tm_state *state);
void tm_find_support_files(const struct tm_state *state,
                           struct tm_support_files *files);

/* diag.c */
void tm_diag_init(const char *program_name);
noreturn void tm_fatal(const char *format, ...)
    __attribute__((format(printf, 1, 2)));
void *tm_xrealloc(void *ptr, size_t size);
char *tm_xasprintf(const char *format, ...)
    __attribute__((format(printf, 1, 2)));

#endif /* TMCC_H */
