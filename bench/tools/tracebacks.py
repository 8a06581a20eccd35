"""A snapshot dump (docs/format.md, version 1) with N distinct tracebacks,
for timing tmreport on large dumps (docs/performance.md, "tmreport on
large dumps"):

    python3 bench/tools/tracebacks.py N DUMP [--shape wide|deep]

wide: main calls N allocation sites, one line each: N tracebacks of two
frames that all share the root, so one frame of the flame graph has N
children (a program with many call sites of one allocator).
deep: the base-4 digits of i pick one of four call lines at each of
log4(N) levels of a recursion: the tracebacks share their prefixes as a
tree, 4 children per frame.  Block i is 16 + i % 64 bytes.
"""
import argparse
import struct
import zlib


def strings_section(strings):
    out = [struct.pack("<Q", len(strings))]
    for s in strings:
        out.append(struct.pack("<I", len(s)) + s)
    return b"".join(out)


def tracebacks_section(tracebacks):
    out = [struct.pack("<Q", len(tracebacks))]
    for frames in tracebacks:
        out.append(struct.pack("<II", len(frames), len(frames)))
        out.extend(struct.pack("<III", *frame) for frame in frames)
    return b"".join(out)


def chains(n, shape):
    """The tracebacks as (filename, lineno, function) string indexes, oldest
    frame first, and the traceback limit."""
    # strings: 0 "app.c", 1 "main", 2 "descend", 3 "alloc"
    if shape == "wide":
        return [[(0, 10, 1), (0, 100 + i, 3)] for i in range(n)], 2
    digits = 1
    while 4 ** digits < n:
        digits += 1
    tracebacks = []
    for i in range(n):
        frames = [(0, 10, 1)]
        for d in range(digits):
            frames.append((0, 20 + (i >> (2 * d) & 3), 2))
        frames.append((0, 30, 3))
        tracebacks.append(frames)
    return tracebacks, digits + 2


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("dump")
    parser.add_argument("--shape", choices=("wide", "deep"), default="wide")
    args = parser.parse_args()
    tracebacks, limit = chains(args.n, args.shape)
    groups = [struct.pack("<IIQQQ", 0, i, 1, 16 + i % 64, 1)
              for i in range(args.n)]
    payload = b"".join([
        strings_section([b"app.c", b"main", b"descend", b"alloc"]),
        tracebacks_section(tracebacks),
        struct.pack("<QQ", args.n, args.n), *groups,
        struct.pack("<I", limit)])
    header = struct.pack("<8sIIQ", b"\x89TMSNAP\n", 1, zlib.crc32(payload),
                         len(payload))
    with open(args.dump, "wb") as f:
        f.write(header + payload)


if __name__ == "__main__":
    main()
