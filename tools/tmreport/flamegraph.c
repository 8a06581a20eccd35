/*
 * tmreport flamegraph: the live memory of a dump as one self-contained SVG
 * flame graph, in the manner of flamegraph.pl.  The distinct tracebacks
 * are merged into a trie (identical frames along the same path become one
 * node: a function at a line, or with --by-function the function whatever
 * the line), drawn oldest frame at the bottom (--inverted: at the top),
 * each node as wide as its bytes (blocks with --count).  Given an older
 * dump too, the old tracebacks are walked down the same trie and the graph
 * is a differential one, as Brendan Gregg's: NEW's widths, coloured by the
 * change.  A small embedded script zooms on click and searches by regular
 * expression.  The same <svg> element is a file of its own or part of an
 * HTML page, whose frames are told apart by an id per path in the trie.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "saturate.h"
#include "tmreport.h"

/* Layout, in SVG pixels. */
#define IMAGE_WIDTH 1200.0
#define PAD_X 10.0
#define PAD_TOP 54.0
#define PAD_BOTTOM 30.0
#define FRAME_HEIGHT 16.0
#define FONT_SIZE 12.0
#define CHAR_WIDTH (FONT_SIZE * 0.59) /* of the monospace font, roughly */
#define MIN_WIDTH 0.1                 /* narrower frames are not drawn */

/* A node searches its children one by one until it has this many, then
 * through a hash set: a frame can have a child for each of a hundred
 * thousand call sites, and a search of them for each traceback would be
 * quadratic, while most frames have a few children, which a scan finds
 * without the cache misses of a table. */
#define SCANNED_CHILDREN 8

/* One node of the trie: a frame on one path, with what lies above it. */
typedef struct node {
  const char *name;       /* the label: the function, else "file:line" */
  const tm_frame *frame;  /* NULL for the root and an empty traceback; by
                             function, the first of the frames merged */
  char *location;         /* "file:line", owned; NULL without a frame, and
                             by function for a named one (its lines merged) */
  size_t size, count;     /* bytes and blocks of this node and above */
  size_t old_size, old_count; /* the same in the old dump of a comparison */
  size_t id;              /* depth-first, once sorted: its id in the SVG */
  struct node **children; /* sorted by name once the trie is built */
  size_t nchild, capacity;
  struct node **set;      /* the children by frame, past SCANNED_CHILDREN:
                             open addressing, NULL marks an empty slot */
  size_t nslot;           /* a power of two, at least twice nchild */
} node;

static const char *function_of(const tm_frame *frame) {
  return frame->function ? frame->function : "";
}

/* By function, a frame of a named function is that function whatever its
 * line; a frame without a function's name stays its file:line. */
static bool merged_by_function(const tm_frame *frame, bool by_function) {
  return by_function && frame && function_of(frame)[0];
}

static node *new_node(const char *name, const tm_frame *frame,
                      bool by_function) {
  node *n = calloc(1, sizeof *n);
  if (!n)
    return NULL;
  n->name = name;
  n->frame = frame;
  if (frame && !merged_by_function(frame, by_function)) {
    size_t len =
        (size_t)snprintf(NULL, 0, "%s:%u", frame->filename, frame->lineno);
    n->location = malloc(len + 1);
    if (!n->location) {
      free(n);
      return NULL;
    }
    snprintf(n->location, len + 1, "%s:%u", frame->filename, frame->lineno);
    if (!function_of(frame)[0])
      n->name = n->location;
  }
  return n;
}

static void free_node(node *n) {
  for (size_t i = 0; i < n->nchild; i++)
    free_node(n->children[i]);
  free(n->children);
  free(n->set);
  free(n->location);
  free(n);
}

static bool same_frame(const tm_frame *a, const tm_frame *b,
                       bool by_function) {
  if (!a || !b)
    return a == b;
  if (merged_by_function(a, by_function))
    return strcmp(function_of(a), function_of(b)) == 0;
  return a->lineno == b->lineno && strcmp(a->filename, b->filename) == 0 &&
         strcmp(function_of(a), function_of(b)) == 0;
}

static uint64_t hash_bytes(uint64_t h, const char *s) {
  for (const unsigned char *c = (const unsigned char *)s; *c; c++)
    h = (h ^ *c) * 1099511628211u; /* FNV-1a */
  return h;
}

