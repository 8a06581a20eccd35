/*
 * Frames of the shapes compilers give functions without frame pointers,
 * for unwind_test.c: this file is built with -fomit-frame-pointer, and
 * each shape calls the next one named by a path of letters:
 *
 *   s  a small frame: the CFA is rsp plus a constant
 *   d  a frame that grows (alloca): the CFA is rbp plus 16
 *   r  every callee-saved register in use: rbp saved in a slot of the frame
 *   g  rbp loaded with -8 around the call, as code that uses it for data
 *   L  a frame of 3 MiB, whose CFA offset is too large for the rule cache
 *
 * and at the path's end calls unwind_frames_bottom().  Every call is
 * followed by work on its result, so that none becomes a jump; dispatch()
 * is inlined into each shape, so each adds one frame.
 */
#include <alloca.h>
#include <string.h>

#include "unwind_frames.h"

static int dispatch(unwind_walk *w, const char *path);

__attribute__((noinline)) static int small_frame(unwind_walk *w,
                                                 const char *path) {
  volatile int local = path[0];
  int r = dispatch(w, path + 1);
  return r + local;
}

__attribute__((noinline)) static int growing_frame(unwind_walk *w,
                                                   const char *path) {
  size_t size = 16 + (size_t)(path[1] & 0x3f) * 16;
  char *room = alloca(size);
  memset(room, path[0], size);
  __asm__ volatile("" : : "r"(room) : "memory");
  int r = dispatch(w, path + 1);
  return r + room[size - 1];
}

__attribute__((noinline)) static int saved_registers(unwind_walk *w,
                                                     const char *path) {
  /* Seven values live across the call: more than the callee-saved
   * registers but rbp can hold. */
  volatile int v[7] = {1, 2, 3, 4, 5, 6, 7};
  int a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6];
  __asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d), "+r"(e), "+r"(f),
                   "+r"(g));
  int r = dispatch(w, path + 1);
  __asm__ volatile("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d), "+r"(e), "+r"(f),
                   "+r"(g));
  return r + a + b + c + d + e + f + g;
}

__attribute__((noinline)) static int garbage_rbp(unwind_walk *w,
                                                 const char *path) {
  int r;
  __asm__ volatile("movq $-8, %%rbp" : : : "rbp");
  r = dispatch(w, path + 1);
  __asm__ volatile("" : : : "rbp");
  return r + 1;
}

__attribute__((noinline)) static int large_frame(unwind_walk *w,
                                                 const char *path) {
  char big[3 << 20];
  big[0] = path[0];
  big[sizeof big - 1] = path[0];
  __asm__ volatile("" : : "r"(big) : "memory");
  int r = dispatch(w, path + 1);
  __asm__ volatile("" : : "r"(big) : "memory");
  return r + big[0] + big[sizeof big - 1];
}

static int dispatch(unwind_walk *w, const char *path) {
  /* Through a pointer, so that no shape is inlined into another. */
  static int (*const volatile shapes[128])(unwind_walk *, const char *) = {
      ['s'] = small_frame, ['d'] = growing_frame, ['r'] = saved_registers,
      ['g'] = garbage_rbp, ['L'] = large_frame};
  if (!*path) {
    unwind_frames_bottom(w);
    return 0;
  }
  return shapes[(unsigned char)*path](w, path);
}

int unwind_frames_run(unwind_walk *w, const char *path) {
  int r = dispatch(w, path);
  return r + 1;
}
