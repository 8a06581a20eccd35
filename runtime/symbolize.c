/*
 * The symbolizer: code addresses to source frames, the way the sanitizers
 * do it.  llvm-symbolizer runs as a child process, spawned on first use and
 * kept for later batches, and answers requests on a socket:
 *
 *   request   CODE "<module path>" 0x<offset in the module>\n
 *   answer    <function>\n<file>:<line>:<column>\n   once per frame,
 *             innermost inlined frame first, then an empty line;
 *             "??" for what it does not know
 *
 * Answers are cached by address for the life of the process.  Each batch
 * has one deadline; a symbolizer that misses it or exits without answering
 * is given up for the rest of the process.  Whatever cannot be resolved
 * (no symbolizer, no debug information, a module that is not a file) gets
 * one frame naming its module, with the dynamic symbol dladdr() finds.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "options.h"
#include "symbolize.h"

extern char **environ;

/* The programs tried, in order, when TRACEMALLOC_SYMBOLIZER is unset: the
 * versioned name first, as the unversioned one on PATH may be another
 * LLVM's. */
static const char *const default_names[] = {
    "llvm-symbolizer-" TM_LLVM_VERSION_MAJOR, "llvm-symbolizer"};
/* The seconds a batch may take when TRACEMALLOC_SYMBOLIZER_TIMEOUT is
 * unset. */
#define TM_SYMBOLIZER_DEFAULT_TIMEOUT 5
#define TM_NOT_SYMBOLIZED "tracebacks show modules and symbols, not lines"

/* The frame of an address when even the runtime's memory ran out. */
static const tm_frame out_of_memory_frame = {"<out of memory>", 0, ""};

/* ----- state, all under `lock` -------------------------------------------- */

typedef struct cache_entry {
  uintptr_t pc;
  const tm_frame *frames; /* NULL: empty slot; &pending: being resolved */
  size_t nframe;
} cache_entry;

static const tm_frame pending = {"<pending>", 0, ""};

enum { SYMBOLIZER_UNDECIDED, SYMBOLIZER_FOUND, SYMBOLIZER_NONE };

static struct {
  pthread_mutex_t lock;
  cache_entry *slots;
  size_t capacity; /* power of two, or 0 */
  size_t count;
  int program_state;
  const char *program; /* the symbolizer's path, once found */
  const char *exe;     /* the main executable's path */
  pid_t child;         /* the running symbolizer, or 0 */
  int fd;              /* our end of its stdin and stdout, or -1 */
  pid_t owner;         /* the process that spawned it */
} sym = {.lock = PTHREAD_MUTEX_INITIALIZER, .fd = -1};

/* ----- the cache: open addressing on the address -------------------------- */

static size_t cache_index(uintptr_t pc) {
  return (size_t)((pc * 0x9e3779b97f4a7c15ull) >> 20) & (sym.capacity - 1);
}

/* The entry of pc, or the empty slot where it belongs; NULL without a
 * table. */
static cache_entry *cache_slot(uintptr_t pc) {
  if (!sym.capacity)
    return NULL;
  size_t i = cache_index(pc);
  while (sym.slots[i].frames && sym.slots[i].pc != pc)
    i = (i + 1) & (sym.capacity - 1);
  return &sym.slots[i];
}

/* Makes room for `more` new entries at a load of at most one half. */
static bool cache_reserve(size_t more) {
  if ((sym.count + more) * 2 <= sym.capacity)
    return true;
  size_t capacity = sym.capacity ? sym.capacity : 1024;
  while ((sym.count + more) * 2 > capacity)
    capacity *= 2;
  cache_entry *slots = tm_map(capacity * sizeof *slots);
  if (!slots)
    return false;
  cache_entry *old = sym.slots;
  size_t old_capacity = sym.capacity;
  sym.slots = slots;
  sym.capacity = capacity;
  for (size_t i = 0; i < old_capacity; i++)
    if (old[i].frames)
      *cache_slot(old[i].pc) = old[i];
  tm_unmap(old, old_capacity * sizeof *old);
  return true;
}

/* ----- finding the program ------------------------------------------------ */

