# The processes of errors.test that must run in the background; $1 is the
# directory of tmctl.
set -u
bin=$1
. "$(dirname "$0")/wait_for.sh"
# A program without the runtime: never signalled (its default action
# would kill it).
sleep 30 & plain=$!
"$bin/tmctl" $plain status; echo "status $?"
kill -0 $plain && echo "still alive"
kill $plain
# A program started with control off.
TRACEMALLOC_CONTROL=0 ./staged & off=$!
wait_for stage0
"$bin/tmctl" $off status; echo "status $?"
kill $off
rm stage0
# Requests the runtime refuses.
./staged & pid=$!
wait_for stage0
"$bin/tmctl" $pid start 0; echo "status $?"
"$bin/tmctl" $pid start many; echo "status $?"
"$bin/tmctl" $pid dump out.tmd; echo "status $?"
test -e out.tmd || echo "no out.tmd"
kill $pid
