/*
 * word-index.c -- a program whose memory has a shape, to read reports on.
 *
 * It loads a corpus of generated documents, indexes their words in a hash
 * table that doubles as it fills, frees the corpus, then answers queries,
 * keeping up to 256 of their result lists in a cache.
 * Its memory grows while it loads and indexes, falls when the corpus goes,
 * and settles at the index and the cache: what is alive at exit.
 *
 * It does not call the tracemalloc API: it is traced from the outside, as
 * docs/guide.md ("Reading a report") does to draw its reports:
 *
 *     tmcc -O2 word-index.c -o word-index
 *     TRACEMALLOC=8 TRACEMALLOC_DUMP=index.tmd ./word-index [DOCUMENTS]
 *     tmreport top index.tmd
 *
 * DOCUMENTS is the size of the corpus (400 by default).  Everything is
 * generated from a fixed seed, so every run with the same DOCUMENTS
 * allocates the same blocks.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    DEFAULT_DOCUMENTS = 400,
    MAX_DOCUMENTS = 100000,
    WORDS_PER_DOCUMENT = 3000,
    VOCABULARY = 6000,   /* words of at most 3 letters: 6000 < 26 * 26 * 26 */
    WORD_ROOM = 4,       /* 3 letters and a space */
    QUERIES = 20000,
    CACHED_RESULTS = 256
};

/* xorshift32: the same "random" corpus and queries on every run. */
static uint32_t seed = 2463534242u;

static uint32_t next_random(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    return seed;
}

/* A word of the vocabulary, skewed towards the first ones as in real text:
 * the product of two uniform numbers is small more often than not. */
static unsigned pick_word(void)
{
    uint64_t a = next_random() % VOCABULARY, b = next_random() % VOCABULARY;
    return (unsigned)(a * b / VOCABULARY);
}

/* Word number n, spelled in base 26 ("a", "b", ..., "ba", ...), into out. */
static size_t spell(unsigned n, char *out)
{
    char reversed[WORD_ROOM];
    size_t length = 0;
    do {
        reversed[length++] = (char)('a' + n % 26);
        n /= 26;
    } while (n > 0);
    for (size_t i = 0; i < length; i++)
        out[i] = reversed[length - 1 - i];
    return length;
}

/* ----- the corpus --------------------------------------------------- */

struct document {
    char *text;   /* words separated by single spaces */
    size_t length;
};

static struct document *corpus;
static uint32_t ndocuments;

static int document_new(struct document *d)
{
    d->text = malloc(WORDS_PER_DOCUMENT * WORD_ROOM);   /* document text */
    if (d->text == NULL)
        return -1;
    d->length = 0;
    for (int w = 0; w < WORDS_PER_DOCUMENT; w++) {
        d->length += spell(pick_word(), d->text + d->length);
        d->text[d->length++] = ' ';
    }
    return 0;
}

static int load_corpus(void)
{
    corpus = calloc(ndocuments, sizeof *corpus);        /* the corpus */
    if (corpus == NULL)
        return -1;
    for (uint32_t i = 0; i < ndocuments; i++)
        if (document_new(&corpus[i]) != 0)
            return -1;
    return 0;
}

static void free_corpus(void)
{
    for (uint32_t i = 0; i < ndocuments; i++)
        free(corpus[i].text);
    free(corpus);
}

/* ----- the index: word -> the documents it appears in ------------------ */

struct entry {
    struct entry *next;  /* in its bucket */
    char *word;
    uint32_t *documents; /* ascending, each once */
    size_t ndocuments, capacity;
};

static struct {
    struct entry **buckets;
    size_t nbuckets, nentries;
} index_table;

static uint64_t hash(const char *word, size_t length)
{
    uint64_t h = 14695981039346656037u; /* FNV-1a */
    for (size_t i = 0; i < length; i++)
        h = (h ^ (unsigned char)word[i]) * 1099511628211u;
    return h;
}

/* Twice the buckets, the entries moved over. */
static int table_grow(void)
{
    size_t nbuckets = index_table.nbuckets ? index_table.nbuckets * 2 : 64;
    struct entry **buckets = calloc(nbuckets, sizeof *buckets);  /* buckets */
    if (buckets == NULL)
        return -1;
    for (size_t b = 0; b < index_table.nbuckets; b++) {
        struct entry *e = index_table.buckets[b], *next;
        for (; e != NULL; e = next) {
            next = e->next;
            size_t to = hash(e->word, strlen(e->word)) & (nbuckets - 1);
            e->next = buckets[to];
            buckets[to] = e;
        }
    }
    free(index_table.buckets);
    index_table.buckets = buckets;
    index_table.nbuckets = nbuckets;
    return 0;
}

static struct entry *entry_new(const char *word, size_t length)
{
    struct entry *e = calloc(1, sizeof *e);             /* index entry */
    if (e == NULL)
        return NULL;
    e->word = malloc(length + 1);                       /* its word */
    if (e->word == NULL) {
        free(e);
        return NULL;
    }
    memcpy(e->word, word, length);
    e->word[length] = '\0';
    return e;
}

