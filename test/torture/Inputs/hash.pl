# Counts the words of a file in a hash, then prints the most frequent ones
# and an MD5 of the whole table in a fixed order.
use strict;
use warnings;
use Digest::MD5 qw(md5_hex);

my %count;
while (my $line = <>) {
    $count{$_}++ for split /\s+/, $line;
}
my @words = sort { $count{$b} <=> $count{$a} || $a cmp $b } keys %count;
print "$_ $count{$_}\n" for @words[0 .. 9];
print scalar(@words), " words, ",
      md5_hex(join "\n", map { "$_=$count{$_}" } @words), "\n";
