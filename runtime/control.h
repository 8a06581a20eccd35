/*
 * Control from outside (control.c): what tmctl and the runtime agree on,
 * and the runtime's entry points (tmctl includes this file for the
 * former).
 */
#ifndef TM_CONTROL_H
#define TM_CONTROL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

/* The abstract socket of process PID is this, then PID in decimal. */
#define TM_CONTROL_SOCKET_PREFIX "tracemalloc-control-"

/* Sends all n bytes on a socket, whoever reads it; false on an error (a
 * peer gone: no SIGPIPE). */
static inline bool tm_control_send(int fd, const void *bytes, size_t n) {
  const char *p = bytes;
  while (n > 0) {
    ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
    if (k < 0 && errno == EINTR)
      continue;
    if (k <= 0)
      return false;
    p += k;
    n -= (size_t)k;
  }
  return true;
}

#pragma GCC visibility push(hidden)

/* Installs the control signal's handler (signal 0: SIGRTMAX - 2), unless
 * the program already set the signal's disposition or runs with
 * privileges its user lacks.  At start-up, before main. */
void tm_control_install(long signal);

/* Starts the control thread of this process unless it runs: from the
 * malloc() a control signal diverted (tm_interpose_divert). */
void tm_control_start_thread(void);

#pragma GCC visibility pop

#endif /* TM_CONTROL_H */
