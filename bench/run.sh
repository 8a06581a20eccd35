#!/usr/bin/env bash
# Measure what tracing costs: build every workload in bench/workloads/ with
# clang-19 (the baseline) and with tmcc, run each in every configuration,
# interleaved, and report wall time, CPU time and peak RSS as ratios to the
# baseline.  docs/performance.md explains the configurations and the output.
#
#   bench/run.sh [options]
#     --runs N            rounds of runs (default 5); every round runs every
#                         configuration of every workload once
#     --workloads A,B     only these workloads (default: all); "synthetic"
#                         stands for the bench's own, "real" for the real
#                         programs (bench/real/programs.sh)
#     --configs A,B       only these configurations (baseline always runs)
#     --quick             one round with tiny inputs: checks that everything
#                         builds, runs and agrees; the timings mean nothing
#     --build-dir DIR     where the binaries go (default build/bench)
#     --out DIR           where the results go (default <build-dir>/results)
#     --bindir DIR        where tmcc is (default build/bin; the runtime is
#                         in DIR/../lib)
#     --sources DIR       where the real programs' Debian sources are, fetched
#                         there by bench/real/fetch.sh when missing (default
#                         <build-dir>/sources)
#     --callgrind         instead of timing, run each configuration once
#                         under valgrind --tool=callgrind, on 1/20 of the
#                         input, and report the instructions it adds per
#                         allocation (repeatable where wall time is not);
#                         heaptrack and massif cannot run under callgrind
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
all_configs=(baseline off lineno traceback preload heaptrack massif)
# massif is ~50x slower than the program: it gets 1/MASSIF_DIVISOR of the
# input, and its ratio is to the baseline binary on that same input.
MASSIF_DIVISOR=20
# The same for callgrind, which runs each configuration once.
CALLGRIND_DIVISOR=20

# name       binary     input      quick input  fixed arguments
# The threads-N workloads split the same 16 M operations over N threads, so
# they all do the same work; threads-1 is the reference for scaling.  The
# -small workloads are their namesakes with the small blocks real programs
# mostly allocate.  lua, sqlite and jsoncpp are real programs
# (bench/real/programs.sh), whose inputs are its arguments.  deep-stack allocates 20 to 45 frames deep, where the
# others allocate right below main.
workload_table="
churn       churn      20000000   20000
churn-small churn      20000000   20000        small
threads-1   threads    16000000   20000        1
threads-2   threads    8000000    10000        2
threads-4   threads    4000000    5000         4
threads-8   threads    2000000    2500         8
live-heap   live-heap  2000000    20000
live-small  live-heap  1000000    20000        8 100
tree        tree       200000     2000
deep-stack  deep-stack 2000000    20000
cxx         cxx        3000000    20000
lua         lua        300000     2000
sqlite      sqlite3    200000     2000
jsoncpp     jsoncpp    50000      500
"
source "$root/bench/real/programs.sh"

die() { echo "bench: $*" >&2; exit 1; }

runs=5 quick=0 callgrind=0 workloads_option="" configs_option=""
build_dir=$root/build/bench out="" bindir=$root/build/bin sources=""
while (($#)); do
  case $1 in
    --runs) runs=${2:?--runs needs a number}; shift ;;
    --workloads) workloads_option=${2:?--workloads needs a list}; shift ;;
    --configs) configs_option=${2:?--configs needs a list}; shift ;;
    --quick) quick=1 ;;
    --callgrind) callgrind=1 ;;
    --build-dir) build_dir=${2:?--build-dir needs a directory}; shift ;;
    --out) out=${2:?--out needs a directory}; shift ;;
    --bindir) bindir=${2:?--bindir needs a directory}; shift ;;
    --sources) sources=${2:?--sources needs a directory}; shift ;;
    -h | --help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
  shift
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "--runs wants a positive number, not '$runs'"
((quick || callgrind)) && runs=1
out=${out:-$build_dir/results}
sources=${sources:-$build_dir/sources}

# --- what to run -----------------------------------------------------------

