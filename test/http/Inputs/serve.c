/* A traced program that holds known blocks while it serves
 * TRACEMALLOC_HTTP: 1000 of 64 bytes from one line, 3 of 5000 (traced by
 * address) from another; it churns through blocks of a third until "stop"
 * appears, then prints a checksum of them, which the endpoint must not
 * change.  Once "grow" appears it frees 100 of 64 and holds 10 of 128. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *held[1003], *grown[10];

int main(void) {
  for (int i = 0; i < 1000; i++)
    held[i] = malloc(64); /* line 15 */
  for (int i = 0; i < 3; i++)
    held[1000 + i] = malloc(5000); /* line 17 */
  FILE *ready = fopen("ready", "w");
  fclose(ready);
  unsigned long rounds = 0, sum = 0, expected = 0;
  while (access("stop", F_OK) != 0) {
    for (int i = 0; i < 1000; i++) {
      char *p = malloc(32 + i % 64); /* line 23 */
      memset(p, (int)(i & 0xff), 32);
      sum += (unsigned char)p[i % 32];
      expected += (unsigned)i & 0xff;
      free(p);
    }
    rounds++;
    if (!grown[0] && access("grow", F_OK) == 0) {
      for (int i = 0; i < 100; i++)
        free(held[i]);
      for (int i = 0; i < 10; i++)
        grown[i] = malloc(128); /* line 34 */
    }
  }
  printf("churned %s rounds, checksum %s\n", rounds ? "some" : "no",
         sum == expected ? "right" : "WRONG");
  return 0;
}
