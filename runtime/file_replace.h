/*
 * Putting a file in place at a path the user named, safely: the runtime's
 * dumps and tmreport's -o files.  Plain C and libc only, so that tmreport
 * compiles the same source (it links the shared runtime, whose symbols
 * are hidden).
 */
#ifndef TM_FILE_REPLACE_H
#define TM_FILE_REPLACE_H

#include <stddef.h>
#include <sys/types.h>

/* The step tm_replace_file() failed at: opening or creating the file, or
 * writing it (a write, the close, the rename). */
typedef enum tm_file_step { TM_FILE_OPEN, TM_FILE_WRITE } tm_file_step;

/*
 * Puts bytes[0..size) at `path`.
 *
 * A regular file (or no file) at `path` is replaced whole: the bytes are
 * written to a new file beside it, created with O_EXCL|O_NOFOLLOW under an
 * unpredictable name (`path`.tmp.XXXXXXXXXXXX), which then is renamed over
 * `path`.  A reader never sees half a file, and a link planted at any
 * temporary name cannot redirect the write.  The new file keeps the
 * permission bits of the one it replaces; a file that did not exist gets
 * `new_mode` minus the umask.
 *
 * Anything else at `path` is written through, as a shell redirection
 * would, without creating or replacing anything there: a device, a FIFO
 * (which must have a reader: ENXIO otherwise, never a wait), a symbolic
 * link (to a terminal, /dev/stdout, or a regular file, which is then
 * truncated and rewritten in place).
 *
 * Returns 0, or an errno value with *failed saying which step failed.
 */
int tm_replace_file(const char *path, const void *bytes, size_t size,
                    mode_t new_mode, tm_file_step *failed);

#endif /* TM_FILE_REPLACE_H */
