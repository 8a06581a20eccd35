/*
 * deep-stack: blocks allocated deep in the stack, where a tracer that
 * unwinds pays for every frame.  A recursive-descent parser reads generated
 * documents of arithmetic over numbers, names, strings, calls and
 * JSON-like lists, builds each document's syntax tree (nodes and copied
 * token strings: blocks of 8 to 128 B, most of 16 to 128 B), evaluates it
 * and frees it before reading the next one: a churn of trees.
 *
 *   deep-stack [blocks]     (default 10000000)
 *
 * parse_expr, parse_term and parse_factor call each other, with
 * parse_items between them for calls and lists: 3 or 4 frames per level
 * of brackets.  A document is an envelope of ENVELOPE one-argument calls
 * around a body, MIN_DEPTH to MAX_DEPTH levels deep in all, with side
 * branches off the path to the deepest level; so nearly every block is
 * allocated 20 to 45 frames deep (docs/performance.md has the measured
 * depths).  Every function of the parser is noinline, as in a parser
 * spread over several files, so that each level really costs its frames.
 *
 * Parses documents until `blocks` blocks have been allocated (the last
 * document is completed: some 600 blocks more, on average).  Prints a checksum of the
 * documents' values and the number of blocks.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "random.h"

#define NOINLINE __attribute__((noinline))

enum { ENVELOPE = 3, MIN_DEPTH = 6, MAX_DEPTH = 9, MAX_ITEMS = 6 };

/* ---- the documents ---------------------------------------------------- */

/* Past DOCUMENT_MAX - MARGIN the generator adds no more side branches: what
 * the open levels still need to close fits in the margin. */
enum { DOCUMENT_MAX = 1 << 20, MARGIN = 64 << 10 };

static char document[DOCUMENT_MAX];
static size_t length;
static uint64_t rng = RANDOM_SEED;

static void put(char c) { document[length++] = c; }

static void put_letters(size_t min, size_t max, const char *alphabet, size_t n) {
  size_t count = min + xorshift(&rng) % (max - min + 1);
  uint64_t r = xorshift(&rng);
  for (size_t i = 0; i < count; i++, r >>= 5) {
    if (i % 12 == 11)
      r = xorshift(&rng);
    put(alphabet[r % n]);
  }
}

/* Names of 15 to 63 letters and strings of 15 to 127 characters: copied
 * with their terminator, blocks of 16 to 64 and 16 to 128 B. */
static void put_name(void) { put_letters(15, 63, "etaoinshrdlucmfw_", 17); }

static void put_leaf(void) {
  uint64_t r = xorshift(&rng);
  switch (r % 8) {
  case 0: case 1: case 2: case 3:
    length += sprintf(document + length, "%u", (unsigned)(r >> 8) % 1000000000u);
    break;
  case 4: case 5:
    put_name();
    break;
  default:
    put('"');
    put_letters(15, 127, "etaoin shrdlu", 13);
    put('"');
  }
}

static void put_expr(int level, int depth, bool spine);

/* A call or a list of 1 to MAX_ITEMS expressions, one of them on the spine
 * when this is. */
static void put_items(int level, int depth, bool spine, char close) {
  int n = 1 + xorshift(&rng) % MAX_ITEMS, on_spine = spine ? (int)(xorshift(&rng) % n) : -1;
  for (int i = 0; i < n; i++) {
    if (i)
      put(',');
    put_expr(level, depth, i == on_spine);
  }
  put(close);
}

/* A factor at `level` of brackets.  The spine goes down to `depth`; the
 * side branches off it go down 3 in 8 times at each level, so they stay
 * small, and nowhere past `depth`. */
static void put_factor(int level, int depth, bool spine) {
  uint64_t r = xorshift(&rng);
  bool down = level < depth && (spine || (r % 8 < 3 && length < DOCUMENT_MAX - MARGIN));
  if (!down) {
    put_leaf();
    return;
  }
  switch ((r >> 3) % 4) {
  case 0:
    put('(');
    put_expr(level + 1, depth, spine);
    put(')');
    break;
  case 1:
    put_name();
    put('(');
    put_items(level + 1, depth, spine, ')');
    break;
  case 2:
    put('[');
    put_items(level + 1, depth, spine, ']');
    break;
  default:
    put('-');
    put_factor(level, depth, spine);
  }
}

