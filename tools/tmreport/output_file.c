/*
 * The files tmreport writes (-o) appear whole or not at all: written under
 * a temporary name beside the target, then renamed over it, as the runtime
 * writes its dumps.  A report cut short by an error or a full disk never
 * replaces a good one, and a browser or viewer reloading the file never
 * sees half of it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tmreport.h"

bool open_output(output_file *file, const char *path) {
  *file = (output_file){.path = path};
  size_t len = (size_t)snprintf(NULL, 0, "%s.tmp.%d", path, (int)getpid());
  file->temporary = malloc(len + 1);
  if (!file->temporary) {
    report_error("%s: cannot open: %s", path, strerror(ENOMEM));
    return false;
  }
  snprintf(file->temporary, len + 1, "%s.tmp.%d", path, (int)getpid());
  /* 0666 and the umask, as fopen() would create the file itself. */
  int fd = open(file->temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                0666);
  if (fd >= 0 && !(file->stream = fdopen(fd, "w"))) {
    int err = errno;
    close(fd);
    unlink(file->temporary);
    errno = err;
  }
  if (!file->stream) {
    report_error("%s: cannot open: %s", path, strerror(errno));
    free(file->temporary);
    file->temporary = NULL;
    return false;
  }
  return true;
}

bool close_output(output_file *file, bool written) {
  /* The first failure's errno: the caller's, else the stream's. */
  int err = written ? 0 : errno;
  if (ferror(file->stream) && !err)
    err = errno ? errno : EIO;
  if (fclose(file->stream) != 0 && !err)
    err = errno;
  if (!err && rename(file->temporary, file->path) != 0)
    err = errno;
  if (err) {
    report_error("%s: cannot write: %s", file->path, strerror(err));
    unlink(file->temporary);
  }
  free(file->temporary);
  *file = (output_file){0};
  return !err;
}
