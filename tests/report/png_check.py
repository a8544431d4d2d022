#!/usr/bin/env python3
"""Checks a screenshot of the HTML report: its size, that it is not blank, that the SVG timeline
rendered (pixels of the firing-red #c62828 and the pending amber hatch).

Usage: png_check.py PNG WIDTH HEIGHT
Prints one line of figures; exits 1 with the reason when a check fails.
Standard library only: the PNG is decoded with zlib and the five row filters.
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise SystemExit(f"{path}: unsupported PNG (depth {depth}, colour type {colour}, interlace {interlace})")
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    rows, prev, pos = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, bpp, rows


def near(pixel, target, tolerance=24):
    return all(abs(p - t) <= tolerance for p, t in zip(pixel, target))


def main():
    path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    width, height, bpp, rows = decode(path)
    inked = red = amber = 0
    for line in rows:
        for x in range(0, width * bpp, bpp):
            px = tuple(line[x:x + 3])
            if min(px) < 235:
                inked += 1
            if near(px, (0xC6, 0x28, 0x28)):
                red += 1
            elif near(px, (0xD0, 0x8A, 0x00), 40) or near(px, (0xFD, 0xE7, 0xB0), 12):
                amber += 1
    share = inked / (width * height)
    print(f"{path}: {width}x{height}, {share:.1%} non-background pixels, {red} firing-red, {amber} pending-amber")
    if (width, height) != (want_w, want_h):
        raise SystemExit(f"expected {want_w}x{want_h}, got {width}x{height}")
    if share < 0.02:
        raise SystemExit("the page is blank")
    if red == 0 or amber == 0:
        raise SystemExit("the SVG timeline did not render (no firing or pending spans)")


if __name__ == "__main__":
    main()
