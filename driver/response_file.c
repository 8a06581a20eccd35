/*
 * Expansion of @file response files, as clang does it, for the argument
 * scan only: clang still gets the original @file arguments and reads them
 * itself.
 *
 * clang (llvm::cl::ExpansionContext with the GNU tokenizer) expands every
 * argument that starts with '@' and names a readable file, before it parses
 * options: "-o @x" and "-- @x" expand too.  Response files may name other
 * response files; relative names are relative to the working directory,
 * not to the including file.  An argument whose file cannot be read stays
 * as it is, and clang then reports it as a missing input file.
 */
#include "tmcc.h"

#include <stdio.h>
#include <stdlib.h>

/*
 * clang stops with an error on a response file that includes itself; tmcc
 * stops expanding at this depth instead and leaves the error to clang.
 */
enum { MAX_RESPONSE_FILE_DEPTH = 32 };

static void expand(struct tm_arg_list *list, const char *arg, int origin,
                   int depth);

static void append(struct tm_arg_list *list, const char *text, int origin) {
  if (list->count == list->capacity) {
    list->capacity = list->capacity ? 2 * list->capacity : 64;
    list->items =
        tm_xrealloc(list->items, list->capacity * sizeof *list->items);
  }
  list->items[list->count++] = (struct tm_arg){text, origin};
}

/* The contents of the file at `path`, NUL-terminated, or NULL. */
static char *read_file(const char *path) {
  FILE *file = fopen(path, "r");
  if (!file)
    return NULL;

  size_t length = 0, capacity = 4096;
  char *text = tm_xrealloc(NULL, capacity);
  size_t got;
  while ((got = fread(text + length, 1, capacity - length - 1, file)) > 0) {
    length += got;
    if (capacity - length == 1) {
      capacity *= 2;
      text = tm_xrealloc(text, capacity);
    }
  }
  bool failed = ferror(file); /* e.g. EISDIR: a directory opens fine */
  fclose(file);
  if (failed) {
    free(text);
    return NULL;
  }
  text[length] = '\0';
  return text;
}

/* LLVM's isWhitespace(), which its tokenizers use. */
static bool is_separator(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Splits `text` into arguments in place, as LLVM's tokenizeGNUCommandLine
 * does, and expands each.  Whitespace separates arguments; a backslash
 * takes the next character literally, inside quotes too; single and double
 * quotes group alike; an unterminated quote runs to the end of the file;
 * empty arguments ('') are dropped.  An argument is never longer than its
 * source text, so it is written over it.
 */
static void expand_text(struct tm_arg_list *list, char *text, int origin,
                        int depth) {
  char *in = text, *out = text;

  for (;;) {
    while (is_separator(*in))
      in++;
    if (*in == '\0')
      return;

    char *arg = out;
    while (*in != '\0' && !is_separator(*in)) {
      if (*in == '\\' && in[1] != '\0') {
        in++;
        *out++ = *in++;
      } else if (*in == '\'' || *in == '"') {
        char quote = *in++;
        while (*in != '\0' && *in != quote) {
          if (*in == '\\' && in[1] != '\0')
            in++;
          *out++ = *in++;
        }
        if (*in == quote)
          in++;
      } else {
        *out++ = *in++;
      }
    }
    /* `out` is at most at the separator (or the end): step past it,
     * then end the argument there. */
    if (*in != '\0')
      in++;
    *out++ = '\0';
    if (*arg != '\0')
      expand(list, arg, origin, depth);
  }
}

static void expand(struct tm_arg_list *list, const char *arg, int origin,
                   int depth) {
  if (arg[0] == '@' && depth < MAX_RESPONSE_FILE_DEPTH) {
    char *contents = read_file(arg + 1);
    if (contents) {
      expand_text(list, contents, origin, depth + 1);
      return;
    }
  }
  append(list, arg, origin);
}

struct tm_arg_list tm_expand_response_files(int argc, char **argv) {
  struct tm_arg_list list = {0};
  for (int i = 1; i < argc; i++)
    expand(&list, argv[i], i, 0);
  return list;
}
