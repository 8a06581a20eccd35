"""Checks stdin against Prometheus' text exposition format 0.0.4, as far
as the endpoint uses it: a # HELP and a # TYPE (gauge or counter) before
each metric's samples, each metric once, names and labels well-formed,
label values escaped, values numbers, counters named *_total.  Prints ok
or the first line that is not."""
import re
import sys

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"'
SAMPLE = re.compile(rf"^({NAME})(?:\{{{LABEL}(?:,{LABEL})*\}})? (-?[0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)$")
helped, typed, seen = set(), {}, set()
for number, line in enumerate(sys.stdin.read().split("\n")[:-1], 1):
    if m := re.match(rf"^# HELP ({NAME}) \S", line):
        helped.add(m.group(1))
    elif m := re.match(rf"^# TYPE ({NAME}) (gauge|counter)$", line):
        name = m.group(1)
        if name in typed or name not in helped:
            sys.exit(f"line {number}: a TYPE again, or before its HELP: {line}")
        if (m.group(2) == "counter") != name.endswith("_total"):
            sys.exit(f"line {number}: a counter is named *_total: {line}")
        typed[name] = m.group(2)
    elif m := SAMPLE.match(line):
        if m.group(1) not in typed:
            sys.exit(f"line {number}: a sample before its TYPE: {line}")
        if line.split(" ")[0] in seen:
            sys.exit(f"line {number}: a series twice: {line}")
        seen.add(line.split(" ")[0])
    else:
        sys.exit(f"line {number}: not in the format: {line!r}")
print("ok")
