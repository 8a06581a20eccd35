"""Reads `tmtop --once -d 0 --bytes -n 1000000` outputs (one file each)
and checks each is consistent: no figure below zero or past what a heap of
this program can hold (a count that went below zero and wrapped), and the
totals line equal to the sum of the lines.  Prints a summary."""
import re
import sys

LINE = re.compile(r"^(\S+:\d+): size=(\d+) B, count=(\d+)(, average=\d+ B)?$")
TOTALS = re.compile(r"^tracemalloc \d+ .*  traced (\d+) B  peak (-?\d+) B  blocks (\d+)")
reads = bad = 0
for path in sys.argv[1:]:
    lines = open(path).read().splitlines()
    m = TOTALS.match(lines[0])
    if not m:
        sys.exit(f"{path}: no totals line: {lines[0]!r}")
    traced, peak, blocks = (int(g) for g in m.groups())
    size_sum = count_sum = 0
    for text in lines[1:]:
        m = LINE.match(text)
        if not m:
            sys.exit(f"{path}: not a statistic: {text!r}")
        size, count = int(m.group(2)), int(m.group(3))
        if size > 1 << 40 or count > 1 << 32:
            bad += 1
            print(f"{path}: impossible figure: {text}")
        size_sum += size
        count_sum += count
    if (size_sum, count_sum) != (traced, blocks) or peak < 0:
        bad += 1
        print(f"{path}: totals {traced} B, {blocks} blocks, peak {peak}; "
              f"lines {size_sum} B, {count_sum} blocks")
    reads += 1
print(f"{reads} reads, {bad} inconsistent")
