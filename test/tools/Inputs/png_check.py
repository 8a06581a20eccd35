"""Checks that a PNG screenshot is not blank: decodes it with zlib alone
(8-bit RGB or RGBA, not interlaced, as Chromium writes them), prints its
size, how many distinct colours it has and how much of it is not white,
and fails (exit status 1) with fewer than MIN_COLOURS colours or less than
MIN_INKED of its pixels not white.

usage: png_check.py SCREENSHOT.png
"""
import struct
import sys
import zlib

MIN_COLOURS = 16
MIN_INKED = 0.01


def read_png(path):
    """(width, height, bytes per pixel, rows of raw pixel bytes)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("png_check: %s: not a PNG file" % path)
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or colour_type not in (2, 6) or interlace:
        sys.exit("png_check: %s: depth %d, colour type %d, interlace %d: "
                 "not supported" % (path, depth, colour_type, interlace))
    bpp = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, row = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):  # undo the row's filter (PNG spec, 9.2)
            a = row[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                row[i] = (row[i] + a) & 0xff
            elif kind == 2:
                row[i] = (row[i] + b) & 0xff
            elif kind == 3:
                row[i] = (row[i] + (a + b) // 2) & 0xff
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                row[i] = (row[i] + pred) & 0xff
        rows.append(bytes(row))
        previous = row
    return width, height, bpp, rows


def main():
    width, height, bpp, rows = read_png(sys.argv[1])
    colours, inked = set(), 0
    for row in rows:
        for x in range(0, width * bpp, bpp):
            pixel = row[x:x + 3]
            colours.add(pixel)
            inked += pixel != b"\xff\xff\xff"
    share = inked / (width * height)
    print("%dx%d pixels, %d colours, %.1f%% not white" % (
        width, height, len(colours), 100 * share))
    if len(colours) < MIN_COLOURS or share < MIN_INKED:
        print("png_check: %s looks blank" % sys.argv[1], file=sys.stderr)
        return 1
    print("not blank")
    return 0


if __name__ == "__main__":
    sys.exit(main())