static bool is_executable(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* The interned path of the first of names[0..n) found in a directory of
 * the list `dirs` (colon-separated), or NULL.  Only absolute directories
 * count: a relative one (an empty entry is the current directory) would
 * run whatever program of that name is where the program happens to be. */
static const char *search_dirs(const char *dirs, const char *const *names,
                               size_t n) {
  char path[4096];
  for (const char *d = dirs, *end;; d = end + 1) {
    end = strchrnul(d, ':');
    for (size_t i = 0; *d == '/' && i < n; i++)
      if (snprintf(path, sizeof path, "%.*s/%s", (int)(end - d), d, names[i]) <
              (int)sizeof path &&
          is_executable(path))
        return tm_intern(path);
    if (!*end)
      return NULL;
  }
}

/* The first of names[0..n) in LLVM's own bin directory, the one the
 * runtime was built with, then on $PATH. */
static const char *search(const char *const *names, size_t n) {
  const char *found = search_dirs(TM_LLVM_TOOLS_DIR, names, n);
  const char *path = secure_getenv("PATH");
  return found ? found
               : search_dirs(path ? path : "/usr/local/bin:/usr/bin:/bin",
                             names, n);
}

/* Decides once which program to run; a process without one says so once. */
static void find_program(void) {
  const char *setting = tm_options_symbolizer();
  const char *program = NULL;
  if (getauxval(AT_SECURE)) {
    /* It would run with the program's privileges and the user's
     * environment. */
    tm_report("warning: a set-user-ID, set-group-ID or privileged program "
              "runs no symbolizer; " TM_NOT_SYMBOLIZED);
  } else if (setting && strcmp(setting, "none") == 0) {
    tm_report("warning: TRACEMALLOC_SYMBOLIZER=none: " TM_NOT_SYMBOLIZED);
  } else if (setting) {
    program = strchr(setting, '/') ? (is_executable(setting) ? setting : NULL)
                                   : search(&setting, 1);
    if (!program)
      tm_report("warning: llvm-symbolizer not found: "
                "TRACEMALLOC_SYMBOLIZER=%s is not an executable "
                "file; " TM_NOT_SYMBOLIZED,
                setting);
  } else {
    program =
        search(default_names, sizeof default_names / sizeof *default_names);
    if (!program)
      tm_report("warning: llvm-symbolizer not found: " TM_NOT_SYMBOLIZED
                " (install llvm-" TM_LLVM_VERSION_MAJOR
                " or set TRACEMALLOC_SYMBOLIZER)");
  }
  sym.program = program ? tm_intern(program) : NULL;
  sym.program_state = program ? SYMBOLIZER_FOUND : SYMBOLIZER_NONE;
}

/* ----- the child process -------------------------------------------------- */

/* Stops and reaps the symbolizer this process spawned.  It is killed only
 * while it is an unreaped child: once the program's own wait() has reaped
 * it, its pid may already be another process's.  Its process group goes
 * with it: a wrapper script's own children hold the socket too. */
static void stop_child(void) {
  if (sym.fd >= 0)
    close(sym.fd);
  if (sym.child > 0 && sym.owner == getpid() &&
      waitpid(sym.child, NULL, WNOHANG) == 0) {
    kill(-sym.child, SIGKILL);
    kill(sym.child, SIGKILL); /* in case it left its group */
    while (waitpid(sym.child, NULL, 0) < 0 && errno == EINTR)
      ;
  }
  sym.fd = -1;
  sym.child = 0;
}

/* Forgets a symbolizer inherited through fork(): it is the parent's child,
 * and its socket the parent's conversation. */
static void forget_inherited_child(void) {
  if (sym.fd >= 0)
    close(sym.fd);
  sym.fd = -1;
  sym.child = 0;
}

/* fd moved above the standard streams (a program that closed its stdin may
 * get fd 0 from socketpair), close-on-exec. */
static int above_stdio(int fd) {
  if (fd > STDERR_FILENO)
    return fd;
  int moved = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
  close(fd);
  return moved;
}

/* The environment without the tracer's variables: the symbolizer must not
 * trace itself or write the program's dump file. */
static char **child_environment(void) {
  size_t n = 0;
  while (environ && environ[n])
    n++;
  char **env = tm_real.malloc((n + 1) * sizeof *env);
  if (!env)
    return NULL;
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (strncmp(environ[i], "TRACEMALLOC", 11) != 0)
      env[k++] = environ[i];
  env[k] = NULL;
  return env;
}

/* Starts the symbolizer with a socket as its stdin and stdout, stderr to
 * /dev/null, no other file of the program open (a pipe's write end kept
 * open in it would hide the end of the pipe from the program's reader), in
 * its own process group (a Ctrl-C for the program is not for it).  A
 * program that cannot be run is given up, with a warning. */
static bool start_child(void) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    return false;
  sv[0] = above_stdio(sv[0]);
  sv[1] = above_stdio(sv[1]);
  char **env = child_environment();
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  sigset_t none, pipe_signal;
  sigemptyset(&none);
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, sv[1], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, sv[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null",
                                   O_WRONLY, 0);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 34)
  posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
