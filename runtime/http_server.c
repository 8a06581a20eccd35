/*
 * The HTTP endpoint's server: one thread of the runtime's that listens at
 * TRACEMALLOC_HTTP and answers GET and HEAD, strictly, with what
 * http_pages.c makes.
 *
 * A hand-written parser rather than a library: the endpoint answers a few
 * fixed paths to scrapers, so it needs the request line and where the
 * headers end, nothing of their values; Debian's HTTP parsers
 * (llhttp, picohttpparser) would add a dependency to every traced
 * program for 150 lines of checks (docs/design.md, "The HTTP endpoint").
 *
 * No client can hold the program or the endpoint: the thread never
 * blocks on one (every socket is non-blocking, polled), a request must
 * arrive whole within READ_TIMEOUT_MS and fit in REQUEST_MAX bytes, an
 * answer must be taken within WRITE_TIMEOUT_MS, and past MAX_CLIENTS at
 * once a client gets a 503 and is closed.  A page that takes time (a
 * delta profile's seconds) is waited for in the same loop, which goes on
 * serving the others.  Its allocations are the
 * runtime's own (tm_enter for the thread's life), never traced.
 *
 * The program may close any descriptor, and open a file of its own under
 * the same number: each socket's identity is kept, and a descriptor that
 * is no longer it is forgotten, never read, written or closed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "http.h"

enum {
  MAX_CLIENTS = 32,
  REQUEST_MAX = 8192, /* the request line and the headers */
  TARGET_MAX = 2048,
  HEADERS_MAX = 100,
  READ_TIMEOUT_MS = 5000,
  WRITE_TIMEOUT_MS = 30000,
  DRAIN_TIMEOUT_MS = 1000, /* after the answer, for what the client sent */
  POLL_MS = 1000,
};

long tm_http_metrics_sites;

/* A descriptor and the socket it was made for. */
typedef struct socket_id {
  int fd;
  dev_t dev;
  ino_t ino;
} socket_id;

static bool remember(socket_id *s, int fd) {
  struct stat st;
  if (fstat(fd, &st) != 0)
    return false;
  *s = (socket_id){.fd = fd, .dev = st.st_dev, .ino = st.st_ino};
  return true;
}

static bool still_ours(const socket_id *s) {
  struct stat st;
  return s->fd >= 0 && fstat(s->fd, &st) == 0 && st.st_dev == s->dev &&
         st.st_ino == s->ino;
}

/* Closes the socket if the descriptor is still it. */
static void close_if_ours(socket_id *s) {
  if (still_ours(s))
    close(s->fd);
  s->fd = -1;
}

typedef enum { READING, WAITING, WRITING, DRAINING } client_state;

typedef struct client {
  socket_id socket;
  client_state state;
  uint64_t deadline_ms;
  size_t received;
  char request[REQUEST_MAX + 1];
  tm_http_page waiting; /* WAITING: the page that takes time */
  bool head_only;
  unsigned char *out; /* the answer: head and body */
  size_t out_length, sent;
} client;

static struct {
  struct sockaddr_storage address;
  socklen_t address_length;
  char text[128]; /* the address as TRACEMALLOC_HTTP gave it */
  bool unix_socket;
  socket_id listener;
  client *clients[MAX_CLIENTS];
} server = {.listener = {.fd = -1}};

static uint64_t now_ms(void) {
  return tm_clock_ns(CLOCK_MONOTONIC) / 1000000u;
}

/* ----- the address -------------------------------------------------------- */

static bool parse_port(const char *text, in_port_t *port) {
  char *end;
  errno = 0;
  long n = strtol(text, &end, 10);
  if (!*text || *end || errno || n < 0 || n > 65535)
    return false;
  *port = htons((in_port_t)n);
  return true;
}