declare -A binary_of input_of args_of is_real
workloads=() synthetic=() real=()
while read -r name binary input quick_input fixed; do
  [[ -n $name ]] || continue
  workloads+=("$name")
  if [[ " ${real_programs[*]} " == *" $binary "* ]]; then
    real+=("$name") is_real[$name]=1
  else
    synthetic+=("$name")
  fi
  binary_of[$name]=$binary
  input_of[$name]=$((quick ? quick_input : input))
  args_of[$name]=$fixed
done <<<"$workload_table"

if [[ -n $workloads_option ]]; then
  IFS=, read -ra chosen <<<"$workloads_option"
  workloads=()
  for w in "${chosen[@]}"; do
    case $w in
      synthetic) workloads+=("${synthetic[@]}") ;;
      real) workloads+=("${real[@]}") ;;
      *) [[ -n ${binary_of[$w]:-} ]] ||
           die "unknown workload '$w' (known: ${synthetic[*]} ${real[*]}, synthetic, real)"
         workloads+=("$w") ;;
    esac
  done
fi
any_real=0
for w in "${workloads[@]}"; do [[ -n ${is_real[$w]:-} ]] && any_real=1; done

configs=(baseline)
# Valgrind cannot run heaptrack's interpreter beside the program, nor
# itself: those two are timed only.
if ((callgrind)); then
  known_configs=(baseline off lineno traceback preload)
else
  known_configs=("${all_configs[@]}")
fi
if [[ -n $configs_option ]]; then
  IFS=, read -ra chosen <<<"$configs_option"
else
  chosen=("${known_configs[@]}")
fi
for c in "${chosen[@]}"; do
  [[ " ${known_configs[*]} " == *" $c "* ]] ||
    die "unknown configuration '$c'$( ((callgrind)) && echo " under --callgrind") (known: ${known_configs[*]})"
  [[ $c == baseline ]] || configs+=("$c")
done
# The order runs happen in; massif-base is massif's reference, not shown.
run_order=()
for c in "${configs[@]}"; do
  [[ $c == massif ]] && run_order+=(massif-base)
  run_order+=("$c")
done

# --- tools -----------------------------------------------------------------

needs() { # command, Debian package
  command -v "$1" >/dev/null ||
    die "$1 is not installed; install the Debian package: apt-get install $2"
}
needs clang-19 clang-19
needs clang++-19 clang-19
[[ " ${configs[*]} " == *" heaptrack "* ]] && needs heaptrack heaptrack
[[ " ${configs[*]} " == *" massif "* ]] && needs valgrind valgrind
((callgrind)) && needs valgrind valgrind
tmcc=$bindir/tmcc tmcxx=$bindir/tmc++ runtime=$bindir/../lib/libtracemalloc.so
for f in "$tmcc" "$tmcxx" "$runtime"; do
  [[ -e $f ]] || die "$f is missing; build the project first (cmake --build build, or scripts/setup.sh)"
done

# Settings a caller may have exported would change what is measured.
unset TRACEMALLOC TRACEMALLOC_TOP TRACEMALLOC_DUMP LD_PRELOAD

# --- build -----------------------------------------------------------------

if ((any_real)) && [[ ! -e $sources/complete ]]; then
  "$root/bench/real/fetch.sh" "$sources" ||
    die "the real programs' sources could not be fetched (or leave them out: --workloads synthetic)"
fi

