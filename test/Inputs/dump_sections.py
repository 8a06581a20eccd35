"""Snapshot dumps (docs/format.md) taken apart for the tests: how many
timeline points a dump holds, and the same snapshot rewritten as an older
format version (its later sections left out), with an empty timeline, or with a string of its table
replaced by other bytes (in Python's escapes: --rename main 'm\\xffain').
It walks the payload on its own, independently of the library, and trusts
it: the tests made it.

    dump_sections.py points DUMP
    dump_sections.py rewrite DUMP OUT [--version N] [--empty-timeline]
                             [--rename OLD NEW]...
"""
import argparse
import codecs
import struct
import zlib

HEADER = struct.Struct("<8sIIQ")  # magic, version, checksum, payload_size


def section_offsets(payload, version):
    """Where the timeline, the process section and the allocations start in
    the payload (the payload's end for a section the version does not
    have)."""
    at = 0

    def take(fmt):
        nonlocal at
        values = struct.unpack_from("<" + fmt, payload, at)
        at += struct.calcsize("<" + fmt)
        return values

    def skip(fmt, field, record_size):
        """Skips a count (or length) and the records (or bytes) it counts."""
        nonlocal at
        count = take(fmt)[field]
        at += count * record_size

    for _ in range(take("Q")[0]):  # strings
        skip("I", 0, 1)
    for _ in range(take("Q")[0]):  # tracebacks
        skip("II", 0, 12)
    _, ngroups = take("QQ")  # traces
    for _ in range(ngroups):
        skip("IIQ", 2, 16)
    take("I")  # the traceback limit
    timeline = at
    if version >= 2:
        skip("Q", 0, 24)
    process = at
    if version >= 3:
        for _ in range(take("Q")[0]):
            skip("II", 1, 1)
    return timeline, process, at


def read(path):
    data = open(path, "rb").read()
    magic, version, _, _ = HEADER.unpack_from(data)
    return magic, version, data[HEADER.size:]


def points(path):
    _, version, payload = read(path)
    timeline, _, _ = section_offsets(payload, version)
    if timeline == len(payload):
        return 0
    return struct.unpack_from("<Q", payload, timeline)[0]


def rename(payload, old, new):
    """The payload with string `old` of the table (section 1) as `new`."""
    (count,) = struct.unpack_from("<Q", payload)
    strings, at = [], 8
    for _ in range(count):
        (length,) = struct.unpack_from("<I", payload, at)
        strings.append(payload[at + 4:at + 4 + length])
        at += 4 + length
    table = struct.pack("<Q", count) + b"".join(
        struct.pack("<I", len(t)) + t
        for t in (new if s == old else s for s in strings))
    return table + payload[at:]


def rewrite(path, out, version, empty_timeline, renames=()):
    magic, old_version, payload = read(path)
    for old, new in renames:
        payload = rename(payload, old, new)
    timeline, process, allocated = section_offsets(payload, old_version)
    new = payload[:timeline]
    if version >= 2:
        new += bytes(8) if empty_timeline else payload[timeline:process]
    if version >= 3:
        new += payload[process:allocated]
    if version >= 4:
        new += payload[allocated:]
    header = HEADER.pack(magic, version, zlib.crc32(new), len(new))
    open(out, "wb").write(header + new)


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    count = commands.add_parser("points")
    count.add_argument("dump")
    again = commands.add_parser("rewrite")
    again.add_argument("dump")
    again.add_argument("out")
    again.add_argument("--version", type=int)
    again.add_argument("--empty-timeline", action="store_true")
    again.add_argument("--rename", nargs=2, action="append", default=[],
                       metavar=("OLD", "NEW"))
    args = parser.parse_args()
    if args.command == "points":
        print(points(args.dump))
    else:
        version = args.version or read(args.dump)[1]
        renames = [[codecs.escape_decode(name)[0] for name in pair]
                   for pair in args.rename]
        rewrite(args.dump, args.out, version, args.empty_timeline, renames)


if __name__ == "__main__":
    main()
