# The session of screen.test, in the directory of the built ./grows; $1 is
# the directory of tmtop.  Prints what tmtop drew, its escapes named.
set -u
bin=$1
. "$(dirname "$0")/../../control/Inputs/wait_for.sh"
export TRACEMALLOC_LIVE_DIR=$PWD
TRACEMALLOC=1 ./grows & pid=$!
trap 'touch go2 go3' EXIT
wait_for stage0
touch go1
wait_for stage1
# The keys, each after a few redraws.
(sleep 1; printf c; sleep 1; printf r; sleep 1; printf q) |
  timeout 30 script -qfec "$bin/tmtop -d 0.2 $pid" /dev/null > raw.txt
status=$?
sed -e 's/\r$//' -e 's/\x1b\[H\x1b\[2J/\n/g' -e 's/\x1b\[?25h/<cursor shown>/' \
    -e 's/\x1b\[?1049l/<normal screen>/' -e 's/\x1b\[[0-9;?]*[a-zA-Z]//g' raw.txt
echo
echo "status $status"
