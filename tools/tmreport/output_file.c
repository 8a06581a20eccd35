/*
 * The files tmreport writes (-o): the report is built in memory, then put
 * in place as the runtime puts its dumps (file_replace.h): a regular file
 * is replaced whole, never half-written, so a report cut short by an
 * error never replaces a good one and a viewer reloading the file never
 * sees half of it; a device, a FIFO or /dev/stdout is written through.
 * "-" is standard output.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file_replace.h"
#include "tmreport.h"

static bool is_stdout(const char *path) { return strcmp(path, "-") == 0; }

bool open_output(output_file *file, const char *path) {
  *file = (output_file){.path = path};
  file->stream = is_stdout(path)
                     ? stdout
                     : open_memstream(&file->bytes, &file->size);
  if (!file->stream) {
    report_error("%s: cannot open: %s", path, strerror(errno));
    return false;
  }
  return true;
}

bool close_output(output_file *file, bool written) {
  /* The first failure's errno: the caller's, else the stream's. */
  int err = written ? 0 : errno;
  tm_file_step failed = TM_FILE_WRITE;
  if (ferror(file->stream) && !err)
    err = errno ? errno : EIO;
  if (is_stdout(file->path)) {
    if (fflush(stdout) != 0 && !err)
      err = errno;
  } else {
    if (fclose(file->stream) != 0 && !err)
      err = errno;
    if (!err)
      err = tm_replace_file(file->path, file->bytes, file->size, 0666,
                            &failed);
    free(file->bytes);
  }
  if (err)
    report_error("%s: cannot %s: %s",
                 is_stdout(file->path) ? "standard output" : file->path,
                 failed == TM_FILE_OPEN ? "open" : "write", strerror(err));
  *file = (output_file){0};
  return !err;
}