# Both builds get DWARF 4 line tables: valgrind 3.19 cannot read DWARF 5,
# and heaptrack, massif and callgrind name lines with them; debug info does
# not change the generated code.  tmcc adds the same line tables by itself,
# but as DWARF 5 (clang-19's default), so they are asked for explicitly.
# tmcc adds frame pointers too: that is part of what "off" measures.
debug_flags=(-gline-tables-only -gdwarf-4)
baseline_flags=(-O2 "${debug_flags[@]}" -pthread -I"$root/include")
tmcc_flags=(-O2 "${debug_flags[@]}" -pthread)
mkdir -p "$build_dir/baseline" "$build_dir/tmcc" "$build_dir/tools" "$build_dir/runtime"
echo "bench: building into $build_dir" >&2
# The programs link (and preload) a copy of the runtime, so that rebuilding
# the project during a long run cannot mix two runtimes in one table.
# -P keeps libtracemalloc.so a link to the file its SONAME names, which the
# programs load.
cp -P "$runtime"* "$build_dir/runtime/"
runtime=$build_dir/runtime/libtracemalloc.so
export TMCC_RUNTIME_DIR=$build_dir/runtime
clang-19 -std=c11 -O2 -Wall -o "$build_dir/tools/measure" "$root/bench/tools/measure.c"
clang-19 -std=c11 -O2 -Wall -o "$build_dir/tools/summarize" "$root/bench/tools/summarize.c" -lm
clang-19 -std=c11 -O2 -Wall -o "$build_dir/tools/instructions" "$root/bench/tools/instructions.c"
measure=$build_dir/tools/measure
declare -A built
for w in "${workloads[@]}"; do
  binary=${binary_of[$w]}
  [[ -n ${built[$binary]:-} ]] && continue
  built[$binary]=1
  if [[ -n ${is_real[$w]:-} ]]; then
    echo "bench: building $binary from Debian's sources" >&2
    real_build "$binary" "$sources" "$build_dir/baseline/$binary" clang-19 clang++-19 "${baseline_flags[@]}"
    real_build "$binary" "$sources" "$build_dir/tmcc/$binary" "$tmcc" "$tmcxx" "${tmcc_flags[@]}"
  elif [[ -f $root/bench/workloads/$binary.cpp ]]; then
    source=$root/bench/workloads/$binary.cpp
    clang++-19 -std=c++17 "${baseline_flags[@]}" -o "$build_dir/baseline/$binary" "$source"
    "$tmcxx" -std=c++17 "${tmcc_flags[@]}" -o "$build_dir/tmcc/$binary" "$source"
  else
    source=$root/bench/workloads/$binary.c
    clang-19 -std=c11 "${baseline_flags[@]}" -o "$build_dir/baseline/$binary" "$source"
    "$tmcc" -std=c11 "${tmcc_flags[@]}" -o "$build_dir/tmcc/$binary" "$source"
  fi
done

# --- run -------------------------------------------------------------------

rm -rf "$out"
mkdir -p "$out/logs" "$out/scratch"
results=$out/results.tsv api=$out/api.tsv instructions=$out/instructions.tsv
: >"$results"
: >"$api"
: >"$instructions"

# An input size divided by $2, at least 1.
scaled() { local n=$(($1 / $2)); echo $((n > 0 ? n : 1)); }

# Sets `command` to what runs `workload` in `config`, and `input`.
command_for() {
  local workload=$1 config=$2
  local baseline_binary=$build_dir/baseline/${binary_of[$workload]}
  local tmcc_binary=$build_dir/tmcc/${binary_of[$workload]}
  input=${input_of[$workload]}
  [[ $config == massif* ]] && input=$(scaled "$input" "$MASSIF_DIVISOR")
  ((callgrind)) && input=$(scaled "$input" "$CALLGRIND_DIVISOR")
  local args=("$input" ${args_of[$workload]})
  [[ -n ${is_real[$workload]:-} ]] && real_args "${binary_of[$workload]}" "$input"
  case $config in
    baseline | massif-base) command=("$baseline_binary" "${args[@]}") ;;
    off) command=("$tmcc_binary" "${args[@]}") ;;
    lineno) command=(TRACEMALLOC=1 "$tmcc_binary" "${args[@]}") ;;
    traceback) command=(TRACEMALLOC=16 "$tmcc_binary" "${args[@]}") ;;
    preload) command=(LD_PRELOAD="$runtime" TRACEMALLOC=16 "$baseline_binary" "${args[@]}") ;;
    heaptrack) command=(heaptrack -o "$out/scratch/heaptrack" "$baseline_binary" "${args[@]}") ;;
    massif) command=(valgrind --tool=massif --massif-out-file="$out/scratch/massif.out"
                     "$baseline_binary" "${args[@]}") ;;
  esac
  ((callgrind)) && under_callgrind
  return 0
}

# Puts the program of `command` (after its NAME=VALUE settings) under
# callgrind.
under_callgrind() {
  local i=0
  while [[ ${command[i]} == [A-Z_]*=* ]]; do i=$((i + 1)); done
  command=("${command[@]:0:i}" valgrind --tool=callgrind
           --callgrind-out-file="$out/scratch/callgrind.out" --compress-strings=no
           "${command[@]:i}")
}

