/* The options every sub-command shares: declared once, as an X-macro list
 * expanded into the parser and the help text, so the two never disagree. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmreport.h"

#define STATS_COMMANDS (COMMAND_TOP | COMMAND_DIFF)
#define FILTER_COMMANDS                                                      \
  (COMMAND_TOP | COMMAND_DIFF | COMMAND_FOLDED | COMMAND_FLAMEGRAPH |         \
   COMMAND_PPROF | COMMAND_SPEEDSCOPE | COMMAND_HTML | COMMAND_SIZES)
#define STACK_COMMANDS (COMMAND_FOLDED | COMMAND_FLAMEGRAPH)
#define ALL_COMMANDS                                                         \
  (STATS_COMMANDS | COMMAND_INFO | STACK_COMMANDS | COMMAND_PPROF |        \
   COMMAND_SPEEDSCOPE | COMMAND_TIMELINE | COMMAND_HTML | COMMAND_SIZES)
/* The commands that write a file, named by -o. */
#define OUTPUT_COMMANDS                                                      \
  (COMMAND_FLAMEGRAPH | COMMAND_PPROF | COMMAND_SPEEDSCOPE |                 \
   COMMAND_TIMELINE | COMMAND_HTML)

/* OPTION(id, long name, short name or 0, value name or NULL, commands, doc) */
#define OPTION_LIST(OPTION)                                                  \
  OPTION(LIMIT, "limit", 'n', "N", STATS_COMMANDS,                           \
         "print the first N statistics (default 10, 0: all)")                \
  OPTION(ROWS, "limit", 'n', "N", COMMAND_HTML,                              \
         "show the first N statistics of a table, histograms of N lines "     \
         "(default 10, 0: all)")                                             \
  OPTION(LINES, "limit", 'n', "N", COMMAND_SIZES,                            \
         "print the first N lines, the biggest (default 10, 0: all)")        \
  OPTION(KEY, "key", 0, "KEY", STATS_COMMANDS,                               \
         "group by lineno (default), filename or traceback")                 \
  OPTION(CUMULATIVE, "cumulative", 0, NULL, STATS_COMMANDS | COMMAND_HTML,   \
         "count every frame, not only the most recent")                      \
  OPTION(JSON, "json", 0, NULL, STATS_COMMANDS,                              \
         "print them as one JSON document, sizes in bytes")                  \
  OPTION(ALLOCATED, "allocated", 0, NULL, COMMAND_TOP,                      \
         "count what was allocated since tracing started, freed blocks too")\
  OPTION(BYTES, "bytes", 0, NULL, STATS_COMMANDS | COMMAND_SIZES,            \
         "print sizes in bytes, exact, not rounded to KiB, MiB...")          \
  OPTION(INCLUDE, "include", 0, "PATTERN", FILTER_COMMANDS,                  \
         "keep blocks allocated in files matching PATTERN")                  \
  OPTION(EXCLUDE, "exclude", 0, "PATTERN", FILTER_COMMANDS,                  \
         "drop blocks allocated in files matching PATTERN")                  \
  OPTION(DOMAIN, "domain", 0, "N", FILTER_COMMANDS,                          \
         "keep blocks of domain N (0: the heap)")                            \
  OPTION(COUNT, "count", 0, NULL, STACK_COMMANDS,                            \
         "weigh stacks by their blocks, not their bytes")                    \
  OPTION(INVERTED, "inverted", 0, NULL, COMMAND_FLAMEGRAPH,                  \
         "roots at the top, callees below (an icicle graph)")                \
  OPTION(BY_FUNCTION, "by-function", 0, NULL, COMMAND_FLAMEGRAPH,            \
         "merge the frames of a function, whatever their lines")             \
  OPTION(OUTPUT, "output", 'o', "FILE", COMMAND_FLAMEGRAPH | COMMAND_TIMELINE,\
         "write the SVG to FILE (required)")                                 \
  OPTION(PROFILE, "output", 'o', "FILE", COMMAND_PPROF,                      \
         "write the gzipped profile to FILE (required)")                     \
  OPTION(SPEEDSCOPE_FILE, "output", 'o', "FILE", COMMAND_SPEEDSCOPE,         \
         "write the JSON file to FILE (required; -: standard output)")       \
  OPTION(PAGE, "output", 'o', "FILE", COMMAND_HTML,                          \
         "write the page to FILE (required)")                                \
  OPTION(TITLE, "title", 0, "TEXT", COMMAND_FLAMEGRAPH | COMMAND_TIMELINE,   \
         "the heading of the graph")                                         \
  OPTION(PAGE_TITLE, "title", 0, "TEXT", COMMAND_HTML,                       \
         "the title of the page")                                            \
  OPTION(HELP, "help", 'h', NULL, ALL_COMMANDS, "print this help")

