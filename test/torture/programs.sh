#!/usr/bin/env bash
# Runs real Debian programs on real workloads with the runtime preloaded and
# compares each run with the same workload run without it:
#
#   programs.sh [--repeat N] LIBTRACEMALLOC_SO WORK_DIR PROGRAM...
#
# Each workload runs untraced first, then with LD_PRELOAD=libtracemalloc.so
# and TRACEMALLOC unset, =1 and =16, N times in each configuration (and the
# untraced one N times too, so that a workload whose output is not
# deterministic shows up as such). A run's result is its exit status, its
# stdout, its stderr (where the program's own is deterministic: nothing the
# runtime prints is asked for here) and a checksum of the files it wrote.
# One line per program and configuration, then the counts:
#
#   torture: N programs, M runs, K configurations, D differences
#
# Every program runs under `timeout 120`; a hang is a difference.
set -uo pipefail

driver=programs
source "$(dirname "$0")/arguments.sh"
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)

rm -rf "$work" && mkdir -p "$work/inputs" || exit 2
inputs=$work/inputs

# The inputs, made once, without the runtime: ~100k lines of words and
# numbers, and a tree of the project's sources to archive.
awk 'BEGIN { srand(7); for (i = 0; i < 100000; i++)
               printf "%d %s%d %s\n", int(rand() * 1000000), "w",
                      int(rand() * 5000), (i % 13 ? "plain" : "marked") }' \
  > "$inputs/lines.txt"
mkdir -p "$inputs/tree" && cp -r "$src/runtime" "$src/include" "$src/tools" \
  "$inputs/tree/"

# The configurations: the name printed, and the environment of the program.
configs=("untraced" "preloaded, not tracing" "TRACEMALLOC=1" "TRACEMALLOC=16")
config_env() {
  case $1 in
    0) echo "" ;;
    1) echo "LD_PRELOAD=$runtime" ;;
    2) echo "LD_PRELOAD=$runtime TRACEMALLOC=1" ;;
    3) echo "LD_PRELOAD=$runtime TRACEMALLOC=16" ;;
  esac
}

# `run PROGRAM ARGS...` inside a workload: the program in the configuration
# being tested (the checksums and set-up around it run without the runtime).
run() {
  # shellcheck disable=SC2086 # $environment is a list of NAME=VALUE words
  timeout -k 5 120 env -u TRACEMALLOC -u TRACEMALLOC_TOP -u TRACEMALLOC_DUMP \
    $environment "$@"
}

# Checksums of files, by name, in a stable order.
sums() { (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z |
          xargs -0 sha256sum); }