/* TRACEMALLOC_HTTP's address; false after a warning. */
static bool parse_address(const char *text) {
  snprintf(server.text, sizeof server.text, "%s", text);
  memset(&server.address, 0, sizeof server.address);
  if (strncmp(text, "unix:", 5) == 0) {
    struct sockaddr_un *un = (struct sockaddr_un *)&server.address;
    size_t n = strlen(text + 5);
    if (n == 0 || n >= sizeof un->sun_path)
      goto bad;
    un->sun_family = AF_UNIX;
    memcpy(un->sun_path, text + 5, n + 1);
    server.address_length = sizeof *un;
    server.unix_socket = true;
    return true;
  }
  const char *colon = strrchr(text, ':');
  if (!colon)
    goto bad;
  char host[64];
  size_t n = (size_t)(colon - text);
  if (n >= sizeof host)
    goto bad;
  memcpy(host, text, n);
  host[n] = '\0';
  if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&server.address;
    host[n - 1] = '\0';
    in6->sin6_family = AF_INET6;
    if (inet_pton(AF_INET6, host + 1, &in6->sin6_addr) != 1 ||
        !parse_port(colon + 1, &in6->sin6_port))
      goto bad;
    server.address_length = sizeof *in6;
    if (!IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr))
      tm_report("warning: TRACEMALLOC_HTTP=%s is not a loopback address: "
                "any machine that reaches it reads this process's heap",
                text);
    return true;
  }
  struct sockaddr_in *in = (struct sockaddr_in *)&server.address;
  in->sin_family = AF_INET;
  if (!*host || strcmp(host, "localhost") == 0)
    in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  else if (inet_pton(AF_INET, host, &in->sin_addr) != 1)
    goto bad;
  if (!parse_port(colon + 1, &in->sin_port))
    goto bad;
  server.address_length = sizeof *in;
  if ((ntohl(in->sin_addr.s_addr) >> 24) != 127)
    tm_report("warning: TRACEMALLOC_HTTP=%s is not a loopback address: any "
              "machine that reaches it reads this process's heap",
              text);
  return true;
bad:
  tm_report("warning: ignoring TRACEMALLOC_HTTP='%s': expected HOST:PORT "
            "(a numeric address, or localhost), [IPv6]:PORT, :PORT or "
            "unix:PATH",
            text);
  return false;
}

/* Says where a port the kernel chose is, the only way to know it. */
static void report_chosen_port(int fd) {
  struct sockaddr_storage bound;
  socklen_t length = sizeof bound;
  char host[INET6_ADDRSTRLEN];
  if (getsockname(fd, (struct sockaddr *)&bound, &length) != 0)
    return;
  if (bound.ss_family == AF_INET) {
    struct sockaddr_in *in = (struct sockaddr_in *)&bound;
    inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
    tm_report("serving http://%s:%u/ (TRACEMALLOC_HTTP=%s)", host,
              ntohs(in->sin_port), server.text);
  } else if (bound.ss_family == AF_INET6) {
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&bound;
    inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
    tm_report("serving http://[%s]:%u/ (TRACEMALLOC_HTTP=%s)", host,
              ntohs(in6->sin6_port), server.text);
  }
}

static bool port_was_chosen(void) {
  const struct sockaddr *a = (const struct sockaddr *)&server.address;
  if (a->sa_family == AF_INET)
    return ((const struct sockaddr_in *)a)->sin_port == 0;
  if (a->sa_family == AF_INET6)
    return ((const struct sockaddr_in6 *)a)->sin6_port == 0;
  return false;
}

/* Makes the listener; false after a warning. */
static bool listen_at_address(void) {
  int family = ((struct sockaddr *)&server.address)->sa_family;
  int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    tm_report("warning: TRACEMALLOC_HTTP=%s: cannot make a socket: %s",
              server.text, strerror(errno));
    return false;
  }
  int one = 1;
  if (!server.unix_socket)
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(fd, (struct sockaddr *)&server.address, server.address_length) !=
          0 ||
      listen(fd, 128) != 0 || !remember(&server.listener, fd)) {
    tm_report("warning: TRACEMALLOC_HTTP=%s: cannot listen: %s", server.text,
              strerror(errno));
    close(fd);
    return false;
  }
  if (server.unix_socket)
    /* Its user's only; the peer's credentials are checked as well. */
    chmod(((struct sockaddr_un *)&server.address)->sun_path, 0600);
  if (port_was_chosen())
    report_chosen_port(fd);
  return true;
}

/* ----- requests ----------------------------------------------------------- */

static const char *reason(int status) {
  switch (status) {
  case 200: return "OK";
  case 400: return "Bad Request";
  case 403: return "Forbidden";
  case 404: return "Not Found";
  case 405: return "Method Not Allowed";
  case 408: return "Request Timeout";
  case 414: return "URI Too Long";
  case 431: return "Request Header Fields Too Large";
  case 500: return "Internal Server Error";
  case 503: return "Service Unavailable";
  case 505: return "HTTP Version Not Supported";
  default: return "Error";
  }
}

