# The session of daemon.test; $1 is the directory of tmctl, $2 the
# runtime's library directory.
set -u
bin=$1 libdir=$2
. "$(dirname "$0")/wait_for.sh"
./closes_descriptors & pid=$!
wait_for stage0
"$bin/tmctl" $pid start
touch go1; wait_for stage1
# The listener is gone with the descriptors; a new one is made.
echo "after close: $("$bin/tmctl" $pid status | head -1)"
"$bin/tmctl" $pid stop
touch go2
wait $pid
echo "exit: $?"
cat own.txt

# A binary nobody rebuilt, with the runtime preloaded.
LD_PRELOAD="$libdir/libtracemalloc.so.1" perl -e \
  'open(my $f, ">", "perl-ready"); close($f);
   until (-e "perl-stop") { my %h = map { ("k$_" => "v" x $_) } 1..50; select(undef, undef, undef, 0.01) }' &
perl=$!
wait_for perl-ready
"$bin/tmctl" $perl start 4
"$bin/tmctl" $perl dump perl.tmd
"$bin/tmreport" info perl.tmd | grep -c "^program: .*perl"
"$bin/tmctl" $perl stop
touch perl-stop
wait $perl
echo "perl exit: $?"
