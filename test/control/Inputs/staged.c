/* A program that allocates known amounts in stages, each started by a
 * file the test creates ("goN") and ended by one the program creates
 * ("stageN"), started with no TRACEMALLOC variable: what it allocated
 * before `tmctl start` must not show. */
#include <sys/wait.h>

#include "stages.h"

int main(void) {
  void *early[10], *kept[20], *late[5];
  for (int i = 0; i < 10; i++)
    early[i] = malloc(100); /* line 12: before tracing started */
  mark("stage0");
  await("go1");
  for (int i = 0; i < 20; i++)
    kept[i] = malloc(200); /* line 16 */
  mark("stage1");
  await("go2");
  for (int i = 0; i < 10; i++)
    free(kept[i]);
  for (int i = 0; i < 5; i++)
    late[i] = malloc(300); /* line 22 */
  mark("stage2");
  await("go3");
  pid_t child = fork();
  if (child == 0) {
    void *mine = malloc(700); /* line 27: the child's own */
    mark("child");
    await("go4");
    free(mine);
    _exit(0);
  }
  int status;
  waitpid(child, &status, 0);
  mark("stage3");
  await("go5");
  for (int i = 0; i < 10; i++)
    free(early[i]);
  for (int i = 10; i < 20; i++)
    free(kept[i]);
  for (int i = 0; i < 5; i++)
    free(late[i]);
  return 0;
}
