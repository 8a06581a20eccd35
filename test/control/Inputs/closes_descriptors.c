/* A daemon-like program: once controlled ("go1"), it closes every
 * descriptor above stderr, as daemons do, and opens a file of its own,
 * which gets the lowest number: the one the runtime's listener had.  The
 * runtime must neither use nor close it. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stages.h"

int main(void) {
  mark("stage0");
  await("go1");
  for (int fd = 3; fd < 1024; fd++)
    close(fd);
  int mine = open("own.txt", O_WRONLY | O_CREAT | O_TRUNC, 0600);
  FILE *f = fopen("stage1", "w");
  fprintf(f, "%d\n", mine);
  fclose(f);
  await("go2");
  const char text[] = "the program's own file\n";
  if (write(mine, text, strlen(text)) != (ssize_t)strlen(text))
    return 1;
  close(mine);
  return 0;
}