#endif
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK |
                                      POSIX_SPAWN_SETSIGDEF |
                                      POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &pipe_signal);
  posix_spawnattr_setpgroup(&attr, 0);
  /* Absolute file names: parse_answer makes those under a compilation
   * directory of the program relative again, as the site records name
   * them, so that one file has one name in a report. */
  char *argv[] = {(char *)sym.program, "--inlines", "--demangle",
                  "--functions=linkage", NULL};
  pid_t pid = 0;
  int error = sv[0] < 0 || sv[1] < 0 || !env
                  ? ENOMEM
                  : posix_spawn(&pid, sym.program, &actions, &attr, argv, env);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  tm_real.free(env);
  if (sv[1] >= 0)
    close(sv[1]);
  if (error) {
    if (sv[0] >= 0)
      close(sv[0]);
    if (error != ENOMEM && error != EAGAIN) {
      tm_report("warning: cannot run %s: %s; " TM_NOT_SYMBOLIZED, sym.program,
                strerror(error));
      sym.program_state = SYMBOLIZER_NONE;
    }
    return false;
  }
  sym.child = pid;
  sym.fd = sv[0];
  sym.owner = getpid();
  return true;
}

/* Whether a symbolizer of this process's, started for an earlier batch,
 * still runs; one that exited is reaped, the parent's after a fork
 * forgotten. */
static bool child_running(void) {
  if (sym.child && sym.owner != getpid())
    forget_inherited_child();
  if (sym.child && waitpid(sym.child, NULL, WNOHANG) != 0) {
    /* Exited and now reaped (pid), or reaped by someone else (-1). */
    sym.child = 0;
    stop_child();
  }
  return sym.child != 0;
}

/* ----- requests and answers ----------------------------------------------- */

typedef struct request {
  uintptr_t pc;
  size_t out;         /* the first index of the batch asking for it */
  const char *module; /* the module's path, or NULL (no module) */
  uintptr_t offset;   /* pc in the module's link-time addresses */
  const char *symbol; /* dladdr's dynamic symbol, or "" */
  const tm_frame *frames;
  size_t nframe;
} request;

/* The main executable's path, in this process (/proc/self/exe would name
 * the symbolizer in the symbolizer). */
static const char *executable_path(void) {
  if (sym.exe)
    return sym.exe;
  char path[4096];
  ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  if (n > 0) {
    path[n] = '\0';
  } else {
    snprintf(path, sizeof path, "/proc/%ld/exe", (long)getpid());
  }
  return sym.exe = tm_intern(path);
}

/* The module, offset and symbol of r->pc.  The offset is from the module's
 * load bias (l_addr), not dli_fbase: the two differ for a non-PIE
 * executable, whose addresses are already link-time addresses. */
static void describe(request *r) {
  Dl_info info;
  struct link_map *map = NULL;
  r->module = NULL;
  r->symbol = "";
  if (!dladdr1((void *)r->pc, &info, (void **)&map, RTLD_DL_LINKMAP) || !map)
    return;
  /* The main program is the one object with an empty name; dli_fname
   * would be its argv[0]. */
  r->module =
      map->l_name && *map->l_name ? tm_intern(map->l_name) : executable_path();
  r->offset = r->pc - (uintptr_t)map->l_addr;
  r->symbol = tm_intern(info.dli_sname ? info.dli_sname : "");
}

