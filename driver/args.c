/*
 * The command line: which driver runs (tmcc or tmc++), what the user's
 * arguments ask clang to do, and the arguments clang gets in the end.
 *
 * The scan reads the arguments once, response files expanded, into the
 * state; the rewrite builds clang's arguments from that state alone.  The
 * user's arguments reach clang unchanged and in order, @files unexpanded;
 * tmcc's own go after them, or before a "--".
 */
#include "tmcc.h"

#include <string.h>

static const struct tm_driver c_driver = {
    .name = "tmcc",
    .clang_name = "clang",
    .clang_env_var = "TMCC_CLANG",
    .default_clang = TM_DEFAULT_CLANG,
};

static const struct tm_driver cxx_driver = {
    .name = "tmc++",
    .clang_name = "clang++",
    .clang_env_var = "TMCXX_CLANG",
    .default_clang = TM_DEFAULT_CLANGXX,
};

/* tmc++ is a symlink to tmcc; like clang, any name with "++" means C++. */
const struct tm_driver *tm_driver_named(const char *argv0) {
  if (!argv0)
    return &c_driver;
  const char *slash = strrchr(argv0, '/');
  const char *base = slash ? slash + 1 : argv0;
  return strstr(base, "++") ? &cxx_driver : &c_driver;
}

static bool starts_with(const char *text, const char *prefix) {
  return strncmp(text, prefix, strlen(prefix)) == 0;
}

#define ARRAY_LENGTH(array) (sizeof(array) / sizeof((array)[0]))

/*
 * Options whose value is the next argument when written alone: "-o out",
 * "-MF deps.d", "-Xclang -foo".  Their joined spellings ("-oout") are one
 * argument and need no entry.  These are clang 19's Separate and
 * JoinedOrSeparate options (Options.td), less those for Darwin, Windows and
 * Objective-C migration, which tmcc does not run on or for.
 */
/* clang-format off */
static const char *const options_with_separate_value[] = {
  /* output and driver */
  "-o", "--output", "-x", "--language", "-dumpdir", "-serialize-diagnostics",
  "--serialize-diagnostics", "--config", "-working-directory",
  "-resource-dir", "-B", "--prefix", "-ccc-gcc-name", "-ccc-install-dir",
  "-target", "-mthread-model", "-meabi", "--mhwdiv", "-hlsl-entry",
  "-gen-cdb-fragment-path", "--param", "--rtlib", "--stdlib", "-vfsoverlay",
  "--print-file-name", "--print-prog-name", "--analyzer-output",
  "-ftrapv-handler", "-fmodules-user-build-path",
  "-fexperimental-openacc-macro-override",
  /* preprocessor */
  "-D", "--define-macro", "-U", "--undefine-macro", "-A", "--assert",
  "-I", "--include-directory", "--include-directory-after", "-include",
  "--include", "-imacros", "--imacros", "-include-pch", "-idirafter",
  "-iprefix", "--include-prefix", "-iwithprefix", "--include-with-prefix",
  "--include-with-prefix-after", "-iwithprefixbefore",
  "--include-with-prefix-before", "-iquote", "-isystem", "-isystem-after",
  "-isysroot", "--sysroot", "-iwithsysroot", "-imultilib", "-ivfsoverlay",
  "-cxx-isystem", "-stdlib++-isystem", "-iapinotes-modules",
  "--system-header-prefix", "--no-system-header-prefix",
  /* dependency files */
  "-MF", "-MJ", "-MQ", "-MT", "-dependency-file", "-dependency-dot",
  "-module-dependency-dir",
  /* arguments passed on to another tool */
  "-Xanalyzer", "-Xarch_device", "-Xarch_host", "-Xassembler", "-Xclang",
  "-Xcuda-fatbinary", "-Xcuda-ptxas", "-Xlinker", "-Xopenmp-target",
  "-Xpreprocessor", "-mllvm", "-mmlir",
  /* linker */
  "-L", "--library-directory", "-l", "-T", "-u", "-e", "-z", "-rpath", "-b",
  "-G", "--for-linker", "--force-link",
};
/* clang-format on */

/* Options with a joined part and then a separate value:
 * "-Xarch_x86_64 -foo", "-Xopenmp-target=<triple> -foo". */
static const char *const prefixes_with_separate_value[] = {
    "-Xarch_", "-Xopenmp-target=", "-Xoffload-linker"};

