# The session of metrics.test, in the directory of the built ./serve; $1
# is the directory of tmreport.
set -u
bin=$1
here=$(dirname "$0")
. "$here/start_server.sh"
get() { python3 "$here/http_get.py" $port "$@"; }
echo "== /metrics"
get /metrics | tee metrics.txt
echo "== the series are well-formed"
tail -n +2 metrics.txt | python3 "$here/check_exposition.py"
echo "== snapshot.tmd"
get /debug/pprof/snapshot.tmd > snapshot.raw
head -1 snapshot.raw
tail -c +$(( $(head -1 snapshot.raw | wc -c) + 1 )) snapshot.raw > snapshot.tmd
"$bin/tmreport" top --bytes snapshot.tmd | grep '^serve.c:1[57]:'
echo "== HEAD /metrics"
get /metrics HEAD
echo "== /debug/pprof/"
get /debug/pprof/
echo "== /nothing"
get /nothing
touch stop
wait $pid
echo "== the program"
cat server.out
