/* The frames unwind_test.c walks through (unwind_frames.c). */
#ifndef TM_UNWIND_FRAMES_H
#define TM_UNWIND_FRAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UNWIND_WALK_MAX 256

/* What the runtime's walk and the system's unwinder saw from one frame. */
typedef struct unwind_walk {
  size_t max;          /* return addresses the walk may keep */
  uintptr_t pcs[UNWIND_WALK_MAX];
  size_t n, depth;     /* kept, and counted */
  bool followed;       /* tm_unwind_cfi() followed every frame */
  void *system[UNWIND_WALK_MAX]; /* backtrace()'s, from the same frame */
  int system_n;
} unwind_walk;

/* Calls the shapes named by path, then unwind_frames_bottom(w). */
int unwind_frames_run(unwind_walk *w, const char *path);

/* Defined by the test: walks the stack from its own frame. */
void unwind_frames_bottom(unwind_walk *w);

#endif
