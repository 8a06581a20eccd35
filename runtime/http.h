/*
 * The HTTP endpoint (TRACEMALLOC_HTTP): what Prometheus, Parca and
 * Pyroscope scrape.  http_server.c listens and speaks HTTP/1.1;
 * http_pages.c makes the pages.
 */
#ifndef TM_HTTP_H
#define TM_HTTP_H

#include "internal.h"

#pragma GCC visibility push(hidden)

/* Starts serving at `address` ("HOST:PORT", "[HOST]:PORT", ":PORT" for
 * loopback, or "unix:PATH") from a thread of the runtime's; a warning
 * and nothing else when it cannot.  `metrics_sites`: the sites /metrics
 * lists (0: the default). */
void tm_http_start(const char *address, long metrics_sites);

/* The process ends: a socket file it listens on is removed. */
void tm_http_before_exit(void);

/* A page: its status, type and body (tm_real.malloc's, freed by the
 * server; NULL for an empty one).  A page that takes time (a delta
 * profile) has `finish` instead: the server answers other clients for
 * `wait_ms`, then calls finish(pending, page) to make the page, or
 * finish(pending, NULL) to drop it when its client goes first. */
typedef struct tm_http_page {
  int status;
  const char *type;
  unsigned char *body;
  size_t length;
  uint64_t wait_ms;
  void (*finish)(void *pending, struct tm_http_page *page);
  void *pending;
} tm_http_page;

/* The page at `path` (the request target without its query, which is
 * `query`, NULL without one). */
void tm_http_page_for(const char *path, const char *query,
                      tm_http_page *page);

/* The number of sites /metrics lists, set at start. */
extern long tm_http_metrics_sites;

#pragma GCC visibility pop

#endif /* TM_HTTP_H */