/* Equal for the frames that same_frame() finds the same. */
static uint64_t hash_frame(const tm_frame *frame, bool by_function) {
  uint64_t h = 1469598103934665603u;
  if (merged_by_function(frame, by_function)) {
    h = hash_bytes(h, function_of(frame));
  } else if (frame) {
    h = (h ^ frame->lineno) * 1099511628211u;
    h = hash_bytes(hash_bytes(h, frame->filename), function_of(frame));
  }
  return h ^ h >> 29;
}

/* How frames are told apart while the trie is built. */
typedef struct trie_key {
  bool by_function;
} trie_key;

/* The slot of n's set for `frame`: its child, or the empty slot where the
 * child goes. */
static node **set_slot(const node *n, const tm_frame *frame, trie_key key) {
  size_t mask = n->nslot - 1, i = hash_frame(frame, key.by_function) & mask;
  while (n->set[i] && !same_frame(n->set[i]->frame, frame, key.by_function))
    i = (i + 1) & mask;
  return &n->set[i];
}

static node *find_child(const node *n, const tm_frame *frame, trie_key key) {
  if (n->set)
    return *set_slot(n, frame, key);
  for (size_t i = 0; i < n->nchild; i++)
    if (same_frame(n->children[i]->frame, frame, key.by_function))
      return n->children[i];
  return NULL;
}

/* Makes room for one more child, in the array and in the set once it
 * takes a set; false when out of memory. */
static bool reserve_child(node *n, trie_key key) {
  if (n->nchild == n->capacity) {
    size_t capacity = n->capacity ? n->capacity * 2 : 4;
    node **children = realloc(n->children, capacity * sizeof *children);
    if (!children)
      return false;
    n->children = children;
    n->capacity = capacity;
  }
  if (n->nchild + 1 <= SCANNED_CHILDREN || (n->nchild + 1) * 2 <= n->nslot)
    return true;
  size_t nslot = n->nslot ? n->nslot * 2 : 4 * SCANNED_CHILDREN;
  node **set = calloc(nslot, sizeof *set);
  if (!set)
    return false;
  free(n->set);
  n->set = set;
  n->nslot = nslot;
  for (size_t i = 0; i < n->nchild; i++)
    *set_slot(n, n->children[i]->frame, key) = n->children[i];
  return true;
}

/* The child of `parent` for `frame`, added when missing; NULL when out of
 * memory. */
static node *child(node *parent, const char *name, const tm_frame *frame,
                   trie_key key) {
  node *n = find_child(parent, frame, key);
  if (n)
    return n;
  if (!reserve_child(parent, key) ||
      !(n = new_node(name, frame, key.by_function)))
    return NULL;
  parent->children[parent->nchild++] = n;
  if (parent->set)
    *set_slot(parent, frame, key) = n;
  return n;
}

/* The frames of a traceback's path from the root, oldest first: an empty
 * traceback is one frame, "[unknown]", so that its bytes show. */
static size_t path_length(const tm_traceback *tb) {
  return tb->nframe ? tb->nframe : 1;
}

static const tm_frame *path_frame(const tm_traceback *tb, size_t i) {
  return tb->nframe ? &tb->frames[i] : NULL;
}

/* Adds one statistic's traceback to the trie; false when out of memory. */
static bool add_stack(node *root, const tm_stat *stat, trie_key key) {
  const tm_traceback *tb = stat->traceback;
  root->size = tm_add_saturated(root->size, stat->size);
  root->count = tm_add_saturated(root->count, stat->count);
  node *n = root;
  for (size_t i = 0; i < path_length(tb); i++) {
    const tm_frame *frame = path_frame(tb, i);
    n = child(n, frame && frame->function ? frame->function : "[unknown]",
              frame, key);
    if (!n)
      return false;
    n->size = tm_add_saturated(n->size, stat->size);
    n->count = tm_add_saturated(n->count, stat->count);
  }
  return true;
}

static int compare_nodes(const void *a, const void *b) {
  const node *x = *(node *const *)a, *y = *(node *const *)b;
  int c = strcmp(x->name, y->name);
  if (c == 0 && x->location && y->location)
    c = strcmp(x->location, y->location);
  return c;
}

/* Sorts every node's children by name and numbers the nodes depth-first
 * from *next on; returns the depth of the trie. */
static size_t sort_trie(node *n, size_t *next) {
  n->id = (*next)++;
  qsort(n->children, n->nchild, sizeof *n->children, compare_nodes);
  size_t depth = 0;
  for (size_t i = 0; i < n->nchild; i++) {
    size_t d = sort_trie(n->children[i], next);
    if (d > depth)
      depth = d;
  }
  return depth + 1;
}

