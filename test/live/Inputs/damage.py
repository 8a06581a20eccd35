"""Writes damaged copies of a good live file (argv[1]) into the current
directory, one per kind of damage, named after it; with --flips N, N
copies with random bytes of the header and its regions changed instead.
Offsets are those of runtime/live_format.h's tm_live_header."""
import random
import struct
import sys

good = bytearray(open(sys.argv[1], "rb").read())
HEADER = 488
REGIONS = {"shards": 72, "sites": 104, "stacks": 136, "retired": 168,
           "domains": 200}


def region(data, name):
    return struct.unpack_from("<4Q", data, REGIONS[name])


def write(name, data):
    open(name, "wb").write(bytes(data))


if sys.argv[2:3] == ["--flips"]:
    rng = random.Random(1)
    for i in range(int(sys.argv[3])):
        data = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            # Most flips in the header, the rest anywhere in the file.
            at = rng.randrange(HEADER if rng.random() < 0.7 else len(data))
            data[at] = rng.randrange(256)
        write(f"flip.{i}.live", data)
    sys.exit(0)

write("truncated.live", good[:100])
write("empty-header.live", good[:HEADER - 1])
write("magic.live", b"TMLIVX\x01\n" + good[8:])
data = bytearray(good)
struct.pack_into("<I", data, 8, 2)
write("version.live", data)
data = bytearray(good)
struct.pack_into("<I", data, 12, 400)
write("header-size.live", data)
data = bytearray(good)
struct.pack_into("<Q", data, 16, len(good) * 2)
write("file-size.live", data)
seq, offset, capacity, used = region(good, "shards")
data = bytearray(good)
struct.pack_into("<Q", data, REGIONS["shards"] + 8, len(good) + 4096)
write("outside.live", data)
data = bytearray(good)
struct.pack_into("<Q", data, REGIONS["shards"] + 16, capacity - 1)
write("capacity.live", data)
seq, offset, capacity, used = region(good, "sites")
data = bytearray(good)
struct.pack_into("<Q", data, REGIONS["sites"] + 24, capacity + 1)
write("log-overrun.live", data)
data = bytearray(good)
struct.pack_into("<H", data, offset + 14, 60000)  # the first site's function_length
write("site-names.live", data)
data = bytearray(good)
seq = region(good, "shards")[0]
struct.pack_into("<Q", data, REGIONS["shards"], seq | 1)  # a writer that died mid-move
write("odd-seq.live", data)
