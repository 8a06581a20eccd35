# The session of fork.test, in the directory of the built ./forks; $1 is
# the directory of tmtop.  The live files go to ./live.
set -u
bin=$1
. "$(dirname "$0")/../../control/Inputs/wait_for.sh"
export TRACEMALLOC_LIVE_DIR=$PWD/live
mkdir -p live
TRACEMALLOC=1 ./forks & pid=$!
trap 'touch done' EXIT
wait_for parent
wait_for child
for who in child parent; do
  echo "== $who"
  p=$(cat $who)
  "$bin/tmtop" --once -d 0 --bytes -n 100 $p | grep '^forks.c:' > lines.$who
  cat lines.$who
  diff lines.$who snapshot.$p && echo "same as its snapshot"
done
touch done
wait $pid
echo "files left: $(ls live | wc -l)"