static bool takes_separate_value(const char *option) {
  for (size_t i = 0; i < ARRAY_LENGTH(options_with_separate_value); i++)
    if (strcmp(option, options_with_separate_value[i]) == 0)
      return true;
  for (size_t i = 0; i < ARRAY_LENGTH(prefixes_with_separate_value); i++)
    if (starts_with(option, prefixes_with_separate_value[i]))
      return true;
  return false;
}

/* The options that stop clang before linking, with the step they stop at. */
static const struct {
  const char *option;
  enum tm_mode mode;
} mode_options[] = {
    {"-E", TM_MODE_PREPROCESS},
    {"--preprocess", TM_MODE_PREPROCESS},
    {"-M", TM_MODE_PREPROCESS},
    {"--dependencies", TM_MODE_PREPROCESS},
    {"-MM", TM_MODE_PREPROCESS},
    {"--user-dependencies", TM_MODE_PREPROCESS},
    {"-fsyntax-only", TM_MODE_SYNTAX_ONLY},
    {"--analyze", TM_MODE_SYNTAX_ONLY},
    {"--precompile", TM_MODE_SYNTAX_ONLY},
    {"-S", TM_MODE_ASSEMBLY},
    {"--assemble", TM_MODE_ASSEMBLY},
    {"-c", TM_MODE_OBJECT},
    {"--compile", TM_MODE_OBJECT},
    {"-r", TM_MODE_PARTIAL_LINK},
};

static void scan_mode(struct tm_state *state, const char *option) {
  for (size_t i = 0; i < ARRAY_LENGTH(mode_options); i++)
    if (strcmp(option, mode_options[i].option) == 0 &&
        mode_options[i].mode < state->mode)
      state->mode = mode_options[i].mode;
}

/* Every -g option, level or modifier ("-g0", "-gdwarf-4", "-gz"); not the
 * few unrelated options that happen to start with -g. */
static bool is_debug_option(const char *option) {
  return starts_with(option, "-g") && !starts_with(option, "-gen-") &&
         strcmp(option, "-gpulibc") != 0;
}

/* clang counts these as inputs: with only "-lm" or "-Wl,x.o" it links. */
static bool is_linker_input(const char *option) {
  return starts_with(option, "-l") || starts_with(option, "-Wl,") ||
         strcmp(option, "-Xlinker") == 0;
}

/* "-" alone is standard input, not an option. */
static bool is_option(const char *arg) {
  return arg[0] == '-' && arg[1] != '\0';
}

#define TM_WRAPPER_OPTION "-ftm-wrapper="
#define TM_NO_AUTO_WRAPPER_OPTION "-ftm-no-auto-wrapper"

/* tmcc's own options start with -ftm- so that they can never clash with
 * clang's; they are not passed on, so they must be arguments of tmcc's,
 * not lines of a response file that clang reads itself. */
static void scan_own_option(struct tm_state *state, const char *option,
                            bool from_response_file) {
  bool no_auto_wrapper = strcmp(option, TM_NO_AUTO_WRAPPER_OPTION) == 0;
  if (!no_auto_wrapper && (!starts_with(option, TM_WRAPPER_OPTION) ||
                           !option[strlen(TM_WRAPPER_OPTION)]))
    tm_fatal("unknown option '%s'", option);
  if (from_response_file)
    tm_fatal("'%s' cannot come from a response file (@file): give it on "
             "the command line", option);
  if (no_auto_wrapper) {
    state->no_auto_wrapper = true;
    return;
  }
  const char *names = option + strlen(TM_WRAPPER_OPTION);
  state->wrappers = state->wrappers
                        ? tm_xasprintf("%s,%s", state->wrappers, names)
                        : names;
}

static void scan_option(struct tm_state *state, const char *option) {
  scan_mode(state, option);
  if (is_debug_option(option))
    state->has_debug_option = true;
  if (is_linker_input(option))
    state->has_inputs = true;
  if (strcmp(option, "-static") == 0 || strcmp(option, "-static-pie") == 0)
    state->static_link = true;
}

