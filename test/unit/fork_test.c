/*
 * fork() while another thread holds each lock of the runtime in turn: the
 * child then uses every structure those locks guard, and must exit.
 *
 * The holder takes each lock the way the runtime does, by calling into it,
 * and is stopped while it holds the lock: inside a callback the runtime
 * makes under the lock, or inside a C library call the runtime makes under
 * it (mmap, munmap, clock_gettime, dl_iterate_phdr), which this program defines
 * itself and so intercepts.  The stopped call waits until the main thread
 * has begun to fork (this program's own prepare handler, registered after
 * the runtime's, runs before them), then a moment more, so that the
 * runtime's handlers find the lock held, and returns.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "domains.h"
#include "internal.h"
#include "live.h"
#include "snapshot.h"
#include "stack_depot.h"
#include "trace_table.h"
#include "tracemalloc.h"

/* A child that has not exited by then is taken to hang on a lock. */
#define CHILD_DEADLINE_MS 5000

static _Thread_local bool stop_next_call; /* the holder's next call stops */
static atomic_bool holding, held, forking;

static void sleep_ms(long ms) {
  struct timespec t = {ms / 1000, ms % 1000 * 1000000};
  nanosleep(&t, NULL);
}

/* Called where the holder holds the lock. */
static void hold_until_fork(void) {
  if (!stop_next_call)
    return;
  stop_next_call = false;
  atomic_store(&holding, true);
  while (!atomic_load(&forking))
    sleep_ms(1);
  sleep_ms(20);
}

static void on_prepare(void) { atomic_store(&forking, true); }

/* ----- the C library calls the runtime makes under its locks ------------ */

void *mmap(void *addr, size_t length, int prot, int flags, int fd,
           off_t offset) {
  hold_until_fork();
  long r = syscall(SYS_mmap, addr, length, prot, flags, fd, offset);
  return r < 0 && r > -4096 ? MAP_FAILED : (void *)r;
}

int munmap(void *addr, size_t length) {
  hold_until_fork();
  return (int)syscall(SYS_munmap, addr, length);
}

int clock_gettime(clockid_t clock, struct timespec *t) {
  hold_until_fork();
  return (int)syscall(SYS_clock_gettime, clock, t);
}

int dl_iterate_phdr(int (*fn)(struct dl_phdr_info *, size_t, void *),
                    void *arg) {
  static int (*real)(int (*)(struct dl_phdr_info *, size_t, void *), void *);
  if (!real)
    real = dlsym(RTLD_NEXT, "dl_iterate_phdr");
  hold_until_fork();
  return real(fn, arg);
}

static void hold_domain_block(void *ctx, unsigned domain, uint64_t size,
                              uint32_t trace) {
  (void)ctx, (void)domain, (void)size, (void)trace;
  hold_until_fork();
}

/* ----- the holders: each takes one lock (or two nested) ------------------ */

static void hold_depot(void) {
  /* The depot's buckets are mapped by the process's first stack. */
  uintptr_t pc = 0x1234;
  stop_next_call = true;
  tm_stack_intern(0, &pc, 1, 1, 1);
}

static void hold_sites(void) {
  stop_next_call = true;
  tm_sites_lock();
  hold_until_fork();
  tm_sites_unlock();
}

static void hold_registry(void) {
  /* Leaves the arena too little for a heap, so that making one maps. */
  tm_arena_alloc(64 * 1024 - 16);
  stop_next_call = true;
  tm_heap_assign(); /* a thread of its own: it has no heap yet */
}

static void hold_heaps(void) {
  /* The clear holds every heap while it unmaps their tables of counts. */
  stop_next_call = true;
  tm_trace_clear_all();
}

static void hold_live_file(void) {
  /* Larger than what is left of the file: a chunk is mapped. */
  stop_next_call = true;
  tm_live_unmap(tm_live_map(8u << 20), 8u << 20);
}

static void hold_domains(void) {
  stop_next_call = true;
  tm_domains_foreach(hold_domain_block, NULL);
}

static void hold_timeline(void) {
  stop_next_call = true;
  tm_timeline_restart();
}

static void hold_strings(void) {
  static char big[100 * 1024]; /* larger than an arena block: maps */
  memset(big, 's', sizeof big - 1);
  stop_next_call = true;
  tm_intern(big);
}

static void hold_arena(void) {
  stop_next_call = true;
  tm_arena_alloc(128 * 1024);
}

/* ----- what the child does ---------------------------------------------- */

static void *allocate(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++)
    free(malloc(i % 2 ? 40 : 8192));
  return NULL;
}

void __tm_register_sites(uint32_t abi_version, tm_site *start, tm_site *stop);

static tm_site child_site = {.line = 7, .file = "child.c",
                             .directory = "/child", .function = "child"};