/* 1 or 2 terms of 1 or 2 factors; inside the envelope, a lone call. */
static void put_expr(int level, int depth, bool spine) {
  if (level < ENVELOPE) {
    put_name();
    put('(');
    put_expr(level + 1, depth, spine);
    put(')');
    return;
  }
  uint64_t r = xorshift(&rng);
  int terms = 1 + r % 2, on_spine = spine ? (int)((r >> 1) % terms) : -1;
  for (int t = 0; t < terms; t++) {
    if (t)
      put("+-"[(r >> (2 + t)) & 1]);
    int factors = 1 + (r >> (4 + 2 * t)) % 2;
    int spine_factor = t == on_spine ? (int)((r >> (5 + 2 * t)) % factors) : -1;
    for (int f = 0; f < factors; f++) {
      if (f)
        put("*/"[(r >> (9 + f + 2 * t)) & 1]);
      put_factor(level, depth, f == spine_factor);
    }
  }
}

static void generate_document(void) {
  length = 0;
  put_expr(0, MIN_DEPTH + xorshift(&rng) % (MAX_DEPTH - MIN_DEPTH + 1), true);
  put('\0');
}

/* ---- the parser -------------------------------------------------------- */

enum kind { NUMBER, NAME, STRING, CALL, LIST, NEGATE, ADD, SUB, MUL, DIV };

struct node {
  enum kind kind;
  unsigned count; /* items of a call or a list */
  union {
    uint64_t number;
    char *text; /* a name, a string, the function of a call */
  };
  struct node *left, *right; /* operands; NEGATE has only left */
  struct node **items;
};

enum token { END, NUMBER_TOKEN, NAME_TOKEN, STRING_TOKEN, PUNCTUATION };

static const char *cursor;
static struct {
  enum token kind;
  const char *start; /* of a name's or a string's text */
  size_t length;
  uint64_t number;
  char punctuation;
} token;
static long blocks;

static _Noreturn void fail(const char *what) {
  fprintf(stderr, "deep-stack: %s at offset %td\n", what, cursor - document);
  exit(1);
}

NOINLINE static void advance(void) {
  const char *p = cursor;
  if (*p == '\0') {
    token.kind = END;
  } else if (*p >= '0' && *p <= '9') {
    token.kind = NUMBER_TOKEN;
    token.number = 0;
    while (*p >= '0' && *p <= '9')
      token.number = token.number * 10 + (uint64_t)(*p++ - '0');
  } else if (*p == '"') {
    token.kind = STRING_TOKEN;
    token.start = ++p;
    p = strchr(p, '"');
    if (!p)
      fail("unterminated string");
    token.length = (size_t)(p++ - token.start);
  } else if ((*p >= 'a' && *p <= 'z') || *p == '_') {
    token.kind = NAME_TOKEN;
    token.start = p;
    while ((*p >= 'a' && *p <= 'z') || *p == '_')
      p++;
    token.length = (size_t)(p - token.start);
  } else {
    token.kind = PUNCTUATION;
    token.punctuation = *p++;
  }
  cursor = p;
}

static bool at(char punctuation) {
  return token.kind == PUNCTUATION && token.punctuation == punctuation;
}

NOINLINE static void expect(char punctuation) {
  if (!at(punctuation))
    fail("unexpected token");
  advance();
}

NOINLINE static struct node *new_node(enum kind kind) {
  struct node *n = malloc(sizeof *n);
  if (!n)
    fail("out of memory");
  blocks++;
  n->kind = kind;
  n->count = 0;
  n->left = n->right = NULL;
  n->items = NULL;
  return n;
}

NOINLINE static char *copy_token(void) {
  char *text = malloc(token.length + 1);
  if (!text)
    fail("out of memory");
  blocks++;
  memcpy(text, token.start, token.length);
  text[token.length] = '\0';
  return text;
}

static struct node *parse_expr(void);

