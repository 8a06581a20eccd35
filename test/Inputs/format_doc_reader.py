"""Runs the Python reader that docs/format.md shows on dumps and prints
what it read, so that a test holds the documentation to the files the
library writes.

    format_doc_reader.py docs/format.md DUMP...
"""
import sys

doc, *dumps = sys.argv[1:]
blocks = open(doc).read().split("```python\n")
if len(blocks) != 2:
    sys.exit(f"{doc}: expected one Python block, found {len(blocks) - 1}")
reader = {}
exec(blocks[1].split("```\n")[0], reader)
for path in dumps:
    traces, limit, timeline, process, allocated = reader["load"](path)
    print(f"blocks={sum(count for _, _, count, _ in traces)}",
          f"bytes={sum(size * count for _, size, count, _ in traces)}",
          f"limit={limit} points={len(timeline)}",
          f"allocations={sum(count for _, count, _, _ in allocated)}",
          f"allocated={sum(size for _, _, size, _ in allocated)}",
          "wrappers=" + ",".join(sorted({f[2] for *_, tb in traces
                                          for f in tb[2]})))
    print(*(f"{key}={process.get(key, '?')}"
            for key in ("program", "pid", "time_ns", "start_ns")),
          f"directories={','.join(process.get('directories', ['?']))}")
