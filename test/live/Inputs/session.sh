# The session of tmtop.test, in the directory of the built ./grows; $1 is
# the directory of tmtop.  The live files go to ./live.
set -u
bin=$1
. "$(dirname "$0")/../../control/Inputs/wait_for.sh"
export TRACEMALLOC_LIVE_DIR=$PWD/live
mkdir -p live
TRACEMALLOC=1 ./grows & pid=$!
for stage in 0 1 2; do
  wait_for stage$stage
  echo "== stage $stage"
  "$bin/tmtop" --once -d 0 --bytes -n 100 $pid > live.$stage
  head -1 live.$stage
  grep '^grows.c:' live.$stage > lines.$stage
  cat lines.$stage
  # The live view says what the process's own snapshot says.
  diff lines.$stage snapshot.$stage && echo "same as the snapshot"
  [ $stage = 2 ] || touch go$((stage + 1))
done
"$bin/tmtop" --list | grep " $pid " | sed 's/ \+/ /g'
# The shell's own "Killed" notice, not the test's output.
{ kill -9 $pid; wait $pid; } 2> /dev/null
echo "== after kill -9"
"$bin/tmtop" --file live/tracemalloc-$pid.live --bytes -n 100 | grep '^grows.c:' | diff - lines.2 && echo "same as before the kill"
"$bin/tmtop" --list | grep " $pid " | sed 's/ \+/ /g'
cp live/tracemalloc-$pid.live killed.live