typedef enum option_id {
#define OPTION_ENUM(id, name, short_name, value, commands, doc) OPTION_##id,
  OPTION_LIST(OPTION_ENUM)
#undef OPTION_ENUM
} option_id;

typedef struct option_spec {
  option_id id;
  const char *name;
  char short_name;
  const char *value; /* NULL: a flag */
  unsigned commands;
  const char *doc;
} option_spec;

static const option_spec option_specs[] = {
#define OPTION_SPEC(id, name, short_name, value, commands, doc)             \
  {OPTION_##id, name, short_name, value, commands, doc},
    OPTION_LIST(OPTION_SPEC)
#undef OPTION_SPEC
};
#define NOPTION (sizeof option_specs / sizeof option_specs[0])

void print_command_help(const command *cmd) {
  printf("usage: tmreport %s [options] %s\n\nPrints %s.\n\noptions:\n",
         cmd->name, cmd->operands, cmd->summary);
  for (size_t i = 0; i < NOPTION; i++) {
    const option_spec *o = &option_specs[i];
    if (!(o->commands & cmd->bit))
      continue;
    char left[64];
    int n = o->short_name
                ? snprintf(left, sizeof left, "-%c, --%s", o->short_name,
                           o->name)
                : snprintf(left, sizeof left, "    --%s", o->name);
    if (o->value)
      snprintf(left + n, sizeof left - (size_t)n, " %s", o->value);
    printf("  %-22s %s\n", left, o->doc);
  }
  if (cmd->bit & FILTER_COMMANDS)
    printf("\nPATTERN is matched against the file of the most recent frame "
           "with fnmatch(3),\n'*' crossing '/'.  --include, --exclude and "
           "--domain may be repeated: a block\nis kept when it matches one "
           "--include (if any), no --exclude, and one --domain\n(if any).\n");
}

/* The option `word` names ("--key", "--key=x", "-n", "-n5"), among those of
 * `cmd`; *inline_value is what followed '=' or the short letter, or NULL. */
static const option_spec *find_option(const command *cmd, const char *word,
                                      const char **inline_value) {
  *inline_value = NULL;
  for (size_t i = 0; i < NOPTION; i++) {
    const option_spec *o = &option_specs[i];
    if (!(o->commands & cmd->bit))
      continue;
    if (word[1] == '-') {
      size_t n = strlen(o->name);
      if (strncmp(word + 2, o->name, n) != 0)
        continue;
      if (word[2 + n] == '=')
        *inline_value = word + 3 + n;
      else if (word[2 + n] != '\0')
        continue;
      return o;
    }
    if (o->short_name && word[1] == o->short_name) {
      if (word[2])
        *inline_value = word + 2;
      return o;
    }
  }
  return NULL;
}

/* A decimal number in [0, max]; false when `text` is anything else. */
static bool parse_number(const char *text, unsigned long long max,
                         unsigned long long *out) {
  if (*text < '0' || *text > '9')
    return false;
  char *end;
  errno = 0;
  unsigned long long value = strtoull(text, &end, 10);
  if (errno || *end || value > max)
    return false;
  *out = value;
  return true;
}

static bool parse_key(const char *text, tm_key *key) {
  static const struct {
    const char *name;
    tm_key key;
  } keys[] = {{"lineno", TM_KEY_LINENO},
              {"filename", TM_KEY_FILENAME},
              {"traceback", TM_KEY_TRACEBACK}};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
    if (strcmp(text, keys[i].name) == 0) {
      *key = keys[i].key;
      return true;
    }
  return false;
}

/* Stores the value of option `o`; false after reporting a bad value. */
static bool apply_option(const option_spec *o, const char *value,
                         report_options *options) {
  unsigned long long number;
  switch (o->id) {
  case OPTION_LIMIT:
  case OPTION_ROWS:
  case OPTION_LINES:
    if (!parse_number(value, SIZE_MAX, &number)) {
      report_error("-n expects a number of statistics, not '%s'", value);
      return false;
    }
    options->limit = (size_t)number;
    return true;
  case OPTION_KEY:
    if (!parse_key(value, &options->key)) {
      report_error("--key expects lineno, filename or traceback, not '%s'",
                   value);
      return false;
    }
    return true;
  case OPTION_JSON:
    options->json = true;
    return true;
  case OPTION_BYTES:
    options->bytes = true;
    return true;
  case OPTION_ALLOCATED:
    options->allocated = true;
    return true;
  case OPTION_CUMULATIVE:
    options->cumulative = true;
    return true;
  case OPTION_INCLUDE:
  case OPTION_EXCLUDE:
    options->filters[options->nfilter++] =
        TM_FILTER(o->id == OPTION_INCLUDE, value);
    return true;
  case OPTION_DOMAIN:
    /* Domains are unsigned 32-bit numbers in the dump format. */
    if (!parse_number(value, UINT32_MAX, &number)) {
      report_error("--domain expects a domain number, not '%s'", value);
      return false;
    }
    options->domains[options->ndomain++] =
        TM_DOMAIN_FILTER(true, (long long)number);
    return true;
  case OPTION_COUNT:
    options->count_blocks = true;
    return true;
  case OPTION_INVERTED:
    options->inverted = true;
    return true;
  case OPTION_BY_FUNCTION:
    options->by_function = true;
    return true;
  case OPTION_OUTPUT:
  case OPTION_PROFILE:
  case OPTION_SPEEDSCOPE_FILE:
  case OPTION_PAGE:
    options->output = value;
    return true;
  case OPTION_TITLE:
  case OPTION_PAGE_TITLE:
    options->title = value;
    return true;
  case OPTION_HELP:
    options->help = true;
    return true;
  }
  return false;
}

/* Checks what no single option can check alone. */
static bool check_options(const command *cmd, report_options *options) {
  if (options->ndump < cmd->min_dump || options->ndump > cmd->max_dump) {
    report_error("'tmreport %s' takes %s, got %zu file%s (try 'tmreport %s "
                 "--help')",
                 cmd->name, cmd->operands, options->ndump,
                 options->ndump == 1 ? "" : "s", cmd->name);
    return false;
  }
  if ((cmd->bit & OUTPUT_COMMANDS) && !options->output) {
    /* The operands name the file: "DUMP -o FILE.svg". */
    const char *file = strstr(cmd->operands, "-o ");
    report_error("'tmreport %s' needs %s (try 'tmreport %s --help')",
                 cmd->name, file ? file : "-o FILE", cmd->name);
    return false;
  }
  if (options->allocated && (options->json || options->cumulative)) {
    report_error("--allocated does not go with --%s",
                 options->json ? "json" : "cumulative");
    return false;
  }
  if (options->cumulative && options->key == TM_KEY_TRACEBACK) {
    report_error("--cumulative needs --key lineno or --key filename");
    return false;
  }
  return true;
}

bool parse_options(const command *cmd, int argc, char **argv,
                   report_options *options) {
  *options = (report_options){.limit = 10, .key = TM_KEY_LINENO};
  /* At most one filter per word: the arrays never grow. */
  options->filters = calloc((size_t)argc + 1, sizeof *options->filters);
  options->domains = calloc((size_t)argc + 1, sizeof *options->domains);
  if (!options->filters || !options->domains) {
    report_error("out of memory");
    return false;
  }
  bool operands_only = false;
  for (int i = 0; i < argc; i++) {
    const char *word = argv[i];
    if (operands_only || word[0] != '-' || word[1] == '\0') {
      if (options->ndump == sizeof options->dumps / sizeof options->dumps[0]) {
        report_error("unexpected argument '%s' (try 'tmreport %s --help')",
                     word, cmd->name);
        return false;
      }
      options->dumps[options->ndump++] = word;
      continue;
    }
    if (strcmp(word, "--") == 0) {
      operands_only = true;
      continue;
    }
    const char *value;
    const option_spec *o = find_option(cmd, word, &value);
    if (!o) {
      report_error("unknown option '%s' for 'tmreport %s' (try 'tmreport %s "
                   "--help')",
                   word, cmd->name, cmd->name);
      return false;
    }
    if (!o->value && value) {
      report_error("option '%s' takes no value", word);
      return false;
    }
    if (o->value && !value) {
      if (i + 1 == argc) {
        report_error("option '%s' needs a value: %s", word, o->value);
        return false;
      }
      value = argv[++i];
    }
    if (!apply_option(o, value, options))
      return false;
  }
  return options->help || check_options(cmd, options);
}

void free_options(report_options *options) {
  free(options->filters);
  free(options->domains);
}