/* One frame naming the module. */
static void fallback(request *r) {
  tm_frame *f = tm_arena_alloc(sizeof *f);
  if (f)
    *f = (tm_frame){.filename = r->module ? r->module : tm_intern("<unknown>"),
                    .lineno = 0,
                    .function = r->symbol};
  r->frames = f ? f : &out_of_memory_frame;
  r->nframe = 1;
}

/* Whether the symbolizer can be asked about the module: it must be a file
 * (the vDSO's name, linux-vdso.so.1, is not) whose path fits in a quoted
 * request line.  A relative path is relative to the directory the program
 * had when the symbolizer started: the symbolizer runs there. */
static bool can_request(const request *r) {
  return r->module && strchr(r->module, '/') && !strpbrk(r->module, "\"\n");
}

/* Splits "<file>:<line>:<column>" in place into the file and the line; the
 * file is NULL when the symbolizer does not know it ("??"). */
static const char *parse_location(char *text, unsigned *line) {
  unsigned numbers[2] = {0, 0};
  int found = 0;
  for (; found < 2; found++) {
    char *colon = strrchr(text, ':');
    if (!colon || !colon[1] ||
        strspn(colon + 1, "0123456789") != strlen(colon + 1))
      break;
    numbers[found] = (unsigned)strtoul(colon + 1, NULL, 10);
    *colon = '\0';
  }
  *line = found == 2 ? numbers[1] : numbers[0]; /* line:column, or line */
  return strcmp(text, "??") == 0 || !*text ? NULL : text;
}

/* Fills r from one answer: `text` holds its lines, each ending in '\n'
 * (the block's empty line excluded).  Frames the symbolizer knows nothing
 * about name the module; the outermost one, the function the address is
 * really in, gets dladdr's symbol when the symbolizer has no name. */
static void parse_answer(request *r, char *text, size_t len) {
  size_t nlines = 0;
  for (size_t i = 0; i < len; i++)
    nlines += text[i] == '\n';
  size_t n = nlines / 2;
  tm_frame *frames = n ? tm_arena_alloc(n * sizeof *frames) : NULL;
  if (!frames) {
    fallback(r);
    return;
  }
  bool known = false;
  char *p = text;
  for (size_t k = 0; k < n; k++) {
    char *function = p;
    char *location = strchr(function, '\n') + 1;
    p = strchr(location, '\n') + 1;
    location[-1] = p[-1] = '\0';
    unsigned line;
    const char *file = parse_location(location, &line);
    bool named = strcmp(function, "??") != 0;
    known |= named || file;
    frames[k] = (tm_frame){.filename = file ? tm_intern(tm_site_relative_path(file))
                                            : r->module,
                           .lineno = file ? line : 0,
                           .function = named        ? tm_intern(function)
                                       : k == n - 1 ? r->symbol
                                                    : tm_intern("")};
  }
  if (!known) {
    fallback(r); /* the few bytes of frames stay in the arena */
    return;
  }
  r->frames = frames;
  r->nframe = n;
}

/* A buffer of bytes read, consumed from the front. */
typedef struct inbox {
  char *data;
  size_t capacity, start, end;
} inbox;

/* Room for at least 4 KiB more at the end of the buffer. */
static bool inbox_room(inbox *in) {
  if (in->start == in->end)
    in->start = in->end = 0;
  if (in->capacity - in->end >= 4096)
    return true;
  if (in->start > 0) {
    memmove(in->data, in->data + in->start, in->end - in->start);
    in->end -= in->start;
    in->start = 0;
    if (in->capacity - in->end >= 4096)
      return true;
  }
  size_t capacity = in->capacity ? in->capacity * 2 : 64 * 1024;
  char *data = tm_real.realloc(in->data, capacity);
  if (!data)
    return false;
  in->data = data;
  in->capacity = capacity;
  return true;
}

/* How an exchange ended. */
typedef enum {
  ALL_ANSWERED,
  EXITED,   /* the symbolizer closed its end, or the socket failed */
  SILENT,   /* the batch's deadline passed */
  NO_MEMORY /* the runtime's, for the requests or the answers */
} outcome;

static int64_t now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static long timeout_seconds(void) {
  long seconds = tm_options_symbolizer_timeout();
  return seconds ? seconds : TM_SYMBOLIZER_DEFAULT_TIMEOUT;
}