/* flamegraph.pl's "hot" palette, from a hash of the name, so the same
 * function has the same colour in every graph. */
static void put_colour(FILE *out, const char *name) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (const unsigned char *c = (const unsigned char *)name; *c; c++)
    h = (h ^ *c) * 16777619u;
  unsigned r = 205 + (h & 0xff) * 50 / 255;
  unsigned g = (h >> 8 & 0xff) * 230 / 255;
  unsigned b = (h >> 16 & 0xff) * 55 / 255;
  fprintf(out, "rgb(%u,%u,%u)", r, g, b);
}

/* The colours of Brendan Gregg's differential flame graphs: red for a
 * frame that grew, blue for one that shrank, the deeper the larger the
 * change against the larger of the two weights (a frame that appeared is
 * pure red), grey for one that did not change. */
static void put_change_colour(FILE *out, double now, double old) {
  if (now == old) {
    fputs("rgb(220,220,220)", out);
    return;
  }
  double change = now > old ? (now - old) / now : (old - now) / old;
  unsigned pale = (unsigned)(210 * (1 - change) + 0.5);
  if (now > old)
    fprintf(out, "rgb(255,%u,%u)", pale, pale);
  else
    fprintf(out, "rgb(%u,%u,255)", pale, pale);
}

struct flamegraph {
  tm_stats *stats; /* by traceback: the trie's frames point into them */
  node *root;
  size_t depth;   /* of the trie, the root included */
  trie_key key;
  bool compared;  /* with an old dump, whose weights the nodes hold too */
  /* The old dump's tracebacks that end where the new one has no frame:
   * in no frame's width, so the graph says how many. */
  size_t gone, gone_size, gone_count;
};

static double weight(bool count_blocks, const node *n) {
  return (double)(count_blocks ? n->count : n->size);
}

static double old_weight(bool count_blocks, const node *n) {
  return (double)(count_blocks ? n->old_count : n->old_size);
}

/* In pixels, out of a graph whose root weighs `total`. */
static double frame_width(double weight, double total) {
  return weight * (IMAGE_WIDTH - 2 * PAD_X) / total;
}

/* Where and at what scale draw() puts the frames. */
typedef struct graph_layout {
  FILE *out;
  const flamegraph *graph;
  flamegraph_view view;
  double total; /* the root's weight */
  double root_y; /* of the root's rectangle */
} graph_layout;

/* "+12 bytes", "-3 blocks", exact whatever the sizes. */
static void put_change(FILE *out, size_t now, size_t old, const char *unit) {
  fprintf(out, "%c%zu %s", now >= old ? '+' : '-',
          now >= old ? now - old : old - now, unit);
}

static void put_tooltip(FILE *out, const graph_layout *g, const node *n) {
  fputs("<title>", out);
  put_escaped(out, n->name, SIZE_MAX);
  if (n->location && n->name != n->location) {
    fputs(" (", out);
    put_escaped(out, n->location, SIZE_MAX);
    fputc(')', out);
  }
  fprintf(out, "\n%zu bytes, %zu blocks, %.2f%%", n->size, n->count,
          100.0 * weight(g->view.count_blocks, n) / g->total);
  if (g->graph->compared) {
    fprintf(out, "\nold: %zu bytes, %zu blocks\nchange: ", n->old_size,
            n->old_count);
    put_change(out, n->size, n->old_size, "bytes");
    fputs(", ", out);
    put_change(out, n->count, n->old_count, "blocks");
  }
  fputs("</title>", out);
}

/* Draws `n` at `x` (in units of weight), `depth` frames from the root,
 * then its children. */
