# Sourced: starts ./serve (the built Inputs/serve.c) traced by line with
# TRACEMALLOC_HTTP=${ADDRESS:-127.0.0.1:0}, waits until it holds its
# blocks and listens, and sets $pid and $port (the one the runtime says
# the kernel chose).  The server is stopped when the shell exits.
. "$(dirname "${BASH_SOURCE[0]}")/../../control/Inputs/wait_for.sh"
rm -f ready stop server.err
TRACEMALLOC=1 TRACEMALLOC_HTTP=${ADDRESS:-127.0.0.1:0} ./serve > server.out 2> server.err &
pid=$!
trap 'touch stop; wait $pid 2> /dev/null' EXIT
wait_for ready
port=$(sed -n 's|^tracemalloc: serving http://127\.0\.0\.1:\([0-9]*\)/ .*|\1|p' server.err)
