"""Snapshot dumps (docs/format.md) taken apart for the tests: how many
timeline points a dump holds, and the same snapshot rewritten as an older
format version (its later sections left out), with an empty timeline, with a string of its table
replaced by other bytes (in Python's escapes: --rename main 'm\\xffain'),
or with each allocation total counting one allocation (as a program that
lacked the memory to count the others would have written it).
It walks the payload on its own, independently of the library, and trusts
it: the tests made it.

    dump_sections.py points DUMP
    dump_sections.py rewrite DUMP OUT [--version N] [--empty-timeline]
                             [--rename OLD NEW]... [--one-allocation-each]
"""
import argparse
import codecs
import struct
import zlib

HEADER = struct.Struct("<8sIIQ")  # magic, version, checksum, payload_size


def section_offsets(payload, version):
    """Where the tracebacks, the traces, the timeline, the process section
    and the allocations start in the payload (the payload's end for a
    section the version does not have)."""
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
    tracebacks = at
    for _ in range(take("Q")[0]):
        if version >= 5:  # the wrappers' frames follow the traceback's
            nframe, _, nwrapper = take("III")
            at += (nframe + nwrapper) * 12
        else:
            skip("II", 0, 12)
    traces = at
    _, ngroups = take("QQ")
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
    return tracebacks, traces, timeline, process, at


def read(path):
    data = open(path, "rb").read()
    magic, version, _, _ = HEADER.unpack_from(data)
    return magic, version, data[HEADER.size:]


def points(path):
    _, version, payload = read(path)
    timeline = section_offsets(payload, version)[2]
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


def without_wrappers(section):
    """A version 5 tracebacks section as version 4 has it: no wrapper count,
    no wrapper frames."""
    (count,) = struct.unpack_from("<Q", section)
    out, at = [section[:8]], 8
    for _ in range(count):
        nframe, total_nframe, nwrapper = struct.unpack_from("<III", section, at)
        at += 12
        out.append(struct.pack("<II", nframe, total_nframe))
        out.append(section[at:at + nframe * 12])
        at += (nframe + nwrapper) * 12
    return b"".join(out)


def one_allocation_each(section):
    """The allocations section (7) with every total's count 1."""
    (count,) = struct.unpack_from("<Q", section)
    records = bytearray(section)
    for i in range(count):
        struct.pack_into("<Q", records, 8 + 24 * i + 8, 1)
    return bytes(records)


def rewrite(path, out, version, empty_timeline, renames=(), once=False):
    magic, old_version, payload = read(path)
    for old, new in renames:
        payload = rename(payload, old, new)
    tracebacks, traces, timeline, process, allocated = section_offsets(
        payload, old_version)
    new = payload[:tracebacks]
    if version < 5 <= old_version:
        new += without_wrappers(payload[tracebacks:traces])
    else:
        new += payload[tracebacks:traces]
    new += payload[traces:timeline]
    if version >= 2:
        new += bytes(8) if empty_timeline else payload[timeline:process]
    if version >= 3:
        new += payload[process:allocated]
    if version >= 4:
        section = payload[allocated:]
        new += one_allocation_each(section) if once else section
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
    again.add_argument("--one-allocation-each", action="store_true")
    args = parser.parse_args()
    if args.command == "points":
        print(points(args.dump))
    else:
        version = args.version or read(args.dump)[1]
        renames = [[codecs.escape_decode(name)[0] for name in pair]
                   for pair in args.rename]
        rewrite(args.dump, args.out, version, args.empty_timeline, renames,
                args.one_allocation_each)


if __name__ == "__main__":
    main()
