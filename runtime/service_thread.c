/* The runtime's own threads (the dump thread, tmctl's, the HTTP
 * endpoint's): detached, and blind to the program's signals. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>

#include "internal.h"

int tm_start_service_thread(void *(*fn)(void *), void *arg) {
  pthread_t thread;
  pthread_attr_t attr;
  sigset_t all, old;
  sigfillset(&all);
  int error = pthread_attr_init(&attr);
  if (error)
    return error;
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  /* The thread inherits the mask: it takes none of the program's
   * signals. */
  pthread_sigmask(SIG_SETMASK, &all, &old);
  error = pthread_create(&thread, &attr, fn, arg);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  pthread_attr_destroy(&attr);
  return error;
}
