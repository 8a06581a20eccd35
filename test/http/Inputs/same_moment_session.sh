# The session of snapshot-agrees.test, in the directory of the built
# ./same_moment: starts it with 16 frames and the endpoint, lets it dump
# its own snapshot, then fetches /debug/pprof/heap as endpoint.pb.gz while
# it allocates nothing.  The program is stopped when the shell exits.
set -eu
here=$(dirname "$0")
. "$here/../../control/Inputs/wait_for.sh"
TRACEMALLOC=16 TRACEMALLOC_HTTP=127.0.0.1:0 ./same_moment > server.out 2> server.err &
pid=$!
trap 'touch stop; wait $pid 2> /dev/null' EXIT
wait_for ready
touch go
wait_for done
port=$(sed -n 's|^tracemalloc: serving http://127\.0\.0\.1:\([0-9]*\)/ .*|\1|p' server.err)
python3 "$here/http_get.py" "$port" /debug/pprof/heap > heap.raw
head -1 heap.raw
tail -c +$(( $(head -1 heap.raw | wc -c) + 1 )) heap.raw > endpoint.pb.gz
