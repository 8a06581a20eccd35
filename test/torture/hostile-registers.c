// RUN: %tmcc -O2 -g %s -o %t -lpthread
// RUN: %t 1 | FileCheck %s --check-prefix=ONE
// RUN: %t 2 | FileCheck %s --check-prefix=TWO
// RUN: %t 16 | FileCheck %s --check-prefix=DEEP
// A caller built without frame pointers may leave anything in rbp and the
// other callee-saved registers when it calls the allocator: 0, -8, -16, an
// odd address, a pointer into another thread's stack.  Every function of
// the malloc family, called that way at traceback limits 1, 2 and 16,
// returns a usable block, never crashes, and the block's traceback still
// reaches the C function that made the call (through the system's unwinder,
// since the frame-pointer chain is broken), instead of ending at the
// assembly caller or following the garbage.
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tracemalloc.h>

// hostile_call(fn, a, b, c, value): fn(a, b, c) with rbx, rbp and r12-r15
// all set to value.  Its call-frame information names the stack pointer, so
// the system's unwinder gets through it whatever rbp holds.
uintptr_t hostile_call(void *fn, uintptr_t a, uintptr_t b, uintptr_t c,
                       uintptr_t value);
__asm__(".text\n"
        ".globl hostile_call\n"
        ".type hostile_call,@function\n"
        "hostile_call:\n"
        ".cfi_startproc\n"
        "  push %rbp\n .cfi_adjust_cfa_offset 8\n .cfi_rel_offset %rbp, 0\n"
        "  push %rbx\n .cfi_adjust_cfa_offset 8\n .cfi_rel_offset %rbx, 0\n"
        "  push %r12\n .cfi_adjust_cfa_offset 8\n .cfi_rel_offset %r12, 0\n"
        "  push %r13\n .cfi_adjust_cfa_offset 8\n .cfi_rel_offset %r13, 0\n"
        "  push %r14\n .cfi_adjust_cfa_offset 8\n .cfi_rel_offset %r14, 0\n"
        "  push %r15\n .cfi_adjust_cfa_offset 8\n .cfi_rel_offset %r15, 0\n"
        "  mov %rdi, %rax\n"
        "  mov %rsi, %rdi\n"
        "  mov %rdx, %rsi\n"
        "  mov %rcx, %rdx\n"
        "  mov %r8, %rbx\n mov %r8, %rbp\n mov %r8, %r12\n"
        "  mov %r8, %r13\n mov %r8, %r14\n mov %r8, %r15\n"
        "  sub $8, %rsp\n .cfi_adjust_cfa_offset 8\n" /* the ABI's alignment */
        "  call *%rax\n"
        "  add $8, %rsp\n .cfi_adjust_cfa_offset -8\n"
        "  pop %r15\n .cfi_adjust_cfa_offset -8\n"
        "  pop %r14\n .cfi_adjust_cfa_offset -8\n"
        "  pop %r13\n .cfi_adjust_cfa_offset -8\n"
        "  pop %r12\n .cfi_adjust_cfa_offset -8\n"
        "  pop %rbx\n .cfi_adjust_cfa_offset -8\n"
        "  pop %rbp\n .cfi_adjust_cfa_offset -8\n"
        "  ret\n"
        ".cfi_endproc\n"
        ".size hostile_call, .-hostile_call\n");

/* Whether the block's traceback names this file's line `line`. */
static int reaches(const void *p, unsigned line) {
  const tm_traceback *tb = tm_get_object_traceback(p);
  if (!tb)
    return 0;
  for (size_t i = 0; i < tb->nframe; i++)
    if (tb->frames[i].lineno == line &&
        strstr(tb->frames[i].filename, "hostile-registers.c"))
      return 1;
  return 0;
}

static uintptr_t other_stack; /* an address in another thread's stack */

static void *park(void *arg) {
  volatile char here = 0;
  other_stack = (uintptr_t)&here;
  pthread_barrier_wait(arg);
  pthread_barrier_wait(arg);
  return NULL;
}

enum { MALLOC, CALLOC, REALLOC, REALLOCARRAY, MEMALIGN, ALIGNED_ALLOC,
       POSIX_MEMALIGN, VALLOC, PVALLOC, STRDUP, NFUNCTIONS };
