// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %tmcc -O1 %s -o %t && timeout 20 %t %t.dir | FileCheck %s
// RUN: test -c /dev/full
// tm_snapshot_dump() puts a dump at its path safely: a new dump is for its
// owner only (0600 minus the umask), a replaced one keeps its permissions,
// a link planted at the temporary name the runtime once used (PATH.tmp.PID)
// redirects nothing, and no temporary file is left behind.  A path that is
// not a regular file is written through, never replaced: /dev/full fails
// with ENOSPC and stays the device, a FIFO without a reader fails at once
// with ENXIO, a link to a regular file rewrites that file and stays a link.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tracemalloc.h>
#include <unistd.h>

static const char *dir;

static const char *in_dir(const char *name) {
  static char paths[4][4096];
  static int next;
  char *p = paths[next++ % 4];
  snprintf(p, sizeof paths[0], "%s/%s", dir, name);
  return p;
}

static const char *errno_name(int e) {
  switch (e) {
  case 0: return "0";
  case ENOSPC: return "ENOSPC";
  case ENXIO: return "ENXIO";
  default: return strerror(e);
  }
}

static unsigned mode_of(const char *path) {
  struct stat st;
  return lstat(path, &st) == 0 ? (unsigned)(st.st_mode & 07777) : 01000;
}

static void put(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  fputs(text, f);
  fclose(f);
}

static const char *contents(const char *path) {
  static char text[64];
  FILE *f = fopen(path, "r");
  size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
  if (f)
    fclose(f);
  text[n] = '\0';
  return text;
}

static size_t traces_in(const char *path) {
  tm_snapshot *s = tm_snapshot_load(path);
  size_t n = s ? tm_snapshot_trace_count(s) : (size_t)-1;
  tm_snapshot_free(s);
  return n;
}

/* Temporary files in the directory: not the planted link. */
static int strays(void) {
  DIR *d = opendir(dir);
  int n = 0;
  for (struct dirent *e; (e = readdir(d));)
    n += strstr(e->d_name, ".tmp.") && e->d_type != DT_LNK;
  closedir(d);
  return n;
}

int main(int argc, char **argv) {
  dir = argv[1];
  umask(022);
  tm_start(1);
  void *volatile block = malloc(100);
  tm_snapshot *s = tm_take_snapshot();
  const char *dump = in_dir("a.dump");

  printf("new: %d mode %o\n", tm_snapshot_dump(s, dump), mode_of(dump));
  // CHECK: new: 0 mode 600
  chmod(dump, 0640);
  printf("replaced: %d mode %o\n", tm_snapshot_dump(s, dump), mode_of(dump));
  // CHECK-NEXT: replaced: 0 mode 640
  chmod(dump, 0644);
  printf("replaced: %d mode %o\n", tm_snapshot_dump(s, dump), mode_of(dump));
  // CHECK-NEXT: replaced: 0 mode 644

  /* The name the runtime used to write under, taken by a link to a file
   * the dump must not touch. */
  const char *victim = in_dir("victim");
  put(victim, "victim\n");
  char planted[4200];
  snprintf(planted, sizeof planted, "%s.tmp.%d", dump, (int)getpid());
  symlink(victim, planted);
  printf("planted: %d, victim %s", tm_snapshot_dump(s, dump),
         contents(victim));
  printf("link %s, dump of %zu trace(s)\n",
         mode_of(planted) == 0777 ? "intact" : "replaced", traces_in(dump));
  // CHECK-NEXT: planted: 0, victim victim
  // CHECK-NEXT: link intact, dump of 1 trace(s)

  errno = 0;
  int r = tm_snapshot_dump(s, "/dev/full");
  int err = errno;
  struct stat st;
  printf("/dev/full: %d %s %s; %s\n", r, errno_name(err), tm_last_error(),
         stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode)
             ? "still a character device"
             : "REPLACED");
  // CHECK-NEXT: /dev/full: -1 ENOSPC /dev/full: cannot write: No space left on device; still a character device

  const char *fifo = in_dir("fifo");
  mkfifo(fifo, 0600);
  errno = 0;
  r = tm_snapshot_dump(s, fifo);
  err = errno;
  printf("FIFO without a reader: %d %s, %s\n", r, errno_name(err),
         lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode) ? "still a FIFO"
                                                       : "REPLACED");
  // CHECK-NEXT: FIFO without a reader: -1 ENXIO, still a FIFO

  const char *target = in_dir("target.dump"), *link = in_dir("link.dump");
  put(target, "old contents\n");
  chmod(target, 0604);
  symlink("target.dump", link);
  printf("link: %d, %s, target of %zu trace(s), mode %o\n",
         tm_snapshot_dump(s, link),
         mode_of(link) == 0777 ? "still a link" : "REPLACED",
         traces_in(target), mode_of(target));
  // CHECK-NEXT: link: 0, still a link, target of 1 trace(s), mode 604

  printf("temporary files left: %d\n", strays());
  // CHECK-NEXT: temporary files left: 0
  tm_snapshot_free(s);
  free(block);
  return 0;
}
