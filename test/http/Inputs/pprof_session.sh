# The session of pprof.test, in the directory of the built ./serve: the
# real pprof reads the endpoint's profiles over HTTP, offline (HOME,
# GOCACHE and PPROF_TMPDIR here, so that nothing outside is written).
set -u
here=$(dirname "$0")
. "$here/start_server.sh"
get() { python3 "$here/http_get.py" $port "$@"; }
# The status line alone (the whole answer read: no broken pipe).
status() { get "$@" > reply.txt; head -1 reply.txt; }
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
echo "== heap, as text"
get '/debug/pprof/heap?debug=1' | sed -n '1,8p'
echo "== a delta over 4 s, the program growing meanwhile"
get '/debug/pprof/heap?seconds=4' > delta.raw &
sleep 1
touch grow
status /metrics # served while the delta waits
wait $!
head -1 delta.raw
tail -c +$(( $(head -1 delta.raw | wc -c) + 1 )) delta.raw > delta.pb.gz
pprof -top -lines -nodefraction=0 -unit=B -sample_index=inuse_space delta.pb.gz
pprof -top -lines -nodefraction=0 -sample_index=inuse_objects delta.pb.gz
pprof -raw delta.pb.gz | grep '^Duration:'
echo "== a delta as text"
get '/debug/pprof/allocs?debug=1&seconds=1' > delta.txt
grep -c ' @$' delta.txt
grep '^#' delta.txt
echo "== a delta whose client goes"
python3 - $port <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET /debug/pprof/allocs?seconds=600 HTTP/1.1\r\nHost: x\r\n\r\n")
s.close()
PY
status /metrics
echo "== refused"
get '/debug/pprof/heap?debug=x'
status '/debug/pprof/heap?gc=1&debug=0'
get '/debug/pprof/allocs?seconds=0'
get '/debug/pprof/allocs?seconds=3601'
get '/debug/pprof/allocs?seconds=1.5'
get /debug/pprof/heap HEAD | sed -n '1,2p'
echo "== the index"
get /debug/pprof/ | grep -o '<a href="[^"]*">'
echo "== not tracing"
"$TMCTL" $pid stop > /dev/null
get /debug/pprof/heap
status /debug/pprof/allocs
touch stop
wait $pid
echo "== the program"
cat server.out