static void draw(const graph_layout *g, const node *n, double x, size_t depth) {
  FILE *out = g->out;
  bool count_blocks = g->view.count_blocks;
  double width = frame_width(weight(count_blocks, n), g->total);
  if (width < MIN_WIDTH)
    return;
  double left = PAD_X + frame_width(x, g->total),
         rows = (double)depth * FRAME_HEIGHT,
         y = g->view.inverted ? g->root_y + rows : g->root_y - rows;
  fprintf(out, "<g class=\"f\" id=\"%s-%zu\">", g->view.id, n->id);
  put_tooltip(out, g, n);
  fprintf(out,
          "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" "
          "fill=\"",
          left, y, width, FRAME_HEIGHT - 1);
  if (g->graph->compared)
    put_change_colour(out, weight(count_blocks, n),
                      old_weight(count_blocks, n));
  else
    put_colour(out, n->name);
  fprintf(out, "\" rx=\"2\"/><text x=\"%.2f\" y=\"%.1f\">", left + 3,
          y + FRAME_HEIGHT - 4.5);
  /* The label when it fits, cut with ".." when only part of it does. */
  size_t fits = (size_t)((width - 6) / CHAR_WIDTH),
         len = shown_length(n->name);
  if (fits >= 3 && len <= fits) {
    put_escaped(out, n->name, len);
  } else if (fits >= 3) {
    put_escaped(out, n->name, fits - 2);
    fputs("..", out);
  }
  fputs("</text></g>\n", out);
  for (size_t i = 0; i < n->nchild; i++) {
    draw(g, n->children[i], x, depth + 1);
    x += weight(count_blocks, n->children[i]);
  }
}

/* Zoom on click, search with Ctrl-F or the "search" text, in the manner
 * of flamegraph.pl.  Frames keep their first geometry in x and w, and
 * their depth, which stays when an "invert" event (sent by the HTML page)
 * turns the graph upside down, roots at the top or at the bottom.  The
 * script works on the <svg> element it is in, so that a page can hold
 * several graphs.  Inside an HTML page Ctrl-F stays the browser's, to
 * search the rest of the page; the "search" text still searches the
 * graph. */
static const char script[] =
    "(function (svg) {\n"
    "var W = 1200 - 2 * 10, frames = [];\n"
    "function part(name) { return svg.querySelector('.' + name); }\n"
    "function label(g) {\n"
    "  var t = g.querySelector('title').textContent.split('\\n')[0];\n"
    "  var i = t.lastIndexOf(' (');\n"
    "  return i > 0 && t.charAt(t.length - 1) == ')' ? t.slice(0, i) : t;\n"
    "}\n"
    "function fit(f) {\n"
    "  var w = +f.rect.getAttribute('width'), n = Math.floor((w - 6) / 7.08);\n"
    "  f.text.setAttribute('x', +f.rect.getAttribute('x') + 3);\n"
    "  f.text.textContent = n < 3 ? '' : f.name.length <= n ? f.name\n"
    "      : f.name.slice(0, n - 2) + '..';\n"
    "}\n"
    "function place(f, x, w, shown) {\n"
    "  f.g.style.display = shown ? '' : 'none';\n"
    "  f.rect.setAttribute('x', (10 + x).toFixed(2));\n"
    "  f.rect.setAttribute('width', w.toFixed(2));\n"
    "  fit(f);\n"
    "}\n"
    "function zoom(z) {\n"
    "  part('reset').style.opacity = z ? 1 : 0;\n"
    "  frames.forEach(function (f) {\n"
    "    if (!z) return place(f, f.x, f.w, true);\n"
    "    var inside = f.x >= z.x - 1e-6 && f.x + f.w <= z.x + z.w + 1e-6;\n"
    "    if (f.depth < z.depth && f.x <= z.x + 1e-6 &&\n"
    "        f.x + f.w >= z.x + z.w - 1e-6)\n"
    "      place(f, 0, W, true);\n"
    "    else if (f.depth >= z.depth && inside)\n"
    "      place(f, (f.x - z.x) * W / z.w, f.w * W / z.w, true);\n"
    "    else\n"
    "      place(f, f.x, f.w, false);\n"
    "  });\n"
    "}\n"
    "function invert() {\n"
    "  frames.forEach(function (f) {\n"
    "    var y = mirror - f.rect.getAttribute('y');\n"
    "    f.rect.setAttribute('y', y.toFixed(1));\n"
    "    f.text.setAttribute('y', (y + 11.5).toFixed(1));\n"
    "  });\n"
    "}\n"
    "function search(term) {\n"
    "  var re = term ? new RegExp(term) : null, hits = [];\n"
    "  frames.forEach(function (f) {\n"
    "    var hit = re && re.test(f.name);\n"
    "    f.rect.setAttribute('fill', hit ? 'rgb(230,0,230)' : f.fill);\n"
    "    if (hit) hits.push(f);\n"
    "  });\n"
    "  hits.sort(function (a, b) { return a.x - b.x || b.w - a.w; });\n"
    "  var sum = 0, end = -1;\n"
    "  hits.forEach(function (f) {\n"
    "    if (f.x >= end - 1e-6) { sum += f.w; end = f.x + f.w; }\n"
    "  });\n"
    "  part('matched').textContent =\n"
    "      re ? 'Matched: ' + (100 * sum / W).toFixed(1) + '%' : '';\n"
    "  part('search').textContent = re ? 'reset search' : 'search';\n"
    "}\n"
    "function ask() {\n"
    "  var term = prompt('Search for a function (regular expression):', '');\n"
    "  if (term === null) return;\n"
    "  try { search(term); } catch (e) { alert(e.message); }\n"
    "}\n"
    "Array.prototype.forEach.call(svg.querySelectorAll('g.f'), function (g) {\n"
    "  var rect = g.querySelector('rect'), f = {g: g, rect: rect,\n"
    "      text: g.querySelector('text'), name: label(g),\n"
    "      fill: rect.getAttribute('fill'),\n"
    "      x: rect.getAttribute('x') - 10, y: +rect.getAttribute('y'),\n"
    "      w: +rect.getAttribute('width')};\n"
    "  f.depth = frames.length ? Math.round(Math.abs(f.y - frames[0].y) / 16)\n"
    "      : 0;\n"
    "  frames.push(f);\n"
    "  g.addEventListener('click', function () { zoom(f); });\n"
    "});\n"
    "/* The root's row and the farthest row from it swap places. */\n"
    "var mirror = frames.reduce(function (m, f) {\n"
    "  return Math.max(m, f.y);\n"
    "}, 0) + frames.reduce(function (m, f) { return Math.min(m, f.y); }, 1e9);\n"
    "svg.addEventListener('invert', invert);\n"
    "part('reset').addEventListener('click', function () { zoom(null); });\n"
    "part('search').addEventListener('click', function () {\n"
    "  if (this.textContent == 'search') ask(); else search('');\n"
    "});\n"
    "if (document.documentElement == svg)\n"
    "  window.addEventListener('keydown', function (e) {\n"
    "    if ((e.ctrlKey || e.metaKey) && e.key == 'f') {\n"
    "      e.preventDefault();\n"
    "      ask();\n"
    "    }\n"
    "  });\n"
    "})(document.currentScript.parentNode);\n";

