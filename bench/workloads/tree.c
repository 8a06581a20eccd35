/*
 * tree: a program where allocation is a minority of the time, as in most
 * real ones.  Counts generated words in a binary search tree of strings
 * (a node and a strdup'ed key per new word), looks words up many times,
 * deletes some and inserts more, then frees the tree.  Most of the time
 * goes to comparing strings on the way down the tree.
 *
 *   tree [words]     (default 200000)
 *
 * Inserts `words` words, looks up 10 times as many, deletes `words` / 4
 * and inserts `words` / 4 again.  The keys are random, so the tree stays
 * about 2 ln(n) deep without balancing.  Prints a checksum line.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "random.h"

#define LOOKUPS_PER_WORD 10
#define MAX_WORD 12

struct node {
  char *key;
  long count;
  struct node *left, *right;
};

static uint64_t rng = RANDOM_SEED;

/* A word of 3 to 12 letters from a 12-letter alphabet: short words repeat,
 * long ones rarely do. */
static void generate_word(char word[MAX_WORD + 1]) {
  uint64_t r = xorshift(&rng);
  size_t length = 3 + r % (MAX_WORD - 3 + 1);
  r >>= 8;
  for (size_t i = 0; i < length; i++) {
    word[i] = "etaoinshrdlu"[r % 12];
    r = i % 8 == 7 ? xorshift(&rng) : r >> 5;
  }
  word[length] = '\0';
}

/* The link that points, or would point, to `key`'s node. */
static struct node **find(struct node **link, const char *key) {
  while (*link) {
    int order = strcmp(key, (*link)->key);
    if (order == 0)
      break;
    link = order < 0 ? &(*link)->left : &(*link)->right;
  }
  return link;
}

static int insert(struct node **root, const char *key) {
  struct node **link = find(root, key);
  if (*link) {
    (*link)->count++;
    return 0;
  }
  struct node *n = malloc(sizeof *n);
  if (!n || !(n->key = strdup(key)))
    return -1;
  n->count = 1;
  n->left = n->right = NULL;
  *link = n;
  return 0;
}

/* Unlinks the node at *link, replacing it by its in-order successor when
 * it has two children. */
static void delete(struct node **link) {
  struct node *n = *link;
  if (!n->left) {
    *link = n->right;
  } else if (!n->right) {
    *link = n->left;
  } else {
    struct node **successor = &n->right;
    while ((*successor)->left)
      successor = &(*successor)->left;
    struct node *s = *successor;
    *successor = s->right;
    s->left = n->left;
    s->right = n->right;
    *link = s;
  }
  free(n->key);
  free(n);
}

/* Folds the keys, in order, and their counts into the checksum; frees. */
static uint64_t checksum_and_free(struct node *n, uint64_t checksum) {
  while (n) {
    checksum = checksum_and_free(n->left, checksum);
    for (const char *c = n->key; *c; c++)
      checksum = checksum * 31 + (unsigned char)*c;
    checksum += (uint64_t)n->count;
    struct node *right = n->right;
    free(n->key);
    free(n);
    n = right;
  }
  return checksum;
}

int main(int argc, char **argv) {
  long words = argc > 1 ? atol(argv[1]) : 200000;
  struct node *root = NULL;
  char word[MAX_WORD + 1];
  for (long i = 0; i < words; i++) {
    generate_word(word);
    if (insert(&root, word))
      return 1;
  }
  uint64_t found = 0;
  for (long i = 0; i < words * LOOKUPS_PER_WORD; i++) {
    generate_word(word);
    struct node *n = *find(&root, word);
    if (n)
      found += (uint64_t)n->count;
  }
  uint64_t deleted = 0;
  for (long i = 0; i < words / 4; i++) {
    generate_word(word);
    struct node **link = find(&root, word);
    if (*link) {
      delete(link);
      deleted++;
    }
  }
  for (long i = 0; i < words / 4; i++) {
    generate_word(word);
    if (insert(&root, word))
      return 1;
  }
  uint64_t checksum = checksum_and_free(root, found * 1000003 + deleted);
  printf("tree checksum %llu\n", (unsigned long long)checksum);
  return 0;
}
