/* A traced program that holds blocks from three call paths, serves
 * TRACEMALLOC_HTTP, and, once the file "go" appears, dumps a snapshot of
 * its own (tm_take_snapshot) to "self.tmd", says so with the file "done",
 * and then allocates nothing until "stop": the endpoint's profiles of that
 * moment must be the same as the snapshot's. */
#include <fcntl.h>
#include <stdlib.h>
#include <tracemalloc.h>
#include <unistd.h>

static void *held[60];

__attribute__((noinline)) static void *leaf(size_t n) {
  return malloc(n); /* line 14 */
}

__attribute__((noinline)) static void *left(size_t n) {
  void *p = leaf(n); /* line 18 */
  __asm__ volatile("");
  return p;
}

__attribute__((noinline)) static void *right(size_t n) {
  void *p = leaf(n); /* line 24 */
  __asm__ volatile("");
  return p;
}

static void touch(const char *name) {
  close(open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600));
}

int main(void) {
  for (int i = 0; i < 20; i++)
    held[i] = left(100); /* line 35 */
  for (int i = 20; i < 50; i++)
    held[i] = right(i % 2 ? 300 : 200); /* line 37 */
  for (int i = 50; i < 60; i++) {
    held[i] = malloc(1000); /* line 39 */
    free(held[i - 50]);
  }
  touch("ready");
  while (access("go", F_OK) != 0)
    usleep(10000);
  tm_snapshot *self = tm_take_snapshot();
  if (!self || tm_snapshot_dump(self, "self.tmd") != 0)
    return 1;
  tm_snapshot_free(self);
  touch("done");
  while (access("stop", F_OK) != 0)
    usleep(10000);
  return 0;
}
