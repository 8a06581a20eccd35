// RUN: %tmcc -O1 %s -o %t -pthread
// RUN: env TRACEMALLOC=16 timeout 60 %t | FileCheck %s
// RUN: %clang -O1 %s -o %t.plain -pthread
// RUN: env LD_PRELOAD=%libdir/libtracemalloc.so TRACEMALLOC=16 timeout 60 %t.plain | FileCheck %s
// A thread whose first allocation is made by pthread_getattr_np, which
// holds the thread's own lock while it reallocates its CPU set (the JVM
// asks every new thread for its stack that way).  The runtime must not
// ask pthread_getattr_np for the thread's stack bounds there, under the
// same lock: Java hung at start-up under the preloaded runtime until it
// read them from /proc/self/maps instead.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static size_t stack_size;

static void *thread_main(void *arg) {
  (void)arg;
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void *stack;
    pthread_attr_getstack(&attr, &stack, &stack_size);
    pthread_attr_destroy(&attr);
  }
  return NULL;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, thread_main, NULL);
  pthread_join(thread, NULL);
  printf("stack of %s bytes\n", stack_size ? "some" : "no");
  return 0;
}
// CHECK: stack of some bytes
