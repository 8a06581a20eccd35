#!/usr/bin/env bash
# Runs Inputs/alloc_family.c, every function of the malloc family checked
# by the program itself, under one of Debian's allocators and the runtime,
# in every arrangement of the two:
#
#   allocators.sh [--repeat N] LIBTRACEMALLOC_SO WORK_DIR ALLOCATOR
#
# ALLOCATOR is jemalloc (libjemalloc2), tcmalloc (libgoogle-perftools4) or
# mimalloc (libmimalloc2.0). The program is built twice: with tmcc, and
# with plain gcc for the runtime to be preloaded into. For each
# configuration, a line naming it, the program's output indented, its exit
# status; then the counts:
#
#   torture: ALLOCATOR, M runs, K configurations
#
# A configuration repeated (--repeat) prints its output once, and a line
# "DIFFERENT in run R" for a repeat whose output was not the first's.
set -uo pipefail

driver=allocators
source "$(dirname "$0")/arguments.sh"
allocator=$1
here=$(cd "$(dirname "$0")" && pwd)
tmcc=$(dirname "$runtime")/../bin/tmcc

case $allocator in
  jemalloc) soname=libjemalloc.so.2 ;;
  tcmalloc) soname=libtcmalloc.so.4 ;;
  mimalloc) soname=libmimalloc.so.2 ;;
  *) echo "allocators: unknown allocator $allocator" >&2; exit 2 ;;
esac
library=$(ldconfig -p | awk -v n="$soname" '$1 == n { print $NF; exit }')
[[ -n $library ]] || { echo "allocators: $soname is not installed" >&2; exit 2; }

# The functions that glibc's manual says a replacement malloc must define
# besides malloc, free, calloc and realloc (glibc's reallocarray calls the
# replaced realloc); one the allocator lacks is not checked.
without=()
for f in aligned_alloc malloc_usable_size memalign posix_memalign pvalloc valloc; do
  nm -D --defined-only "$library" | awk '{ print $NF }' | grep -qx "$f" ||
    without+=(--without "$f")
done

rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 2
source=$here/Inputs/alloc_family.c
"$tmcc" -O1 -pthread "$source" -o tmcc-build || exit 2
"$tmcc" -O1 -pthread "$source" -o tmcc-linked "-l:$soname" || exit 2
gcc -O1 -g -pthread "$source" -o gcc-build || exit 2

runs=0 configurations=0
# `configuration NAME PROGRAM ARGS...`, with the environment given as
# NAME=VALUE words at the front of PROGRAM ARGS (env's syntax).
configuration() {
  local name=$1
  shift
  configurations=$((configurations + 1))
  echo "$allocator, $name:"
  for ((r = 0; r < repeat; r++)); do
    timeout -k 5 60 env -u TRACEMALLOC -u TRACEMALLOC_TOP -u TRACEMALLOC_DUMP \
      -u LD_PRELOAD "$@" "${without[@]}" > "out.$r" 2>&1
    echo "exit $?" >> "out.$r"
    runs=$((runs + 1))
    if ((r == 0)); then
      sed 's/^/  /' out.0
    elif ! cmp -s out.0 "out.$r"; then
      echo "  DIFFERENT in run $((r + 1)):"
      diff out.0 "out.$r" | head -6 | sed 's/^/    /'
    fi
  done
}

a=$library
configuration "gcc build, LD_PRELOAD=$allocator (no runtime)" \
  LD_PRELOAD="$a" ./gcc-build
configuration "tmcc build linked with $allocator, not tracing" ./tmcc-linked
configuration "tmcc build linked with $allocator, TRACEMALLOC=1" \
  TRACEMALLOC=1 ./tmcc-linked
configuration "tmcc build, LD_PRELOAD=$allocator, not tracing" \
  LD_PRELOAD="$a" ./tmcc-build
configuration "tmcc build, LD_PRELOAD=$allocator, TRACEMALLOC=1" \
  LD_PRELOAD="$a" TRACEMALLOC=1 ./tmcc-build
configuration "tmcc build, LD_PRELOAD=$allocator, TRACEMALLOC=16" \
  LD_PRELOAD="$a" TRACEMALLOC=16 ./tmcc-build
configuration "tmcc build, LD_PRELOAD=$allocator, tm_start(16) in main" \
  LD_PRELOAD="$a" ./tmcc-build start
configuration "gcc build, LD_PRELOAD=\"$allocator runtime\", not tracing" \
  LD_PRELOAD="$a $runtime" ./gcc-build
configuration "gcc build, LD_PRELOAD=\"$allocator runtime\", TRACEMALLOC=1" \
  LD_PRELOAD="$a $runtime" TRACEMALLOC=1 ./gcc-build
configuration "gcc build, LD_PRELOAD=\"runtime $allocator\", not tracing" \
  LD_PRELOAD="$runtime $a" ./gcc-build
configuration "gcc build, LD_PRELOAD=\"runtime $allocator\", TRACEMALLOC=1" \
  LD_PRELOAD="$runtime $a" TRACEMALLOC=1 ./gcc-build
configuration "gcc build, LD_PRELOAD=\"runtime $allocator\", TRACEMALLOC=16" \
  LD_PRELOAD="$runtime $a" TRACEMALLOC=16 ./gcc-build
configuration "gcc build, LD_PRELOAD=\"runtime $allocator\", tm_start(16) in main" \
  LD_PRELOAD="$runtime $a" ./gcc-build start
echo "torture: $allocator, $runs runs, $configurations configurations"
