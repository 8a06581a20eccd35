#!/usr/bin/env bash
# The whole torture suite (test/torture/): more real programs than the
# subset that scripts/test.sh runs, each configuration 3 times (the
# untraced one too), and the allocators 3 times in every arrangement.
# Ends with the counts and "torture: N differences" (0 when all is well);
# exits non-zero on any difference.
#
#   scripts/torture.sh [REPEAT]
set -uo pipefail
cd "$(dirname "$0")/.."
repeat=${1:-3}

[[ -f build/build.ninja ]] || scripts/setup.sh --no-demo || exit 1
cmake --build build >/dev/null || exit 1
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
unset TRACEMALLOC TRACEMALLOC_TOP TRACEMALLOC_DUMP LD_PRELOAD
runtime=build/lib/libtracemalloc.so

programs=(python3 perl git gcc clang sort grep tar sqlite3 node gxx make xz awk)
command -v chromium >/dev/null && programs+=(chromium)
bash test/torture/programs.sh --repeat "$repeat" "$runtime" "$work/programs" \
  "${programs[@]}" | tee "$work/programs.log"
differences=$(awk '/^torture:/ { print $(NF - 1) }' "$work/programs.log")

for allocator in jemalloc tcmalloc mimalloc; do
  [[ $allocator == mimalloc && ! -e /usr/lib/x86_64-linux-gnu/libmimalloc.so.2 ]] &&
    { echo "torture: mimalloc not installed, skipped"; continue; }
  pvalloc=ok
  [[ $allocator == jemalloc ]] && pvalloc="not defined by the allocator"
  bash test/torture/allocators.sh --repeat "$repeat" "$runtime" \
    "$work/$allocator" "$allocator" > "$work/$allocator.log"
  tail -1 "$work/$allocator.log"
  # The expected output is the one-run output: repeats that differ say so.
  if grep -q "DIFFERENT in run" "$work/$allocator.log" ||
     ! sed "s/, $((13 * repeat)) runs,/, 13 runs,/" "$work/$allocator.log" |
       /usr/lib/llvm-19/bin/FileCheck test/torture/Inputs/allocators.check \
         -DALLOC="$allocator" -DPVALLOC="$pvalloc" 2>"$work/$allocator.filecheck"; then
    echo "torture: $allocator: DIFFERENT from test/torture/Inputs/allocators.check:"
    grep -B1 -A3 -E "DIFFERENT|FAILED|^  exit [^0]" "$work/$allocator.log" | head -40
    head -5 "$work/$allocator.filecheck"
    differences=$((differences + 1))
  fi
done
echo "torture: $differences differences"
((differences == 0))