/* The client's answer: the page's head, and its body unless `head_only`.
 * Takes the page's body. */
static void answer(client *c, tm_http_page *page, bool head_only) {
  char head[512];
  int n = snprintf(head, sizeof head,
                   "HTTP/1.1 %d %s\r\n"
                   "Content-Type: %s\r\n"
                   "Content-Length: %zu\r\n"
                   "%s"
                   "Cache-Control: no-store\r\n"
                   "X-Content-Type-Options: nosniff\r\n"
                   "Connection: close\r\n\r\n",
                   page->status, reason(page->status), page->type,
                   page->length,
                   page->status == 405 ? "Allow: GET, HEAD\r\n" : "");
  size_t body = head_only ? 0 : page->length;
  c->out = tm_real.malloc((size_t)n + body);
  if (c->out) {
    memcpy(c->out, head, (size_t)n);
    if (body)
      memcpy(c->out + n, page->body, body);
    c->out_length = (size_t)n + body;
  }
  tm_real.free(page->body);
  page->body = NULL;
  c->sent = 0;
  c->state = WRITING;
  c->deadline_ms = now_ms() + WRITE_TIMEOUT_MS;
}

/* A short text page for an error. */
static void answer_error(client *c, int status, const char *text) {
  size_t n = strlen(text);
  tm_http_page page = {.status = status,
                       .type = "text/plain; charset=utf-8",
                       .body = tm_real.malloc(n + 1),
                       .length = n + 1};
  if (page.body) {
    memcpy(page.body, text, n);
    page.body[n] = '\n';
  } else {
    page.length = 0;
  }
  answer(c, &page, false);
}

static bool is_token_char(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
         (ch >= '0' && ch <= '9') || strchr("!#$%&'*+-.^_`|~", ch);
}

/* The end of the line at p (its '\n'), NULL when there is none before
 * end; *next is where the next line starts. */
static char *line_end(char *p, char *end, char **next) {
  char *nl = memchr(p, '\n', (size_t)(end - p));
  if (!nl)
    return NULL;
  *next = nl + 1;
  return nl > p && nl[-1] == '\r' ? nl - 1 : nl;
}

/* The request in c->request[0..length), whole (its blank line found):
 * checks it and answers it. */
static void serve_request(client *c, size_t length) {
  char *p = c->request, *end = c->request + length, *next;
  char *eol = line_end(p, end, &next);
  /* The request line: METHOD SP TARGET SP HTTP/1.x */
  char *method = p, *space = memchr(p, ' ', (size_t)(eol - p));
  if (!space || space == method || space - method > 16)
    return answer_error(c, 400, "bad request line");
  for (char *m = method; m < space; m++)
    if (*m < 'A' || *m > 'Z')
      return answer_error(c, 400, "bad request line");
  char *target = space + 1;
  char *space2 = memchr(target, ' ', (size_t)(eol - target));
  if (!space2 || *target != '/')
    return answer_error(c, 400, "bad request line");
  if (space2 - target > TARGET_MAX)
    return answer_error(c, 414, "the request target is too long");
  for (char *t = target; t < space2; t++)
    if (*t < 0x21 || *t > 0x7e)
      return answer_error(c, 400, "bad request target");
  char *version = space2 + 1;
  size_t version_length = (size_t)(eol - version);
  if (version_length != 8 || memcmp(version, "HTTP/1.", 7) != 0 ||
      (version[7] != '0' && version[7] != '1'))
    return version_length >= 5 && memcmp(version, "HTTP/", 5) == 0
               ? answer_error(c, 505, "HTTP/1.0 and HTTP/1.1 only")
               : answer_error(c, 400, "bad request line");
  /* The headers: "name: value" lines, none folded; their values are not
   * needed. */
  int headers = 0;
  for (p = next; p < end; p = next) {
    eol = line_end(p, end, &next);
    if (!eol || eol == p)
      break; /* the blank line */
    char *colon = memchr(p, ':', (size_t)(eol - p));
    if (!colon || colon == p || ++headers > HEADERS_MAX)
      return answer_error(c, headers > HEADERS_MAX ? 431 : 400,
                          "bad header");
    for (char *h = p; h < colon; h++)
      if (!is_token_char(*h))
        return answer_error(c, 400, "bad header");
  }
  bool get = space - method == 3 && memcmp(method, "GET", 3) == 0;
  bool head = space - method == 4 && memcmp(method, "HEAD", 4) == 0;
  if (!get && !head)
    return answer_error(c, 405, "GET or HEAD only");
  *space2 = '\0';
  char *query = strchr(target, '?');
  if (query)
    *query++ = '\0';
  tm_http_page page = {0};
  tm_http_page_for(target, query, &page);
  if (page.finish) {
    c->waiting = page;
    c->head_only = head;
    c->state = WAITING;
    c->deadline_ms = now_ms() + page.wait_ms;
    return;
  }
  answer(c, &page, head);
}