static int use_everything(void) {
  int failures = 0;
  tm_start(1);
  void *big = malloc(8192), *small = malloc(40);
  failures += tm_track(3, 0x10000, 100) != 0;
  failures += tm_untrack(3, 0x10000) != 0;
  tm_snapshot_traces *traces = tm_snapshot_collect();
  failures += traces == NULL;
  tm_snapshot_traces_free(traces);
  failures += *tm_intern("a string only the child interns") != 'a';
  failures += tm_arena_alloc(128 * 1024) == NULL;
  uintptr_t pc = 0x5678;
  failures += tm_stack_intern(0, &pc, 1, 1, 1) == 0;
  tm_timeline_restart();
  __tm_register_sites(TM_ABI_VERSION, &child_site, &child_site + 1);
  failures += child_site.id == 0;
  pthread_t thread; /* a heap of its own, adopted or made */
  failures += pthread_create(&thread, NULL, allocate, NULL) != 0 ||
              pthread_join(thread, NULL) != 0;
  free(big);
  free(small);
  tm_stop();
  return failures;
}

/* ----- one case: hold, fork, wait --------------------------------------- */

static void *run_holder(void *arg) {
  ((void (*)(void))arg)();
  /* A call that did not stop held nothing: the case would test nothing. */
  if (stop_next_call)
    stop_next_call = false, atomic_store(&holding, true);
  else
    atomic_store(&held, true);
  return NULL;
}

static const char *wait_child(pid_t pid) {
  int status;
  for (int ms = 0; ms < CHILD_DEADLINE_MS; ms++) {
    if (waitpid(pid, &status, WNOHANG) == pid)
      return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "exited"
                                                           : "failed";
    sleep_ms(1);
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return "hung";
}

static int run_case(const char *name, void (*hold)(void)) {
  atomic_store(&holding, false);
  atomic_store(&held, false);
  atomic_store(&forking, false);
  pthread_t holder;
  pthread_create(&holder, NULL, run_holder, (void *)hold);
  while (!atomic_load(&holding))
    sleep_ms(1);
  pid_t pid = fork();
  if (pid == 0)
    _exit(use_everything() ? 1 : 0);
  const char *outcome = pid < 0 ? "not forked" : wait_child(pid);
  pthread_join(holder, NULL);
  if (!atomic_load(&held))
    outcome = "forked without the lock held";
  printf("%s: child %s\n", name, outcome);
  return strcmp(outcome, "exited") != 0;
}

/* ----- an owner caught entering its heap -------------------------------- */

/*
 * fork() can land while an owner is between marking itself busy and seeing
 * that its heap is held (tm_heap_enter): preempted there after the
 * runtime's prepare handler waited for it to leave.  The child then
 * inherits a heap marked busy by a thread it does not have.  That moment
 * cannot be reached on purpose through fork(), so the case makes it by
 * hand: the runtime's fork handlers are called directly around _Fork(),
 * which runs none, with the owner's busy mark set in between.
 */
static atomic_bool owner_ready, owner_done;
static tm_heap *owner_heap;

static void *owner(void *arg) {
  (void)arg;
  void *volatile block = malloc(40); /* gives the thread its heap */
  free(block);
  owner_heap = tm_self.heap;
  atomic_store(&owner_ready, true);
  while (!atomic_load(&owner_done))
    sleep_ms(1);
  return NULL;
}

static int run_entering_owner_case(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, owner, NULL);
  while (!atomic_load(&owner_ready))
    sleep_ms(1);
  tm_trace_before_fork();
  atomic_store(&owner_heap->busy, 1);
  pid_t pid = _Fork();
  if (pid == 0) {
    tm_trace_after_fork_child();
    tm_snapshot_traces *traces = tm_snapshot_collect();
    tm_trace_clear_all();
    _exit(traces ? 0 : 1);
  }
  atomic_store(&owner_heap->busy, 0);
  tm_trace_after_fork_parent();
  const char *outcome = pid < 0 ? "not forked" : wait_child(pid);
  atomic_store(&owner_done, true);
  pthread_join(thread, NULL);
  printf("owner entering its heap: child %s\n", outcome);
  return strcmp(outcome, "exited") != 0;
}

/* With a live file (argv[1] "live"), the heaps' tables are the file's,
 * given back without a system call to stop in: the file's lock is held
 * instead; without one, the heaps'. */
int main(int argc, char **argv) {
  bool live = argc > 1 && strcmp(argv[1], "live") == 0;
  setvbuf(stdout, NULL, _IONBF, 0);
  pthread_atfork(on_prepare, NULL, NULL);
  int failed = 0;
  /* First, before any traced block has a stack: the depot is unmapped. */
  failed += run_case("stack depot", hold_depot);
  /* Before any thread with a heap has exited: no heap to adopt, one is
   * made. */
  failed += run_case("trace registry", hold_registry);
  tm_start(1);
  void *volatile kept = malloc(100); /* a table of counts to unmap */
  tm_track(1, 0x1000, 10);  /* and a tracked block for the domains' */
  failed += run_case("sites", hold_sites);
  failed += live ? run_case("live file", hold_live_file)
                 : run_case("heaps", hold_heaps);
  failed += run_case("domains", hold_domains);
  failed += run_case("timeline", hold_timeline);
  failed += run_case("strings", hold_strings);
  failed += run_case("arena", hold_arena);
  failed += run_entering_owner_case();
  tm_untrack(1, 0x1000);
  free(kept);
  printf("%d cases failed\n", failed);
  return failed != 0;
}