/* Adds one statistic of the old dump to the old weights of its path;
 * false when its traceback ends where the new dump's trie has no node. */
static bool add_old_stack(node *root, const tm_stat *stat, trie_key key) {
  const tm_traceback *tb = stat->traceback;
  node *n = root;
  for (size_t i = 0; n; i++) {
    n->old_size = tm_add_saturated(n->old_size, stat->size);
    n->old_count = tm_add_saturated(n->old_count, stat->count);
    if (i == path_length(tb))
      return true;
    n = find_child(n, path_frame(tb, i), key);
  }
  return false;
}

/* Adds the old dump's statistics to graph's nodes; false when out of
 * memory. */
static bool add_old_stacks(flamegraph *graph, const tm_snapshot *old) {
  tm_stats *stats = tm_snapshot_statistics(old, TM_KEY_TRACEBACK, false);
  if (!stats)
    return false;
  for (size_t i = 0; i < tm_stats_count(stats); i++) {
    const tm_stat *stat = tm_stats_get(stats, i);
    if (!add_old_stack(graph->root, stat, graph->key)) {
      graph->gone++;
      graph->gone_size = tm_add_saturated(graph->gone_size, stat->size);
      graph->gone_count = tm_add_saturated(graph->gone_count, stat->count);
    }
  }
  graph->compared = true;
  tm_stats_free(stats);
  return true;
}

flamegraph *build_flamegraph(const tm_snapshot *snapshot,
                             const tm_snapshot *old, bool by_function) {
  flamegraph *graph = calloc(1, sizeof *graph);
  if (!graph)
    return NULL;
  graph->key.by_function = by_function;
  graph->stats = tm_snapshot_statistics(snapshot, TM_KEY_TRACEBACK, false);
  graph->root = graph->stats ? new_node("all", NULL, by_function) : NULL;
  bool built = graph->root != NULL;
  for (size_t i = 0; built && i < tm_stats_count(graph->stats); i++)
    built = add_stack(graph->root, tm_stats_get(graph->stats, i), graph->key);
  if (built && old)
    built = add_old_stacks(graph, old);
  if (!built) {
    int err = errno ? errno : ENOMEM;
    free_flamegraph(graph);
    errno = err;
    return NULL;
  }
  size_t next_id = 0;
  graph->depth = sort_trie(graph->root, &next_id);
  return graph;
}