# The first checksum line seen per workload and input, and who printed it.
declare -A expected_checksum first_printer
api_pattern='^tracemalloc: blocks=\([0-9]*\) take_snapshot_ms=\([0-9.]*\) statistics_ms=\([0-9.]*\) runtime_bytes_per_block=\([0-9.]*\)$'

run_one() {
  local workload=$1 config=$2 round=$3 command input
  command_for "$workload" "$config"
  local stdout=$out/scratch/stdout log=$out/logs/$workload.$config.stderr measured
  if ! measured=$("$measure" -o "$stdout" -- "${command[@]}" 2>"$log"); then
    tail -n 20 "$log" >&2
    die "$workload failed in configuration $config: ${command[*]} (log: $log)"
  fi
  local checksum
  checksum=$(grep -m1 ' checksum ' "$stdout") ||
    die "$workload printed no checksum line in configuration $config: ${command[*]}"
  local key="$workload $input"
  if [[ -z ${expected_checksum[$key]:-} ]]; then
    expected_checksum[$key]=$checksum
    first_printer[$key]=$config
  elif [[ $checksum != "${expected_checksum[$key]}" ]]; then
    die "CHECKSUM MISMATCH: $workload in $config printed '$checksum'," \
        "in ${first_printer[$key]} '${expected_checksum[$key]}' (same input $input)"
  fi
  if [[ ${binary_of[$workload]} == live-heap && $config =~ ^(lineno|traceback|preload)$ ]]; then
    # The tracer's figures, and the proof that tracing was on at all.
    local figures
    figures=$(sed -n "s/$api_pattern/\1\t\2\t\3\t\4/p" "$stdout")
    [[ -n $figures ]] || die "$workload in $config printed no tracemalloc line: was tracing on?"
    printf '%s\t%s\t%s\t%s\n' "$workload" "$config" "$round" "$figures" >>"$api"
  fi
  if ((callgrind)); then
    local counted
    counted=$("$build_dir/tools/instructions" "$out/scratch/callgrind.out") ||
      die "$workload in $config left no callgrind profile (log: $log)"
    printf '%s\t%s\t%s\n' "$workload" "$config" "${counted/ /$'\t'}" >>"$instructions"
    printf '%-11s %-11s %s instructions, %s allocations\n' "$workload" "$config" $counted >&2
    rm -rf "$out/scratch/"*
    return
  fi
  local wall cpu rss resident
  read -r wall cpu rss <<<"$measured"
  resident=$(sed -n 's/^live-heap resident_kib \([0-9]*\)$/\1/p' "$stdout")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$workload" "$config" "$round" "$input" \
    "$wall" "$cpu" "$rss" "${resident:--}" >>"$results"
  printf '[%d/%d] %-10s %-11s %8.3f s  cpu %8.3f s  rss %6d MiB\n' "$round" "$runs" \
    "$workload" "$config" "$wall" "$cpu" "$((rss / 1024))" >&2
  rm -rf "$out/scratch/"*
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date +%s)
for ((round = 1; round <= runs; round++)); do
  for workload in "${workloads[@]}"; do
    # Start each round at a different configuration, so that none always
    # runs right after the same one.
    n=${#run_order[@]}
    for ((i = 0; i < n; i++)); do
      run_one "$workload" "${run_order[(i + round - 1) % n]}" "$round"
    done
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

mode=$( ((quick)) && echo quick || echo full)
for workload in "${workloads[@]}"; do
  echo "$mode: $workload ${configs[*]}: checksums match"
done

# --- report ----------------------------------------------------------------

# "churn 20000000, threads-2 8000000 per thread, ...", inputs divided by $1.
list_inputs() {
  local w list=""
  for w in "${workloads[@]}"; do
    list+="${list:+, }$w $(scaled "${input_of[$w]}" "$1")"
    [[ ${binary_of[$w]} == threads ]] && list+=" per thread"
  done
  echo "$list"
}

# The versions of the real programs that ran, as a note.
real_note() {
  ((any_real)) || return 0
  echo "- Real programs, from Debian's source packages: $(sed 's/$/,/' "$sources/versions" | tr '\n' ' ' | sed 's/, $//')."
}

# The first lines of every report: what ran, where, when.
report_header() {
  ((quick)) && echo "**Quick mode: tiny inputs, one run. These figures measure nothing.**" && echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)," \
       "$(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1))," \
       "$runs round(s) in $(($(date +%s) - started)) s; load average $load_before before, $load_after after."
  echo
}

