# The session of pprof.test, in the directory of the built ./serve: the
# real pprof reads the endpoint's profiles over HTTP, offline (HOME,
# GOCACHE and PPROF_TMPDIR here, so that nothing outside is written).
set -u
here=$(dirname "$0")
. "$here/start_server.sh"
get() { python3 "$here/http_get.py" $port "$@"; }
pprof() {
  env HOME=$PWD GOCACHE=$PWD/gocache GOFLAGS=-mod=mod PPROF_TMPDIR=$PWD TZ=UTC \
    go tool pprof "$@" 2>&1
}
url=http://127.0.0.1:$port/debug/pprof
echo "== heap, inuse_space"
pprof -top -lines -nodefraction=0 -unit=B $url/heap
echo "== heap, inuse_objects"
pprof -top -lines -nodefraction=0 -sample_index=inuse_objects $url/heap
echo "== allocs, alloc_objects"
pprof -top -lines -nodefraction=0 -sample_index=alloc_objects $url/allocs
echo "== allocs, the default"
pprof -top $url/allocs | grep '^Type:'
echo "== allocs, raw"
pprof -raw $url/allocs > raw.txt
sed -n '/^Mappings/,$p' raw.txt
echo "== allocs, a gzip member"
get /debug/pprof/allocs > allocs.raw
head -1 allocs.raw
tail -c +$(( $(head -1 allocs.raw | wc -c) + 1 )) allocs.raw > allocs.pb.gz
gzip -t allocs.pb.gz && echo "gzip -t: ok"
echo "== refused"
get '/debug/pprof/heap?debug=1'
get '/debug/pprof/heap?gc=1&debug=0' | head -1
get '/debug/pprof/allocs?seconds=30'
get /debug/pprof/heap HEAD | sed -n '1,2p'
echo "== the index"
get /debug/pprof/ | grep -o '<a href="[^"]*">'
echo "== not tracing"
"$TMCTL" $pid stop > /dev/null
get /debug/pprof/heap
get /debug/pprof/allocs | head -1
touch stop
wait $pid
echo "== the program"
cat server.out
