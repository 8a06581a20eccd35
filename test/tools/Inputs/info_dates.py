"""Checks the dates `tmreport info` printed (in UTC) against clock readings
in nanoseconds: tracing started between BEFORE and the program's own
reading (a "main=NS" line of its output), and the snapshot was taken
between that reading and AFTER.  Prints one line per date.

    info_dates.py INFO BEFORE PROGRAM_OUTPUT AFTER
"""
import calendar
import re
import sys
import time


def reading(path, prefix=""):
    for line in open(path):
        if line.startswith(prefix):
            return int(line[len(prefix):])
    sys.exit(f"{path}: no line starting with {prefix!r}")


def date_ns(info, label):
    """The nanoseconds since the epoch of "LABEL: 2024-05-01 12:00:00.123456789 +0000 UTC"."""
    text = open(info).read()
    match = re.search(rf"^{label}: (\S+ \S+)\.(\d{{9}}) \+0000 UTC$", text, re.M)
    if not match:
        sys.exit(f"{info}: no UTC date for {label!r}")
    seconds = calendar.timegm(time.strptime(match[1], "%Y-%m-%d %H:%M:%S"))
    return seconds * 10**9 + int(match[2])


info, before, program_output, after = sys.argv[1:]
bounds = {"tracing since": (reading(before), reading(program_output, "main=")),
          "time": (reading(program_output, "main="), reading(after))}
for label, (low, high) in bounds.items():
    ns = date_ns(info, label)
    verdict = "between" if low <= ns <= high else "NOT between"
    print(f"{label}: {verdict} the clock readings ({low} <= {ns} <= {high})")