timing_report() {
  echo "## Overhead of tracing, ratios to the baseline"
  echo
  report_header
  echo "Each cell: the median over rounds of the ratio to the baseline run of the same"
  echo "round, then (minimum–maximum). The baseline column is the baseline's median."
  echo
  "$build_dir/tools/summarize" "$results" "$api" "$out/time.svg"
  echo "Notes:"
  echo
  echo "- Inputs: $(list_inputs 1)."
  real_note
  echo "- massif runs 1/$MASSIF_DIVISOR of the input ($(list_inputs "$MASSIF_DIVISOR")) and is compared"
  echo "  with the baseline binary on that same input."
  echo "- traceback (TRACEMALLOC=16) unwinds up to 16 frames through frame pointers;"
  echo "  the workloads' stacks are shallow (main and libc's start-up below it), but"
  echo "  for deep-stack's, where nearly every block is allocated 20 to 45 frames deep."
  echo "- preload runs the baseline binary with the runtime preloaded (TRACEMALLOC=16):"
  echo "  no site records, so every allocation's stack is unwound, in a binary built"
  echo "  without frame pointers."
  echo "- Peak RSS is the largest single process: heaptrack's separate interpreter"
  echo "  process is not added to the program's; CPU time counts both."
  echo "- The live-heap and live-small figures come from the program itself"
  echo "  (tm_take_snapshot, tm_snapshot_statistics by line, tm_get_tracemalloc_memory)."
  echo "  The extra RSS per live block is the resident size the program reads with"
  echo "  every block alive, before the snapshot, minus that of the baseline run of"
  echo "  the same round, divided by the live blocks. The wall time of these"
  echo "  workloads includes the API calls."
}

# Instructions each configuration adds to the baseline run, per allocation
# the baseline made (a call of the malloc family, with its free).
instruction_report() {
  echo "## Instructions added per allocation (callgrind)"
  echo
  report_header
  echo "Each cell: (instructions of the run - instructions of the baseline run) /"
  echo "allocations of the baseline run, on the same input. The baseline column is"
  echo "the baseline's own instructions per allocation."
  echo
  local header="| workload | allocations | baseline |" rule="| --- | ---: | ---: |" c
  for c in "${configs[@]:1}"; do header+=" $c |" rule+=" ---: |"; done
  echo "$header"
  echo "$rule"
  awk -F'\t' -v configs="${configs[*]:1}" -v order="${workloads[*]}" '
    { ir[$1, $2] = $3; if ($2 == "baseline") allocations[$1] = $4 }
    END {
      n = split(order, workload, " "); m = split(configs, config, " ")
      for (i = 1; i <= n; i++) {
        w = workload[i]; a = allocations[w]; base = ir[w, "baseline"]
        if (a == 0) { printf "| %s | 0 | %d |", w, base; a = "" }
        else printf "| %s | %d | %.1f |", w, a, base / a
        for (j = 1; j <= m; j++)
          if (a == "") printf " – |"
          else printf " %+.1f |", (ir[w, config[j]] - base) / a
        printf "\n"
      }
    }' "$instructions"
  echo
  echo "Notes:"
  echo
  echo "- Inputs: $(list_inputs "$CALLGRIND_DIVISOR") (1/$CALLGRIND_DIVISOR of the timed runs')."
  real_note
  echo "- heaptrack and massif do not run under callgrind; the timed runs compare them."
}

if ((callgrind)); then instruction_report; else timing_report; fi >"$out/table.md"
cat "$out/table.md"
if ((callgrind)); then
  echo "bench: results in $out (table.md, instructions.tsv)" >&2
else
  echo "bench: results in $out (table.md, time.svg, results.tsv, api.tsv)" >&2
fi
