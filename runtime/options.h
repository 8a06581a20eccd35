/*
 * Environment variables that trace a program without touching its source.
 * Declared once, as an X-macro list expanded into the struct and the
 * parser; the doc strings are the ones docs/api.md shows.
 */
#ifndef TM_OPTIONS_H
#define TM_OPTIONS_H

/* OPTION(name, variable, minimum, maximum, doc) -- all integers for now */
#define TM_OPTION_LIST(OPTION)                                                \
  OPTION(nframe, "TRACEMALLOC", 0, 65535,                                    \
         "start tracing before main, with this many frames per traceback "   \
         "(0: do not start)")                                                \
  OPTION(top, "TRACEMALLOC_TOP", 0, 1000000,                                 \
         "at exit, print the top N statistics by line to stderr")

typedef struct tm_options {
#define TM_OPTION_FIELD(name, variable, minimum, maximum, doc) long name;
  TM_OPTION_LIST(TM_OPTION_FIELD)
#undef TM_OPTION_FIELD
} tm_options;

/* Reads the environment once and starts tracing if TRACEMALLOC asks. */
void tm_options_apply_at_start(void);
/* Prints what TRACEMALLOC_TOP asks for. */
void tm_options_apply_at_exit(void);

#endif /* TM_OPTIONS_H */
