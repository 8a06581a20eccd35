/*
 * tmreport flamegraph: the live memory of a dump as one self-contained SVG
 * flame graph, in the manner of flamegraph.pl.  The distinct tracebacks
 * are merged into a trie (identical frames along the same path become one
 * node), drawn oldest frame at the bottom, each node as wide as its bytes
 * (blocks with --count).  A small embedded script zooms on click and
 * searches by regular expression.  The same <svg> element is a file of its
 * own or part of an HTML page.
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
  const tm_frame *frame;  /* NULL for the root and an empty traceback */
  char *location;         /* "file:line", owned; NULL without a frame */
  size_t size, count;     /* bytes and blocks of this node and above */
  struct node **children; /* sorted by name once the trie is built */
  size_t nchild, capacity;
  struct node **set;      /* the children by frame, past SCANNED_CHILDREN:
                             open addressing, NULL marks an empty slot */
  size_t nslot;           /* a power of two, at least twice nchild */
} node;

static node *new_node(const char *name, const tm_frame *frame) {
  node *n = calloc(1, sizeof *n);
  if (!n)
    return NULL;
  n->name = name;
  n->frame = frame;
  if (frame) {
    size_t len =
        (size_t)snprintf(NULL, 0, "%s:%u", frame->filename, frame->lineno);
    n->location = malloc(len + 1);
    if (!n->location) {
      free(n);
      return NULL;
    }
    snprintf(n->location, len + 1, "%s:%u", frame->filename, frame->lineno);
    if (!frame->function || !frame->function[0])
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

static const char *function_of(const tm_frame *frame) {
  return frame->function ? frame->function : "";
}

static bool same_frame(const tm_frame *a, const tm_frame *b) {
  if (!a || !b)
    return a == b;
  return a->lineno == b->lineno && strcmp(a->filename, b->filename) == 0 &&
         strcmp(function_of(a), function_of(b)) == 0;
}

static uint64_t hash_bytes(uint64_t h, const char *s) {
  for (const unsigned char *c = (const unsigned char *)s; *c; c++)
    h = (h ^ *c) * 1099511628211u; /* FNV-1a */
  return h;
}

static uint64_t hash_frame(const tm_frame *frame) {
  uint64_t h = 1469598103934665603u;
  if (frame) {
    h = (h ^ frame->lineno) * 1099511628211u;
    h = hash_bytes(hash_bytes(h, frame->filename), function_of(frame));
  }
  return h ^ h >> 29;
}

/* The slot of n's set for `frame`: its child, or the empty slot where the
 * child goes. */
static node **set_slot(const node *n, const tm_frame *frame) {
  size_t mask = n->nslot - 1, i = hash_frame(frame) & mask;
  while (n->set[i] && !same_frame(n->set[i]->frame, frame))
    i = (i + 1) & mask;
  return &n->set[i];
}

static node *find_child(const node *n, const tm_frame *frame) {
  if (n->set)
    return *set_slot(n, frame);
  for (size_t i = 0; i < n->nchild; i++)
    if (same_frame(n->children[i]->frame, frame))
      return n->children[i];
  return NULL;
}

/* Makes room for one more child, in the array and in the set once it
 * takes a set; false when out of memory. */
static bool reserve_child(node *n) {
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
    *set_slot(n, n->children[i]->frame) = n->children[i];
  return true;
}

/* The child of `parent` for `frame`, added when missing; NULL when out of
 * memory. */
static node *child(node *parent, const char *name, const tm_frame *frame) {
  node *n = find_child(parent, frame);
  if (n)
    return n;
  if (!reserve_child(parent) || !(n = new_node(name, frame)))
    return NULL;
  parent->children[parent->nchild++] = n;
  if (parent->set)
    *set_slot(parent, frame) = n;
  return n;
}

/* Adds one statistic's traceback to the trie; false when out of memory. */
static bool add_stack(node *root, const tm_stat *stat) {
  const tm_traceback *tb = stat->traceback;
  root->size = tm_add_saturated(root->size, stat->size);
  root->count = tm_add_saturated(root->count, stat->count);
  node *n = root;
  for (size_t i = 0; i == 0 || i < tb->nframe; i++) {
    const tm_frame *frame = tb->nframe ? &tb->frames[i] : NULL;
    n = child(n, frame && frame->function ? frame->function : "[unknown]",
              frame);
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

/* Sorts every node's children by name; returns the depth of the trie. */
static size_t sort_trie(node *n) {
  qsort(n->children, n->nchild, sizeof *n->children, compare_nodes);
  size_t depth = 0;
  for (size_t i = 0; i < n->nchild; i++) {
    size_t d = sort_trie(n->children[i]);
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

/* Where and at what scale draw() puts the frames. */
typedef struct graph_layout {
  FILE *out;
  bool count_blocks;
  double total;  /* the root's weight */
  double bottom; /* the y of the root's rectangle */
} graph_layout;

static double weight(const graph_layout *g, const node *n) {
  return (double)(g->count_blocks ? n->count : n->size);
}

/* Draws `n` at `x` (in units of weight), `depth` frames above the root,
 * then its children. */
static void draw(const graph_layout *g, const node *n, double x, size_t depth) {
  FILE *out = g->out;
  double scale = (IMAGE_WIDTH - 2 * PAD_X) / g->total;
  double width = weight(g, n) * scale;
  if (width < MIN_WIDTH)
    return;
  double left = PAD_X + x * scale, y = g->bottom - (double)depth * FRAME_HEIGHT;
  fputs("<g class=\"f\"><title>", out);
  put_escaped(out, n->name, SIZE_MAX);
  if (n->location && n->name != n->location) {
    fputs(" (", out);
    put_escaped(out, n->location, SIZE_MAX);
    fputc(')', out);
  }
  fprintf(out, "\n%zu bytes, %zu blocks, %.2f%%</title>", n->size, n->count,
          100.0 * weight(g, n) / g->total);
  fprintf(out,
          "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" "
          "fill=\"",
          left, y, width, FRAME_HEIGHT - 1);
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
    x += weight(g, n->children[i]);
  }
}

/* Zoom on click, search with Ctrl-F or the "search" text, in the manner
 * of flamegraph.pl.  Frames keep their first geometry in x and w.  Inside
 * an HTML page Ctrl-F stays the browser's, to search the rest of the page;
 * the "search" text still searches the graph. */
static const char script[] =
    "var W = 1200 - 2 * 10, frames = [];\n"
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
    "  document.getElementById('reset').style.opacity = z ? 1 : 0;\n"
    "  frames.forEach(function (f) {\n"
    "    if (!z) return place(f, f.x, f.w, true);\n"
    "    var inside = f.x >= z.x - 1e-6 && f.x + f.w <= z.x + z.w + 1e-6;\n"
    "    if (f.y > z.y && f.x <= z.x + 1e-6 && f.x + f.w >= z.x + z.w - 1e-6)\n"
    "      place(f, 0, W, true);\n"
    "    else if (f.y <= z.y && inside)\n"
    "      place(f, (f.x - z.x) * W / z.w, f.w * W / z.w, true);\n"
    "    else\n"
    "      place(f, f.x, f.w, false);\n"
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
    "  document.getElementById('matched').textContent =\n"
    "      re ? 'Matched: ' + (100 * sum / W).toFixed(1) + '%' : '';\n"
    "  document.getElementById('search').textContent =\n"
    "      re ? 'reset search' : 'search';\n"
    "}\n"
    "function ask() {\n"
    "  var term = prompt('Search for a function (regular expression):', '');\n"
    "  if (term === null) return;\n"
    "  try { search(term); } catch (e) { alert(e.message); }\n"
    "}\n"
    "Array.prototype.forEach.call(document.querySelectorAll('g.f'),\n"
    "    function (g) {\n"
    "  var rect = g.querySelector('rect'), f = {g: g, rect: rect,\n"
    "      text: g.querySelector('text'), name: label(g),\n"
    "      fill: rect.getAttribute('fill'),\n"
    "      x: rect.getAttribute('x') - 10, y: +rect.getAttribute('y'),\n"
    "      w: +rect.getAttribute('width')};\n"
    "  frames.push(f);\n"
    "  g.addEventListener('click', function () { zoom(f); });\n"
    "});\n"
    "document.getElementById('reset').addEventListener('click',\n"
    "    function () { zoom(null); });\n"
    "document.getElementById('search').addEventListener('click',\n"
    "    function () {\n"
    "  if (this.textContent == 'search') ask(); else search('');\n"
    "});\n"
    "if (document.documentElement.nodeName == 'svg')\n"
    "  window.addEventListener('keydown', function (e) {\n"
    "    if ((e.ctrlKey || e.metaKey) && e.key == 'f') {\n"
    "      e.preventDefault();\n"
    "      ask();\n"
    "    }\n"
    "  });\n";

struct flamegraph {
  tm_stats *stats; /* by traceback: the trie's frames point into them */
  node *root;
  size_t depth; /* of the trie, the root included */
};

flamegraph *build_flamegraph(const tm_snapshot *snapshot) {
  flamegraph *graph = calloc(1, sizeof *graph);
  if (!graph)
    return NULL;
  graph->stats = tm_snapshot_statistics(snapshot, TM_KEY_TRACEBACK, false);
  graph->root = graph->stats ? new_node("all", NULL) : NULL;
  bool built = graph->root != NULL;
  for (size_t i = 0; built && i < tm_stats_count(graph->stats); i++)
    built = add_stack(graph->root, tm_stats_get(graph->stats, i));
  if (!built) {
    int err = errno ? errno : ENOMEM;
    free_flamegraph(graph);
    errno = err;
    return NULL;
  }
  graph->depth = sort_trie(graph->root);
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

void put_flamegraph(FILE *out, const flamegraph *graph, bool count_blocks,
                    const char *title) {
  double height = PAD_TOP + (double)graph->depth * FRAME_HEIGHT + PAD_BOTTOM;
  graph_layout g = {out, count_blocks, 0,
                    PAD_TOP + (double)(graph->depth - 1) * FRAME_HEIGHT};
  g.total = weight(&g, graph->root);
  if (!title)
    title = count_blocks ? "Live blocks by traceback" : "Live bytes by traceback";
  put_svg_start(out, IMAGE_WIDTH, height, FONT_SIZE,
                "g.f { cursor: pointer; }\n"
                "g.f:hover rect { stroke: #000; stroke-width: 0.5; }\n"
                "#reset, #search { cursor: pointer; }\n"
                "#reset { opacity: 0; }\n",
                title);
  fprintf(out,
          "<text id=\"reset\" x=\"%.0f\" y=\"44\">reset zoom</text>\n"
          "<text id=\"search\" x=\"%.0f\" y=\"44\" text-anchor=\"end\">"
          "search</text>\n"
          "<text id=\"matched\" x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">"
          "</text>\n",
          PAD_X, IMAGE_WIDTH - PAD_X, IMAGE_WIDTH - PAD_X, height - 10);
  if (g.total > 0)
    draw(&g, graph->root, 0, 0);
  fprintf(out,
          "<script type=\"text/ecmascript\"><![CDATA[\n%s]]></script>\n"
          "</svg>\n",
          script);
}

int run_flamegraph(const report_options *options) {
  const char *path = options->dumps[0];
  tm_snapshot *snapshot = load_filtered_snapshot(path, options);
  if (!snapshot)
    return TMREPORT_EXIT_ERROR;
  flamegraph *graph = build_flamegraph(snapshot);
  int status = TMREPORT_EXIT_ERROR;
  output_file out;
  if (!graph) {
    report_error("%s: cannot compute statistics: %s", path, strerror(errno));
  } else if (open_svg_file(&out, options->output)) {
    put_flamegraph(out.stream, graph, options->count_blocks, options->title);
    if (close_output(&out, true))
      status = TMREPORT_EXIT_OK;
  }
  free_flamegraph(graph);
  tm_snapshot_free(snapshot);
  return status;
}
