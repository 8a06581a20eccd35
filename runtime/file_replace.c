/*
 * tm_replace_file(): see file_replace.h.  It allocates nothing, so that the
 * runtime can call it at any time (a dump at exit, a dump from the
 * signal thread).
 */
#define _GNU_SOURCE
#include "file_replace.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Tries at a temporary name before giving up: O_EXCL fails only when the
 * name is taken, which with 72 random bits means someone is guessing. */
#define NAME_TRIES 64

/* 0, or the errno of the first failure; a write of 0 bytes is EIO. */
static int write_all(int fd, const unsigned char *bytes, size_t size) {
  while (size > 0) {
    ssize_t n = write(fd, bytes, size);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return n < 0 ? errno : EIO;
    bytes += n;
    size -= (size_t)n;
  }
  return 0;
}

/* Writes and closes fd: 0 or an errno (NFS reports some write errors only
 * at the close). */
static int write_and_close(int fd, const void *bytes, size_t size) {
  int err = write_all(fd, bytes, size);
  if (close(fd) != 0 && !err)
    err = errno;
  return err;
}

/* splitmix64's finaliser: spreads the bits of a weak seed. */
static uint64_t mix(uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
  return x ^ (x >> 31);
}

/* 12 characters of 6 random bits each.  getrandom() never blocks here;
 * without it (an old kernel, a seccomp filter) the clock and the pid
 * stand in: O_EXCL keeps even a guessed name from being redirected, the
 * randomness only keeps it from being taken in advance. */
static void random_name(char out[13]) {
  static const char alphabet[64] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  unsigned char bits[12];
  if (getrandom(bits, sizeof bits, GRND_NONBLOCK) != (ssize_t)sizeof bits) {
    static uint64_t calls;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    uint64_t seed = (uint64_t)now.tv_sec << 32 ^ (uint64_t)now.tv_nsec ^
                    (uint64_t)getpid() << 40 ^ ++calls;
    for (size_t i = 0; i < sizeof bits; i++)
      bits[i] = (unsigned char)(seed = mix(seed));
  }
  for (size_t i = 0; i < sizeof bits; i++)
    out[i] = alphabet[bits[i] & 63];
  out[12] = '\0';
}

/* A regular file, or none (existing == NULL): a new file beside it,
 * renamed over it once complete. */
static int replace(const char *path, const struct stat *existing,
                   const void *bytes, size_t size, mode_t new_mode,
                   tm_file_step *failed) {
  char temporary[PATH_MAX + 32];
  int fd = -1;
  *failed = TM_FILE_OPEN;
  for (int i = 0; i < NAME_TRIES && fd < 0; i++) {
    char name[13];
    random_name(name);
    if (snprintf(temporary, sizeof temporary, "%s.tmp.%s", path, name) >=
        (int)sizeof temporary)
      return ENAMETOOLONG;
    fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
              new_mode);
    if (fd < 0 && errno != EEXIST)
      return errno;
  }
  if (fd < 0)
    return EEXIST;
  int err = 0;
  /* The owner of a replaced file becomes whoever replaces it, as with any
   * replace-by-rename; its permissions stay. */
  if (existing && fchmod(fd, existing->st_mode & 0777) != 0) {
    err = errno;
    close(fd);
  } else {
    *failed = TM_FILE_WRITE;
    err = write_and_close(fd, bytes, size);
    if (!err && rename(temporary, path) != 0)
      err = errno;
  }
  if (err)
    unlink(temporary);
  return err;
}

/* Anything but a regular file: opened as it is, never created or replaced.
 * O_NONBLOCK keeps the open of a FIFO without a reader from waiting
 * (ENXIO instead); writes then block as usual.  O_TRUNC only matters to a
 * regular file behind a link. */
static int write_through(const char *path, const void *bytes, size_t size,
                         tm_file_step *failed) {
  *failed = TM_FILE_OPEN;
  int fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_TRUNC | O_CLOEXEC);
  if (fd < 0)
    return errno;
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
    int err = errno;
    close(fd);
    return err;
  }
  *failed = TM_FILE_WRITE;
  return write_and_close(fd, bytes, size);
}

int tm_replace_file(const char *path, const void *bytes, size_t size,
                    mode_t new_mode, tm_file_step *failed) {
  struct stat st;
  if (lstat(path, &st) != 0) {
    *failed = TM_FILE_OPEN;
    return errno == ENOENT
               ? replace(path, NULL, bytes, size, new_mode, failed)
               : errno;
  }
  return S_ISREG(st.st_mode)
             ? replace(path, &st, bytes, size, new_mode, failed)
             : write_through(path, bytes, size, failed);
}