static const char *const names[] = {
    "malloc", "calloc", "realloc", "reallocarray", "memalign",
    "aligned_alloc", "posix_memalign", "valloc", "pvalloc", "strdup"};

/* Allocates 100 bytes (6 for strdup) with `function`, called with every
 * callee-saved register set to `value`.  call_line is the line of the
 * calls, which every traceback deeper than one frame must reach. */
static unsigned call_line;
static void *allocate(int function, uintptr_t value) {
  void *fn = NULL, *out = NULL;
  uintptr_t a = 100, b = 0, c = 0;
  switch (function) {
  case MALLOC: fn = (void *)malloc; break;
  case CALLOC: fn = (void *)calloc; a = 10; b = 10; break;
  case REALLOC: fn = (void *)realloc; a = 0; b = 100; break;
  case REALLOCARRAY: fn = (void *)reallocarray; a = 0; b = 10; c = 10; break;
  case MEMALIGN: fn = (void *)memalign; a = 64; b = 100; break;
  case ALIGNED_ALLOC: fn = (void *)aligned_alloc; a = 64; b = 128; break;
  case POSIX_MEMALIGN:
    fn = (void *)posix_memalign; a = (uintptr_t)&out; b = 64; c = 100; break;
  case VALLOC: fn = (void *)valloc; break;
  case PVALLOC: fn = (void *)pvalloc; break;
  case STRDUP: fn = (void *)strdup; a = (uintptr_t)"hello"; break;
  }
  uintptr_t r = hostile_call(fn, a, b, c, value); call_line = __LINE__;
  return function == POSIX_MEMALIGN ? (r ? NULL : out) : (void *)r;
}

int main(int argc, char **argv) {
  int limit = atoi(argv[1]);
  pthread_barrier_t barrier;
  pthread_t thread;
  pthread_barrier_init(&barrier, NULL, 2);
  pthread_create(&thread, NULL, park, &barrier);
  pthread_barrier_wait(&barrier);

  const uintptr_t values[] = {0, (uintptr_t)-8, (uintptr_t)-16, 0x1001,
                              other_stack, other_stack + 3};
  const size_t nvalues = sizeof values / sizeof *values;
  tm_start(limit);
  unsigned calls = 0, usable = 0, reached = 0;
  for (int f = 0; f < NFUNCTIONS; f++) {
    unsigned f_reached = 0;
    for (size_t v = 0; v < nvalues; v++) {
      char *p = allocate(f, values[v]);
      calls++;
      if (p) {
        memset(p, 0xab, f == STRDUP ? 6 : 100);
        usable++;
      }
      if (p && reaches(p, call_line))
        f_reached++;
      free(p);
    }
    reached += f_reached;
    printf("%s: %u of %zu reach the caller\n", names[f], f_reached, nvalues);
  }
  tm_stop();
  printf("limit %d: %u calls, %u usable, %u reach the caller\n", limit,
         calls, usable, reached);
  pthread_barrier_wait(&barrier);
  pthread_join(thread, NULL);
  return 0;
}

// A one-frame traceback is the return address alone: the assembly caller.
// ONE:      malloc: 0 of 6 reach the caller
// ONE:      limit 1: 60 calls, 60 usable, 0 reach the caller

// TWO:      malloc: 6 of 6 reach the caller
// TWO-NEXT: calloc: 6 of 6 reach the caller
// TWO-NEXT: realloc: 6 of 6 reach the caller
// TWO-NEXT: reallocarray: 6 of 6 reach the caller
// TWO-NEXT: memalign: 6 of 6 reach the caller
// TWO-NEXT: aligned_alloc: 6 of 6 reach the caller
// TWO-NEXT: posix_memalign: 6 of 6 reach the caller
// TWO-NEXT: valloc: 6 of 6 reach the caller
// TWO-NEXT: pvalloc: 6 of 6 reach the caller
// Two frames of strdup's block are strdup's and the assembly caller's.
// TWO-NEXT: strdup: 0 of 6 reach the caller
// TWO-NEXT: limit 2: 60 calls, 60 usable, 54 reach the caller

// DEEP:      limit 16: 60 calls, 60 usable, 60 reach the caller
