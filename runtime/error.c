/*
 * tm_last_error(): the message of the calling thread's last failed call,
 * for the functions whose failures errno alone cannot explain (which file,
 * which byte, which version).
 *
 * Each thread's message lives in a buffer allocated on its first failure
 * and freed when it exits (a pthread key), not in a thread-local array: a
 * kilobyte in the runtime's initial-exec TLS block would take most of the
 * static TLS that glibc keeps for libraries loaded with dlopen, and threads
 * that never fail pay nothing.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

/* Long enough for a path and what went wrong with it; longer is cut. */
#define TM_ERROR_SIZE 1024

/* What a thread's last failure says when its buffer could not be made. */
static const char no_room[] = "out of memory (no room for the message)";

static pthread_key_t key;
static bool have_key;

static void free_message(void *message) {
  if (message != no_room)
    tm_real.free(message);
}

static void create_key(void) {
  have_key = pthread_key_create(&key, free_message) == 0;
}

static char *message_of_this_thread(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, create_key);
  return have_key ? pthread_getspecific(key) : NULL;
}

void tm_set_error(int errnum, const char *fmt, ...) {
  char *message = message_of_this_thread();
  if ((!message || message == no_room) && have_key) {
    message = tm_real.malloc(TM_ERROR_SIZE);
    if (!message || pthread_setspecific(key, message) != 0) {
      tm_real.free(message);
      message = NULL;
      pthread_setspecific(key, no_room);
    }
  }
  if (message && message != no_room) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, TM_ERROR_SIZE, fmt, ap);
    va_end(ap);
  }
  errno = errnum;
}

TM_EXPORT const char *tm_last_error(void) {
  const char *message = message_of_this_thread();
  return message ? message : "";
}
