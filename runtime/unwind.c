/*
 * The thread's stack bounds, for the unwinder's checks (unwind.h), and
 * main's return address; the system's unwinder, for what frame pointers
 * and call-frame information cannot walk.
 */
#define _GNU_SOURCE
#include "unwind.h"

#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

uintptr_t tm_main_return; /* set by start_main.c */

/* The hexadecimal number at *text, *text moved past it. */
static uintptr_t parse_hex(const char **text, const char *end) {
  uintptr_t value = 0;
  for (; *text < end; (*text)++) {
    char c = **text;
    unsigned digit = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                     : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                                            : 16;
    if (digit == 16)
      break;
    value = value << 4 | digit;
  }
  return value;
}

/* The stack mapping's search: the line "start-end perms ..." of
 * /proc/self/maps that holds sp, and the end of the one before it. */
typedef struct stack_search {
  uintptr_t sp, lo, hi, below;
  bool found;
} stack_search;

/* Reads the addresses at the start of one line of the maps, [line, end). */
static void check_mapping(stack_search *search, const char *line,
                          const char *end) {
  uintptr_t start = parse_hex(&line, end);
  if (line == end || *line != '-')
    return;
  line++;
  uintptr_t stop = parse_hex(&line, end);
  if (search->sp >= start && search->sp < stop)
    search->lo = start, search->hi = stop, search->found = true;
  else if (stop <= search->sp)
    search->below = stop;
}

/*
 * The mapping of /proc/self/maps that holds search->sp: a thread's whole
 * stack, which glibc maps in one piece (its guard page is a mapping of its
 * own).  Read with raw system calls into a buffer on the stack: no
 * allocation, no lock, no cancellation point, for this runs inside malloc,
 * and may run inside pthread_getattr_np, whose lock the thread then holds
 * (the JVM calls it, and it reallocates).
 */
static void find_stack_mapping(stack_search *search) {
  int saved_errno = errno; /* malloc leaves the program's errno alone */
  int fd = (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/maps",
                        O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    errno = saved_errno;
    return;
  }
  char buf[1024]; /* malloc may run on a small stack: lines are ~100 B */
  size_t have = 0;
  bool in_line = false; /* the rest of a line longer than buf */
  while (!search->found) {
    long got = syscall(SYS_read, fd, buf + have, sizeof buf - have);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      break;
    have += (size_t)got;
    const char *line = buf, *end = buf + have, *newline;
    while (!search->found &&
           (newline = memchr(line, '\n', (size_t)(end - line)))) {
      if (!in_line)
        check_mapping(search, line, newline);
      in_line = false;
      line = newline + 1;
    }
    if (line == buf && have == sizeof buf) {
      /* A line longer than the buffer (a long path): its addresses are at
       * its start. */
      if (!in_line)
        check_mapping(search, buf, end);
      in_line = true;
      have = 0;
    } else {
      have = (size_t)(end - line);
      memmove(buf, line, have);
    }
  }
  syscall(SYS_close, fd);
  errno = saved_errno;
}

void tm_unwind_stack_bounds(uintptr_t *lo, uintptr_t *hi) {
  stack_search search = {.sp = (uintptr_t)__builtin_frame_address(0)};
  find_stack_mapping(&search);
  uintptr_t base = search.lo, top = search.hi;
  if (search.found && syscall(SYS_gettid) == getpid()) {
    /* The main thread's stack grows as far as its rlimit, down to the
     * mapping below it: the bounds pthread_getattr_np gives it. */
    struct rlimit limit;
    base = search.below;
    if (getrlimit(RLIMIT_STACK, &limit) == 0 &&
        limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < top - base)
      base = top - (uintptr_t)limit.rlim_cur;
  }
  tm_self.stack_lo = base;
  /* Unknown bounds: an empty stack, so nothing is read. */
  tm_self.stack_hi = top ? top : 1;
  *lo = tm_self.stack_lo;
  *hi = tm_self.stack_hi;
}

/* How deep the system's unwinder looks: the deepest traceback kept, plus
 * the runtime's own frames below the program's. */
#define UNWIND_REST_MAX 320

size_t tm_unwind_rest(uintptr_t *pcs, size_t n, size_t max, size_t *depth) {
  void *frames[UNWIND_REST_MAX];
  if (!n)
    return n;
  tm_enter(); /* the unwinder may allocate: not the program's memory */
  int got = backtrace(frames, UNWIND_REST_MAX);
  tm_leave();
  /* The innermost frame holding the walk's first return address is where
   * the walk started (the same address twice is recursion, further up). */
  int from = 0;
  while (from < got && (uintptr_t)frames[from] != pcs[0])
    from++;
  if (from == got)
    return n;
  size_t found = (size_t)(got - from);
  if (found <= n)
    return n; /* no further than the walk: keep its count */
  size_t kept = found < max ? found : max;
  for (size_t i = 0; i < kept; i++)
    pcs[i] = (uintptr_t)frames[from + (int)i];
  *depth = found;
  return kept;
}

void tm_unwind_prepare(void) {
  void *frame;
  tm_enter();
  /* libgcc's unwinder is loaded by its first use: now, not inside an
   * allocation. */
  backtrace(&frame, 1);
  tm_leave();
}