/*
 * Sends the requests to the symbolizer and parses the answers, in one
 * round trip: the requests are all written while the answers are read, so
 * neither side blocks on a full socket buffer while the other waits, and
 * no wait lasts past `deadline` (now_ms()'s clock).  Returns how many
 * requests, from the first, got their answer, and in *how why that is
 * fewer than count.
 */
static size_t exchange(request **reqs, size_t count, int64_t deadline,
                       outcome *how) {
  size_t length = 0;
  for (size_t i = 0; i < count; i++)
    length += strlen(reqs[i]->module) + 32;
  *how = NO_MEMORY;
  char *out = tm_real.malloc(length);
  if (!out)
    return 0;
  length = 0;
  for (size_t i = 0; i < count; i++)
    length += (size_t)sprintf(out + length, "CODE \"%s\" 0x%zx\n",
                              reqs[i]->module, (size_t)reqs[i]->offset);

  inbox in = {0};
  size_t written = 0, answered = 0, scan = 0;
  *how = EXITED;
  while (answered < count) {
    int64_t left = deadline - now_ms();
    struct pollfd p = {.fd = sym.fd,
                       .events = POLLIN | (written < length ? POLLOUT : 0)};
    int ready =
        left > 0 ? poll(&p, 1, left < INT32_MAX ? (int)left : INT32_MAX) : 0;
    if (ready == 0) {
      *how = SILENT;
      break;
    }
    if (ready < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    if ((p.revents & POLLOUT) && written < length) {
      ssize_t w = send(sym.fd, out + written, length - written,
                       MSG_NOSIGNAL | MSG_DONTWAIT);
      if (w > 0)
        written += (size_t)w;
      else if (errno != EAGAIN && errno != EINTR)
        break;
    }
    if (!(p.revents & (POLLIN | POLLHUP | POLLERR)))
      continue;
    size_t start = in.start;
    if (!inbox_room(&in)) {
      *how = NO_MEMORY;
      break;
    }
    scan -= start - in.start; /* the data may have moved to the front */
    ssize_t r =
        recv(sym.fd, in.data + in.end, in.capacity - in.end, MSG_DONTWAIT);
    if (r == 0)
      break;
    if (r < 0) {
      if (errno == EAGAIN || errno == EINTR)
        continue;
      break;
    }
    in.end += (size_t)r;
    /* Each answer ends with an empty line: the first "\n\n" after its
     * start (no line of an answer is empty). */
    while (answered < count) {
      char *end = memmem(in.data + scan, in.end - scan, "\n\n", 2);
      if (!end) {
        scan = in.end > in.start ? in.end - 1 : in.start;
        break;
      }
      size_t stop = (size_t)(end - in.data) + 1; /* after the last line */
      parse_answer(reqs[answered++], in.data + in.start, stop - in.start);
      in.start = scan = stop + 1;
    }
  }
  if (answered == count)
    *how = ALL_ANSWERED;
  tm_real.free(in.data);
  tm_real.free(out);
  return answered;
}

/* Turns symbolization off for the rest of the process, with one warning:
 * a symbolizer that failed once would only fail again, each time at the
 * price of a deadline or a process. */
static void give_up(outcome how) {
  if (how == SILENT)
    tm_report("warning: %s did not answer within %ld s; " TM_NOT_SYMBOLIZED
              " (TRACEMALLOC_SYMBOLIZER_TIMEOUT sets the wait)",
              sym.program, timeout_seconds());
  else
    tm_report("warning: %s exits without answering; " TM_NOT_SYMBOLIZED,
              sym.program);
  sym.program_state = SYMBOLIZER_NONE;
}

/* Resolves the requests, through the symbolizer where there is one, within
 * one deadline for the batch.  A symbolizer from an earlier batch that
 * turns out dead (killed since, say) is replaced once for the requests it
 * left unanswered; one that falls silent, or a new one that fails, is
 * given up.  What is still unanswered names its module. */
static void resolve(request *reqs, size_t count) {
  request **asked = NULL;
  size_t nasked = 0;
  if (sym.program_state == SYMBOLIZER_UNDECIDED)
    find_program();
  if (sym.program_state == SYMBOLIZER_FOUND && count)
    asked = tm_real.malloc(count * sizeof *asked);
  for (size_t i = 0; i < count; i++) {
    reqs[i].frames = NULL;
    describe(&reqs[i]);
    if (asked && can_request(&reqs[i]))
      asked[nasked++] = &reqs[i];
  }
  int64_t deadline = now_ms() + 1000 * (int64_t)timeout_seconds();
  for (size_t answered = 0; answered < nasked;) {
    bool earlier = child_running();
    if (!earlier && !start_child())
      break;
    outcome how;
    answered += exchange(asked + answered, nasked - answered, deadline, &how);
    if (how == ALL_ANSWERED)
      break;
    stop_child();
    if (how == SILENT || (how == EXITED && !earlier))
      give_up(how);
    if (how != EXITED || !earlier)
      break;
  }
  tm_real.free(asked);
  for (size_t i = 0; i < count; i++)
    if (!reqs[i].frames)
      fallback(&reqs[i]);
}

/* ----- the batch ---------------------------------------------------------- */

/* Collects the batch's addresses that are not cached, each once, into
 * reqs (room for `room`), from index *next on; returns how many. */
static size_t collect(const uintptr_t *pcs, size_t n, size_t *next,
                      const tm_frame **frames, request *reqs, size_t room) {
  size_t count = 0, misses = 0;
  for (size_t i = *next; i < n && misses < room; i++) {
    cache_entry *e = cache_slot(pcs[i]);
    misses += !e || !e->frames;
  }
  bool cached = cache_reserve(misses);
  for (; *next < n && count < room; ++*next) {
    size_t i = *next;
    cache_entry *e = cache_slot(pcs[i]);
    if (e && e->frames)
      continue; /* known, or asked for earlier in this batch */
    if (e && cached) {
      *e = (cache_entry){.pc = pcs[i], .frames = &pending};
      sym.count++;
    }
    reqs[count++] = (request){.pc = pcs[i], .out = i};
    frames[i] = NULL;
  }
  return count;
}

/* Stores the answers in the cache and in the batch's outputs. */
static void publish(const request *reqs, size_t count, const tm_frame **frames,
                    size_t *nframes) {
  for (size_t k = 0; k < count; k++) {
    cache_entry *e = cache_slot(reqs[k].pc);
    if (e && e->frames == &pending)
      e->frames = reqs[k].frames, e->nframe = reqs[k].nframe;
    frames[reqs[k].out] = reqs[k].frames;
    nframes[reqs[k].out] = reqs[k].nframe;
  }
}

static void before_fork(void) { pthread_mutex_lock(&sym.lock); }
static void after_fork_in_parent(void) { pthread_mutex_unlock(&sym.lock); }
static void after_fork_in_child(void) {
  forget_inherited_child();
  pthread_mutex_unlock(&sym.lock);
}

void tm_symbolize_install_fork_handlers(void) {
  pthread_atfork(before_fork, after_fork_in_parent, after_fork_in_child);
}

void tm_symbolize(const uintptr_t *pcs, size_t n, const tm_frame **frames,
                  size_t *nframes) {
  tm_ensure_init();
  tm_enter();
  int saved_errno = errno;
  pthread_mutex_lock(&sym.lock);

  for (size_t i = 0; i < n; i++)
    frames[i] = &pending;
  /* All the misses in one round trip; in chunks of a stack array only when
   * there is no memory for a list of them. */
  request spare[32];
  request *reqs = n ? tm_real.malloc(n * sizeof *reqs) : NULL;
  size_t room = reqs ? n : sizeof spare / sizeof *spare;
  if (!reqs)
    reqs = spare;
  for (size_t next = 0; next < n;) {
    size_t count = collect(pcs, n, &next, frames, reqs, room);
    resolve(reqs, count);
    publish(reqs, count, frames, nframes);
  }
  if (reqs != spare)
    tm_real.free(reqs);

  /* Cache hits, and addresses that came more than once. */
  for (size_t i = 0; i < n; i++) {
    if (frames[i] != &pending)
      continue;
    cache_entry *e = cache_slot(pcs[i]);
    bool found = e && e->frames && e->frames != &pending;
    frames[i] = found ? e->frames : &out_of_memory_frame;
    nframes[i] = found ? e->nframe : 1;
  }
  pthread_mutex_unlock(&sym.lock);
  errno = saved_errno;
  tm_leave();
}