/* Where the request's headers end (past the blank line), 0 when it is not
 * whole yet. */
static size_t request_end(const char *request, size_t length) {
  for (size_t i = 0; i < length; i++)
    if (request[i] == '\n' &&
        ((i >= 1 && request[i - 1] == '\n') ||
         (i >= 2 && request[i - 1] == '\r' && request[i - 2] == '\n')))
      return i + 1;
  return 0;
}

/* ----- clients ------------------------------------------------------------ */

/* The page a client waits for, made now (the page, made) or dropped
 * (NULL). */
static void finish_waiting(client *c, tm_http_page *page) {
  c->waiting.finish(c->waiting.pending, page);
  c->waiting.finish = NULL;
}

static void drop(int slot) {
  client *c = server.clients[slot];
  if (c->state == WAITING && c->waiting.finish)
    finish_waiting(c, NULL);
  close_if_ours(&c->socket);
  tm_real.free(c->out);
  tm_real.free(c);
  server.clients[slot] = NULL;
}

/* Peers of a socket file must be of the process's user (or root). */
static bool peer_may_read(int fd) {
  if (!server.unix_socket)
    return true;
  struct ucred peer;
  socklen_t length = sizeof peer;
  return getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &length) == 0 &&
         (peer.uid == 0 || peer.uid == geteuid());
}

static void accept_clients(void) {
  for (;;) {
    int fd = accept4(server.listener.fd, NULL, NULL,
                     SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0)
      return;
    int slot = 0;
    while (slot < MAX_CLIENTS && server.clients[slot])
      slot++;
    if (slot == MAX_CLIENTS) {
      static const char busy[] =
          "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
          "Retry-After: 1\r\nConnection: close\r\n\r\n";
      (void)send(fd, busy, sizeof busy - 1, MSG_DONTWAIT | MSG_NOSIGNAL);
      close(fd);
      continue;
    }
    client *c = tm_real.malloc(sizeof *c);
    if (!c || !remember(&c->socket, fd)) {
      tm_real.free(c);
      close(fd);
      continue;
    }
    c->state = READING;
    c->deadline_ms = now_ms() + READ_TIMEOUT_MS;
    c->received = 0;
    c->waiting = (tm_http_page){0};
    c->out = NULL;
    c->out_length = c->sent = 0;
    server.clients[slot] = c;
    if (!peer_may_read(fd))
      answer_error(c, 403, "only this process's user or root may read it");
  }
}

