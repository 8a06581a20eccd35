/* See untraced.h. */
#include "untraced.h"

#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "tracemalloc.h"

void tm_tool_run_untraced(char **argv) {
  static const char *const variables[] = {"TRACEMALLOC", "TRACEMALLOC_TOP",
                                          "TRACEMALLOC_DUMP"};
  bool any = false;
  for (size_t i = 0; i < sizeof variables / sizeof variables[0]; i++)
    if (getenv(variables[i])) {
      unsetenv(variables[i]);
      any = true;
    }
  if (!any)
    return;
  execv("/proc/self/exe", argv);
  /* No /proc: at least do not trace; an exit-time dump is then refused
   * with a warning instead of overwriting a file. */
  tm_stop();
}