void tm_scan_arguments(struct tm_state *state, int argc, char **argv) {
  state->version_query = argc == 2 && strcmp(argv[1], "--version") == 0;
  state->help_query = argc == 2 && (strcmp(argv[1], "--help") == 0 ||
                                    strcmp(argv[1], "-help") == 0);
  state->mode = TM_MODE_LINK;
  state->insert_at = argc;

  struct tm_arg_list args = tm_expand_response_files(argc, argv);
  bool after_double_dash = false;

  for (size_t i = 0; i < args.count; i++) {
    const char *arg = args.items[i].text;
    if (after_double_dash || !is_option(arg)) {
      state->has_inputs = true;
    } else if (strcmp(arg, "--") == 0) {
      /* tmcc's arguments must go before the "--", or before the @file
       * holding it. */
      after_double_dash = true;
      state->insert_at = args.items[i].origin;
    } else if (starts_with(arg, "-ftm-")) {
      scan_own_option(state, arg, argv[args.items[i].origin][0] == '@');
    } else {
      scan_option(state, arg);
      /* The option's separate value ("-o -c") is not an option. */
      if (takes_separate_value(arg))
        i++;
    }
  }
}

struct arg_vector {
  char **items;
  size_t count;
  size_t capacity;
};

static void add(struct arg_vector *vector, const char *arg) {
  if (vector->count == vector->capacity) {
    vector->capacity = 2 * vector->capacity + 16;
    vector->items =
        tm_xrealloc(vector->items, vector->capacity * sizeof *vector->items);
  }
  vector->items[vector->count++] = (char *)arg; /* execv's type */
}

/*
 * tmcc's own arguments, from the state, for a command with inputs.  All are
 * options, which a user's "-x <language>" does not apply to, so none needs
 * an "-x none" before it; an input file added here would.  (An "-x none"
 * with no input after it makes clang warn, which fails -Werror builds.)
 */
static void add_tracing_args(struct arg_vector *vector,
                             const struct tm_state *state,
                             const struct tm_support_files *files) {
  /* #include <tracemalloc.h>, whether or not code is generated: -E and
   * -M must see the same header as the compile. */
  add(vector, tm_xasprintf("-I%s", files->include_dir));
  add(vector, "-D" TM_BUILD_MACRO "=1");

  if (tm_generates_code(state)) {
    add(vector, tm_xasprintf("-fpass-plugin=%s", files->plugin));
    /* -mllvm options of a plugin exist only once it is loaded, and
     * -fplugin loads it before clang reads them. */
    if (state->wrappers || state->no_auto_wrapper)
      add(vector, tm_xasprintf("-fplugin=%s", files->plugin));
    if (state->wrappers) {
      add(vector, "-mllvm");
      add(vector, tm_xasprintf("-tracemalloc-wrapper=%s", state->wrappers));
    }
    if (state->no_auto_wrapper) {
      add(vector, "-mllvm");
      add(vector, "-tracemalloc-auto-wrapper=false");
    }
    /* The runtime walks frame pointers for tracebacks. */
    add(vector, "-fno-omit-frame-pointer");
    add(vector, "-mno-omit-leaf-frame-pointer");
    /* Line tables name the file and line of each frame. */
    if (!state->has_debug_option)
      add(vector, "-gline-tables-only");
  }
}

/*
 * The runtime, linked before the user's arguments: the dynamic linker
 * looks a symbol up in the libraries in the order they are linked, so the
 * runtime's malloc must come before that of a -ljemalloc or
 * -ltcmalloc_minimal the user gives (after it, theirs would win and
 * nothing would be traced; the runtime forwards to the next malloc, theirs,
 * either way).  --no-as-needed: no object refers to it yet at that point.
 */
static void add_runtime_args(struct arg_vector *vector,
                             const struct tm_support_files *files) {
  add(vector, "-Wl,--push-state,--no-as-needed");
  add(vector, tm_xasprintf("-L%s", files->runtime_dir));
  /* The program then runs wherever the runtime is, build tree or
   * install, without LD_LIBRARY_PATH. */
  add(vector, tm_xasprintf("-Wl,-rpath,%s", files->runtime_dir));
  add(vector, "-l" TM_RUNTIME_LIBRARY);
  add(vector, "-Wl,--pop-state");
}

char **tm_build_clang_argv(const struct tm_state *state, const char *clang,
                           const struct tm_support_files *files, int argc,
                           char **argv) {
  struct arg_vector vector = {0};

  /* clang++ is a symlink to clang and tells itself apart by argv[0]. */
  add(&vector, clang);
  if (state->has_inputs && tm_links_runtime(state))
    add_runtime_args(&vector, files);
  for (int i = 1; i < state->insert_at; i++)
    if (!starts_with(argv[i], "-ftm-")) /* tmcc's own, not clang's */
      add(&vector, argv[i]);
  if (state->has_inputs)
    add_tracing_args(&vector, state, files);
  for (int i = state->insert_at; i < argc; i++)
    add(&vector, argv[i]);
  add(&vector, NULL);
  return vector.items;
}