static void on_readable(client *c) {
  if (c->state == WAITING) {
    /* Nothing more is asked of a client that waits: what it sends is
     * dropped, and its end of the stream ends the wait. */
    char discard[4096];
    ssize_t n = recv(c->socket.fd, discard, sizeof discard, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
      finish_waiting(c, NULL);
      c->state = DRAINING;
      c->deadline_ms = 0; /* closed at once */
    }
    return;
  }
  if (c->state == DRAINING) {
    char discard[4096];
    ssize_t n = recv(c->socket.fd, discard, sizeof discard, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
      c->deadline_ms = 0; /* done: closed at once */
    return;
  }
  ssize_t n = recv(c->socket.fd, c->request + c->received,
                   REQUEST_MAX - c->received, 0);
  if (n < 0) {
    if (errno != EAGAIN && errno != EINTR)
      c->deadline_ms = 0;
    return;
  }
  if (n == 0) {
    /* Half-closed before the request was whole: it is all there is. */
    if (c->received)
      answer_error(c, 400, "the request ended before its headers did");
    else
      c->deadline_ms = 0;
    return;
  }
  size_t from = c->received > 3 ? c->received - 3 : 0;
  c->received += (size_t)n;
  size_t end = request_end(c->request + from, c->received - from);
  if (end)
    serve_request(c, from + end);
  else if (c->received == REQUEST_MAX)
    answer_error(c, memchr(c->request, '\n', c->received) ? 431 : 414,
                 "the request is too long");
}

static void on_writable(client *c) {
  while (c->sent < c->out_length) {
    ssize_t n = send(c->socket.fd, c->out + c->sent, c->out_length - c->sent,
                     MSG_NOSIGNAL);
    if (n < 0) {
      if (errno != EAGAIN && errno != EINTR)
        c->deadline_ms = 0;
      return;
    }
    c->sent += (size_t)n;
  }
  /* All sent (or nothing could be made): the client reads to our end of
   * the stream, and what it sent meanwhile is read and dropped, so that
   * closing does not reset the connection under its unread answer. */
  shutdown(c->socket.fd, SHUT_WR);
  c->state = DRAINING;
  c->deadline_ms = now_ms() + DRAIN_TIMEOUT_MS;
}

/* ----- the thread --------------------------------------------------------- */

static void *http_thread(void *arg) {
  (void)arg;
  tm_enter(); /* for the life of the thread: its allocations are ours */
  struct pollfd fds[MAX_CLIENTS + 1];
  int slots[MAX_CLIENTS + 1];
  for (;;) {
    if (!still_ours(&server.listener)) {
      /* The program closed it: listen again, or try later. */
      server.listener.fd = -1;
      if (!server.unix_socket && !listen_at_address()) {
        sleep(POLL_MS / 1000);
        continue;
      }
      if (server.unix_socket)
        return NULL; /* its path may be anyone's now */
    }
    uint64_t now = now_ms();
    int nfds = 0, timeout = POLL_MS;
    fds[nfds++] = (struct pollfd){.fd = server.listener.fd, .events = POLLIN};
    for (int i = 0; i < MAX_CLIENTS; i++) {
      client *c = server.clients[i];
      if (!c)
        continue;
      if (c->state == WAITING && c->deadline_ms <= now &&
          still_ours(&c->socket)) {
        tm_http_page page = {0};
        finish_waiting(c, &page);
        answer(c, &page, c->head_only);
        now = now_ms(); /* making it may have taken a while */
      }
      if (c->deadline_ms <= now || !still_ours(&c->socket)) {
        if (c->state == READING && c->deadline_ms && c->received &&
            still_ours(&c->socket)) {
          answer_error(c, 408, "the request took too long");
          on_writable(c);
        }
        drop(i);
        continue;
      }
      int wait = (int)(c->deadline_ms - now);
      if (wait < timeout)
        timeout = wait;
      slots[nfds] = i;
      fds[nfds++] = (struct pollfd){
          .fd = c->socket.fd,
          .events = c->state == WRITING ? POLLOUT : POLLIN};
    }
    if (poll(fds, (nfds_t)nfds, timeout) <= 0)
      continue;
    for (int k = 1; k < nfds; k++) {
      client *c = server.clients[slots[k]];
      if (!fds[k].revents)
        continue;
      if (c->state == WRITING)
        on_writable(c);
      else
        on_readable(c);
      if (c->state == WRITING)
        on_writable(c); /* an answer just made: most fit at once */
    }
    if (fds[0].revents & POLLIN)
      accept_clients();
  }
  return NULL;
}

/* A forked child's copies of the sockets are its parent's: closed, so
 * that the child takes none of the parent's clients.  (The child does
 * not serve: the address is its parent's.) */
static void close_inherited_sockets(void) {
  close_if_ours(&server.listener);
  for (int i = 0; i < MAX_CLIENTS; i++)
    if (server.clients[i])
      drop(i);
}

void tm_http_start(const char *address, long metrics_sites) {
  tm_http_metrics_sites = metrics_sites > 0 ? metrics_sites : 20;
  tm_enter();
  if (parse_address(address) && listen_at_address()) {
    int error = tm_start_service_thread(http_thread, NULL);
    if (error) {
      tm_report("warning: TRACEMALLOC_HTTP=%s: cannot start its thread: %s",
                server.text, strerror(error));
      close_if_ours(&server.listener);
    } else {
      pthread_atfork(NULL, NULL, close_inherited_sockets);
    }
  }
  tm_leave();
}

void tm_http_before_exit(void) {
  if (server.unix_socket && still_ours(&server.listener))
    unlink(((struct sockaddr_un *)&server.address)->sun_path);
}
