// RUN: %tmcc -O1 %s -o %t -pthread
// RUN: env TRACEMALLOC=1 TRACEMALLOC_TOP=5 %t 2>&1 | FileCheck %s
// Allocations before main (a constructor), in thread-exit destructors and
// in atexit handlers are traced without a crash or a deadlock, and the
// statistics printed at exit still see the blocks that are alive then.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *from_constructor;
static pthread_key_t key;

__attribute__((constructor)) static void before_main(void) {
  from_constructor = malloc(111); // line 14
}

static void at_thread_exit(void *value) {
  free(value);
  static void *kept;
  kept = malloc(222); // line 20: alive at exit
  (void)kept;
}

static void *thread_body(void *arg) {
  (void)arg;
  pthread_setspecific(key, malloc(33));
  return NULL;
}

static void at_exit(void) {
  free(malloc(4000));
  static void *kept;
  kept = malloc(333); // line 33: alive at exit
  (void)kept;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  atexit(at_exit);
  pthread_key_create(&key, at_thread_exit);
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, thread_body, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  puts("main done");
  return from_constructor == NULL;
}
// CHECK: main done
// CHECK-DAG: lifecycle.c:20: size=888 B, count=4, average=222 B
// CHECK-DAG: lifecycle.c:33: size=333 B, count=1, average=333 B
// CHECK-DAG: lifecycle.c:14: size=111 B, count=1, average=111 B