void free_flamegraph(flamegraph *graph) {
  if (!graph)
    return;
  if (graph->root)
    free_node(graph->root);
  tm_stats_free(graph->stats);
  free(graph);
}

size_t flamegraph_frame_id(const flamegraph *graph, const tm_traceback *tb,
                           bool count_blocks) {
  const node *n = graph->root, *next;
  double total = weight(count_blocks, graph->root);
  for (size_t i = 0; total > 0 && i < path_length(tb); i++, n = next) {
    next = find_child(n, path_frame(tb, i), graph->key);
    if (!next ||
        frame_width(weight(count_blocks, next), total) < MIN_WIDTH)
      break;
  }
  return n->id;
}

/* What a comparison leaves out, under the frames. */
static void put_gone(FILE *out, const flamegraph *graph, double y) {
  if (!graph->gone)
    return;
  fprintf(out,
          "<text class=\"gone\" x=\"%.0f\" y=\"%.0f\">Not drawn, only in the "
          "old dump: %zu traceback%s, %zu bytes, %zu blocks</text>\n",
          PAD_X, y, graph->gone, graph->gone == 1 ? "" : "s",
          graph->gone_size, graph->gone_count);
}

void put_flamegraph(FILE *out, const flamegraph *graph,
                    const flamegraph_view *view) {
  double height = PAD_TOP + (double)graph->depth * FRAME_HEIGHT + PAD_BOTTOM;
  graph_layout g = {out, graph, *view, weight(view->count_blocks, graph->root),
                    view->inverted ? PAD_TOP
                                   : PAD_TOP + (double)(graph->depth - 1) *
                                                   FRAME_HEIGHT};
  const char *title = view->title;
  if (!title && graph->compared)
    title = view->count_blocks
                ? "Change in live blocks by traceback: red grew, blue shrank"
                : "Change in live bytes by traceback: red grew, blue shrank";
  else if (!title)
    title = view->count_blocks ? "Live blocks by traceback"
                               : "Live bytes by traceback";
  put_svg_start(out, IMAGE_WIDTH, height, FONT_SIZE,
                "g.f { cursor: pointer; }\n"
                "g.f:hover rect { stroke: #000; stroke-width: 0.5; }\n"
                ".reset, .search { cursor: pointer; }\n"
                ".reset { opacity: 0; }\n",
                title);
  fprintf(out,
          "<text class=\"reset\" x=\"%.0f\" y=\"44\">reset zoom</text>\n"
          "<text class=\"search\" x=\"%.0f\" y=\"44\" text-anchor=\"end\">"
          "search</text>\n"
          "<text class=\"matched\" x=\"%.0f\" y=\"%.0f\" "
          "text-anchor=\"end\"></text>\n",
          PAD_X, IMAGE_WIDTH - PAD_X, IMAGE_WIDTH - PAD_X, height - 10);
  put_gone(out, graph, height - 10);
  if (g.total > 0)
    draw(&g, graph->root, 0, 0);
  fprintf(out,
          "<script type=\"text/ecmascript\"><![CDATA[\n%s]]></script>\n"
          "</svg>\n",
          script);
}

int run_flamegraph(const report_options *options) {
  const char *paths[2] = {NULL, NULL};
  tm_snapshot *snapshots[2] = {NULL, NULL};
  for (size_t d = 0; d < options->ndump; d++) {
    paths[d] = options->dumps[d];
    if (!(snapshots[d] = load_filtered_snapshot(paths[d], options))) {
      tm_snapshot_free(snapshots[0]);
      return TMREPORT_EXIT_ERROR;
    }
  }
  /* One dump, or OLD then NEW: the graph is of the last one. */
  size_t last = options->ndump - 1;
  flamegraph *graph =
      build_flamegraph(snapshots[last], last ? snapshots[0] : NULL,
                       options->by_function);
  int status = TMREPORT_EXIT_ERROR;
  output_file out;
  if (!graph) {
    report_error("%s: cannot compute statistics: %s", paths[last],
                 strerror(errno));
  } else if (open_svg_file(&out, options->output)) {
    put_flamegraph(out.stream, graph,
                   &(flamegraph_view){options->count_blocks,
                                      options->inverted, options->title,
                                      "frame"});
    if (close_output(&out, true))
      status = TMREPORT_EXIT_OK;
  }
  free_flamegraph(graph);
  for (size_t d = 0; d < 2; d++)
    tm_snapshot_free(snapshots[d]);
  return status;
}
