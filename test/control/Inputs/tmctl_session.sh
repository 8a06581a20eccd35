# The session of tmctl.test, in the directory of the built ./staged;
# $1 is the directory of tmctl and tmreport.
set -u
bin=$1
. "$(dirname "$0")/wait_for.sh"
./staged & pid=$!
wait_for stage0
echo "untraced: $("$bin/tmctl" $pid status)"
"$bin/tmctl" $pid start
touch go1; wait_for stage1
echo "stage1: $("$bin/tmctl" $pid status)"
"$bin/tmctl" $pid dump one.tmd
"$bin/tmreport" top one.tmd | sed 's/^/one: /'
touch go2; wait_for stage2
"$bin/tmctl" $pid dump two.tmd
"$bin/tmreport" diff one.tmd two.tmd | sed 's/^/diff: /'
setpriv --reuid=nobody --regid=nogroup --clear-groups "$bin/tmctl" $pid status
echo "nobody: $?"
touch go3; wait_for child
child=$(cat child)
# The parent's listener was closed in the child.
echo "child sockets: $(ls -l /proc/$child/fd | grep -c socket)"
echo "child: $("$bin/tmctl" $child status)"
touch go4; wait_for stage3
echo "parent after child: $("$bin/tmctl" $pid status)"
"$bin/tmctl" $pid reset-peak
echo "reset: $("$bin/tmctl" $pid status)"
"$bin/tmctl" $pid stop
echo "stopped: $("$bin/tmctl" $pid status)"
"$bin/tmctl" $pid dump three.tmd
touch go5
wait $pid
echo "exit: $?"
