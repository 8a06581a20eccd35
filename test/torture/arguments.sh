# Sourced by the torture drivers (allocators.sh, programs.sh): takes
# `[--repeat N] LIBTRACEMALLOC_SO WORK_DIR` off the front of the driver's
# arguments into repeat, runtime (an absolute path, checked) and work.
# `driver` names the driver in messages.
repeat=1
if [[ ${1:-} == --repeat ]]; then
  repeat=$2
  shift 2
fi
runtime=$(realpath "$1") && [[ -f $runtime ]] ||
  { echo "$driver: no runtime $1" >&2; exit 2; }
work=$2
shift 2