/* The bucket a word belongs in. */
static struct entry **bucket_of(const char *word, size_t length)
{
    size_t b = hash(word, length) & (index_table.nbuckets - 1);
    return &index_table.buckets[b];
}

/* The entry of a word, or NULL when it is not in the index. */
static struct entry *lookup(const char *word, size_t length)
{
    if (index_table.nbuckets == 0)
        return NULL;
    for (struct entry *e = *bucket_of(word, length); e != NULL; e = e->next)
        if (strlen(e->word) == length && memcmp(e->word, word, length) == 0)
            return e;
    return NULL;
}

/* The entry of a word, made when new; NULL without memory. */
static struct entry *find_or_add(const char *word, size_t length)
{
    struct entry *e = lookup(word, length);
    if (e != NULL)
        return e;
    if (index_table.nentries >= index_table.nbuckets && table_grow() != 0)
        return NULL;
    e = entry_new(word, length);
    if (e != NULL) {
        struct entry **bucket = bucket_of(word, length);
        e->next = *bucket;
        *bucket = e;
        index_table.nentries++;
    }
    return e;
}

static int add_posting(struct entry *e, uint32_t document)
{
    if (e->ndocuments > 0 && e->documents[e->ndocuments - 1] == document)
        return 0;
    if (e->ndocuments == e->capacity) {
        size_t capacity = e->capacity ? e->capacity * 2 : 4;
        uint32_t *documents =
            realloc(e->documents, capacity * sizeof *documents); /* postings */
        if (documents == NULL)
            return -1;
        e->documents = documents;
        e->capacity = capacity;
    }
    e->documents[e->ndocuments++] = document;
    return 0;
}

static int index_document(uint32_t number, const struct document *d)
{
    for (size_t at = 0; at < d->length;) {
        size_t length = strcspn(d->text + at, " ");
        struct entry *e = find_or_add(d->text + at, length);
        if (e == NULL || add_posting(e, number) != 0)
            return -1;
        at += length + 1;
    }
    return 0;
}

static int build_index(void)
{
    for (uint32_t i = 0; i < ndocuments; i++)
        if (index_document(i, &corpus[i]) != 0)
            return -1;
    return 0;
}

/* ----- queries, and a cache of their results ----------------------------- */

struct hit {
    uint32_t document;
    float score;
};

/* The documents a word is in, best first. */
struct result {
    unsigned word; /* its number + 1; 0: an empty slot */
    size_t nhits;
    struct hit *hits;
};

/* Direct-mapped: a word's result can only be in the slot of its number. */
static struct result cache[CACHED_RESULTS];
static unsigned cache_hits;

static struct hit *rank(const struct entry *e)
{
    struct hit *hits = malloc(e->ndocuments * sizeof *hits);  /* hits */
    if (hits == NULL)
        return NULL;
    for (size_t i = 0; i < e->ndocuments; i++)
        hits[i] = (struct hit){e->documents[i], 1.0f / (float)(i + 1)};
    return hits;
}

/* The result of a query for word number `word`, from the cache when it is
 * there, else ranked and cached in place of the slot's last one. */
static const struct result *query(unsigned word)
{
    struct result *r = &cache[word % CACHED_RESULTS];
    if (r->word == word + 1) {
        cache_hits++;
        return r;
    }
    char text[WORD_ROOM];
    const struct entry *e = lookup(text, spell(word, text));
    struct hit *hits = e != NULL ? rank(e) : NULL;
    if (e != NULL && hits == NULL)
        return NULL;
    free(r->hits);
    *r = (struct result){word + 1, e != NULL ? e->ndocuments : 0, hits};
    return r;
}

static int answer_queries(void)
{
    for (int q = 0; q < QUERIES; q++)
        if (query(pick_word()) == NULL)
            return -1;
    return 0;
}

/* The number of documents the command line asks for, or 0 when it is not
 * one from 1 to MAX_DOCUMENTS. */
static long documents_wanted(int argc, char **argv)
{
    if (argc == 1)
        return DEFAULT_DOCUMENTS;
    char *end;
    long n = strtol(argv[1], &end, 10);
    bool number = argc == 2 && end != argv[1] && *end == '\0';
    return number && n >= 1 && n <= MAX_DOCUMENTS ? n : 0;
}

int main(int argc, char **argv)
{
    /* Unbuffered stdout: its buffer would otherwise be a block of the
     * C library's among the program's. */
    setvbuf(stdout, NULL, _IONBF, 0);
    long wanted = documents_wanted(argc, argv);
    if (wanted == 0) {
        fprintf(stderr, "usage: word-index [DOCUMENTS (1 to %d)]\n",
                MAX_DOCUMENTS);
        return 2;
    }
    ndocuments = (uint32_t)wanted;
    if (load_corpus() != 0 || build_index() != 0) {
        fputs("word-index: out of memory\n", stderr);
        return 1;
    }
    free_corpus();
    if (answer_queries() != 0) {
        fputs("word-index: out of memory\n", stderr);
        return 1;
    }
    printf("%u documents, %zu distinct words, %d queries, %u from the cache\n",
           (unsigned)ndocuments, index_table.nentries, QUERIES, cache_hits);
    return 0;
}