/* Expressions separated by commas up to `close`, into n->items. */
NOINLINE static void parse_items(struct node *n, char close) {
  struct node *items[MAX_ITEMS];
  unsigned count = 0;
  for (;;) {
    if (count == MAX_ITEMS)
      fail("too many items");
    items[count++] = parse_expr();
    if (!at(','))
      break;
    advance();
  }
  expect(close);
  n->items = malloc(count * sizeof *items);
  if (!n->items)
    fail("out of memory");
  blocks++;
  memcpy(n->items, items, count * sizeof *items);
  n->count = count;
}

NOINLINE static struct node *parse_factor(void) {
  struct node *n;
  switch (token.kind) {
  case NUMBER_TOKEN:
    n = new_node(NUMBER);
    n->number = token.number;
    advance();
    return n;
  case STRING_TOKEN:
    n = new_node(STRING);
    n->text = copy_token();
    advance();
    return n;
  case NAME_TOKEN: {
    char *name = copy_token();
    advance();
    bool call = at('(');
    n = new_node(call ? CALL : NAME);
    n->text = name;
    if (call) {
      advance();
      parse_items(n, ')');
    }
    return n;
  }
  case PUNCTUATION:
    if (at('(')) {
      advance();
      n = parse_expr();
      expect(')');
      return n;
    }
    if (at('[')) {
      advance();
      n = new_node(LIST);
      parse_items(n, ']');
      return n;
    }
    if (at('-')) {
      advance();
      n = new_node(NEGATE);
      n->left = parse_factor();
      return n;
    }
    fail("unexpected punctuation");
  case END:
    fail("unexpected end");
  }
  return NULL;
}

NOINLINE static struct node *parse_term(void) {
  struct node *n = parse_factor();
  while (at('*') || at('/')) {
    struct node *operation = new_node(at('*') ? MUL : DIV);
    advance();
    operation->left = n;
    operation->right = parse_factor();
    n = operation;
  }
  return n;
}

NOINLINE static struct node *parse_expr(void) {
  struct node *n = parse_term();
  while (at('+') || at('-')) {
    struct node *operation = new_node(at('+') ? ADD : SUB);
    advance();
    operation->left = n;
    operation->right = parse_term();
    n = operation;
  }
  return n;
}

NOINLINE static struct node *parse_document(const char *text) {
  cursor = text;
  advance();
  struct node *root = parse_expr();
  if (token.kind != END)
    fail("text after the expression");
  return root;
}

/* ---- evaluation -------------------------------------------------------- */

static uint64_t hash(const char *text) {
  uint64_t h = 1469598103934665603ull;
  for (; *text; text++)
    h = (h ^ (unsigned char)*text) * 1099511628211ull;
  return h;
}

/* The tree's value (wrapping arithmetic; names and strings are their
 * hashes, a call or a list folds its items); frees the tree. */
static uint64_t evaluate_and_free(struct node *n) {
  uint64_t value = 0, right;
  switch (n->kind) {
  case NUMBER: value = n->number; break;
  case NAME:
  case STRING: value = hash(n->text); free(n->text); break;
  case CALL:
  case LIST:
    value = n->kind == CALL ? hash(n->text) : 7;
    for (unsigned i = 0; i < n->count; i++)
      value = value * 31 + evaluate_and_free(n->items[i]);
    if (n->kind == CALL)
      free(n->text);
    free(n->items);
    break;
  case NEGATE: value = -evaluate_and_free(n->left); break;
  default:
    value = evaluate_and_free(n->left);
    right = evaluate_and_free(n->right);
    switch (n->kind) {
    case ADD: value += right; break;
    case SUB: value -= right; break;
    case MUL: value *= right; break;
    default: value /= right | 1; break;
    }
  }
  free(n);
  return value;
}

int main(int argc, char **argv) {
  long target = argc > 1 ? atol(argv[1]) : 10000000;
  uint64_t checksum = 0;
  while (blocks < target) {
    generate_document();
    checksum = checksum * 1000003 + evaluate_and_free(parse_document(document));
  }
  printf("deep-stack checksum %llu blocks %ld\n", (unsigned long long)checksum, blocks);
  return 0;
}