# The workloads: each runs in a new empty directory, prints on stdout, and
# leaves the files whose checksums count in out/. "compare_stderr=0" marks
# a program whose stderr varies from run to run.
w_python3() {
  run /usr/bin/python3 "$here/Inputs/threads.py" 20000
}
w_perl() {
  run perl "$here/Inputs/hash.pl" "$inputs/lines.txt"
}
w_git() {
  export HOME=$PWD GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@t \
    GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@t \
    GIT_AUTHOR_DATE='2024-01-01T00:00:00Z' GIT_COMMITTER_DATE='2024-01-01T00:00:00Z'
  cp -r "$inputs/tree" repo && cd repo || return
  run git init -q -b main . &&
    run git add . &&
    run git commit -q -m first &&
    run sed -i 's/tracemalloc/TRACEMALLOC/g' runtime/dump.c &&
    run git commit -q -a -m second &&
    run git log --stat --format='%H %s' &&
    run git diff --stat HEAD~1 &&
    run git gc -q &&
    run git fsck --no-progress
}
compile_dump() {
  mkdir out && run "$1" -O2 -g -c "$src/runtime/dump.c" -I"$src/runtime" \
    -I"$src/include" -o out/dump.o
}
w_gcc() { compile_dump gcc; }
w_clang() { compile_dump clang-19; }
w_sort() {
  # Two threads and a small buffer: sort merges temporary files.
  mkdir out && run sort --parallel=2 -S 1M -T . -k2,2 -k1,1n "$inputs/lines.txt" \
    -o out/sorted && run sort -u -n "$inputs/lines.txt" | sha256sum
}
w_grep() {
  run grep -c marked "$inputs/lines.txt" &&
    run grep -E -n 'w(12|345)[0-9] ' "$inputs/lines.txt" | sha256sum &&
    run grep -v -F -e plain -e 9 "$inputs/lines.txt" | wc -l
}
w_tar() {
  mkdir out &&
    run tar --sort=name --mtime=@0 --owner=0 --group=0 -czf a.tgz \
      -C "$inputs" tree && run tar -xzf a.tgz -C out && sha256sum a.tgz
}
w_sqlite3() {
  run sqlite3 db.sqlite < "$here/Inputs/db.sql"
}
w_node() {
  run node "$here/Inputs/alloc.js" 200000
}
w_chromium() {
  compare_stderr=0
  run chromium --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$PWD/profile" \
    --dump-dom "file://$here/Inputs/page.html"
}
# More, in the full run (scripts/torture.sh).
w_gxx() {
  mkdir out && run g++ -O2 -c "$src/test/runtime/containers.cpp" \
    -I"$src/include" -o out/containers.o
}
w_make() {
  mkdir out && cp "$src"/runtime/*.c "$src"/runtime/*.h out/ &&
    printf 'objs := %s\nall: $(objs)\n%%.o: %%.c\n\tgcc -O1 -I%s -c $< -o $@\n' \
      "$(cd out && ls ./*.c | sed 's/\.c$/.o/' | tr '\n' ' ')" "$src/include" \
      > Makefile && run make -s -j2 -C out -f ../Makefile
}
w_xz() {
  run tar --sort=name --mtime=@0 --owner=0 --group=0 -cf - -C "$inputs" tree |
    run xz -T2 -6 | run xz -d | sha256sum
}
w_awk() {
  run awk '{ n[$2]++; s += $1 } END { for (k in n) if (n[k] > 32) c++; print c, s }' \
    "$inputs/lines.txt"
}

# One run of a workload in configuration $1; its result is written to $2.
# Every run is in the same directory, which compilers write into their
# debug information.
run_once() {
  local dir=$work/run
  mkdir -p "$dir" || return
  (
    cd "$dir" || exit
    environment=$(config_env "$1")
    compare_stderr=1
    "w_$program" > stdout.log 2> stderr.log
    status=$?
    cd "$dir" || exit
    echo "exit $status"
    cat stdout.log
    ((compare_stderr)) && { echo "--- stderr"; cat stderr.log; }
    [[ -d out ]] && { echo "--- files"; sums out; }
  ) > "$2"
  rm -rf "$dir"
}

programs=0 runs=0 differences=0
for program in "$@"; do
  programs=$((programs + 1))
  base=$work/$program
  run_once 0 "$base.0.result"
  runs=$((runs + 1))
  for ((c = 0; c < ${#configs[@]}; c++)); do
    same=0 first_bad=""
    for ((r = (c == 0); r < repeat; r++)); do
      run_once "$c" "$base.$c.$r.result"
      runs=$((runs + 1))
      if cmp -s "$base.0.result" "$base.$c.$r.result"; then
        same=$((same + 1))
      elif [[ -z $first_bad ]]; then
        first_bad=$base.$c.$r.result
      fi
    done
    tries=$((repeat - (c == 0)))
    ((tries)) || continue
    if [[ -z $first_bad ]]; then
      echo "$program, ${configs[c]}: same as untraced ($tries runs)"
    else
      differences=$((differences + tries - same))
      echo "$program, ${configs[c]}: DIFFERENT in $((tries - same)) of $tries runs;" \
        "first: $(head -1 "$first_bad"), untraced $(head -1 "$base.0.result")"
      diff "$base.0.result" "$first_bad" | head -8 | cut -c1-150 | sed "s/^/  /"
    fi
  done
done
echo "torture: $programs programs, $runs runs, ${#configs[@]} configurations," \
  "$differences differences"
