#!/usr/bin/env python3
"""Writes the hand-made seeds of fuzz/corpus: SPECs, CSVs, IDX files and PNGs, valid and near-valid.

Usage: fuzz/make_seeds.py CORPUS_DIR
       fuzz/make_seeds.py --checkpoints DIR FILE.ckpt...   (seeds from checkpoints `train` wrote)

scripts/fuzz --make-seeds runs both. The checkpoint targets' seeds are metadata that the project's
own writers made: `diffusion-cli train` for the MLP checkpoints (the --checkpoints form) and
build/fuzz/fuzz/fuzz_make_seeds for the image checkpoints.
"""

import gzip
import os
import struct
import sys
import zlib


def write(directory, name, data):
    os.makedirs(directory, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def gmm_seeds(d):
    seeds = {
        "bimodal": "0.5:-2:0.4;0.5:2:0.4",
        "mixture2d": "0.3:-1.2,-0.7:0.3;0.3:1.2,-0.7:0.3;0.4:0,1:0.45",
        "one": "1:0:1",
        "trailing-semicolon": "0.5:-2:0.4;0.5:2:0.4;",
        "spaces": " 1 : 2 , 3 : 0.5 ; 2 : -1 , 0 : 1 ",
        "huge-mean": "1:1e308:1",
        "huge-std": "1:1:1e300",
        "weights-overflow": "1e308:0:1;1e308:1:1",
        "mixed-dims": "1:0:1;1:0,0:1",
        "not-a-number": "1:nan:1",
        "hex-and-exponent": "0x1p-3:-1e-3:1E2",
        "empty-component": "1:0:1;;1:2:1",
        "four-dims": "1:1,2,3,4:0.5",
    }
    for name, text in seeds.items():
        write(d, name, text)


def pointset_seeds(d):
    seeds = {
        "xy": "x,y\n0,0\n1,2\n-1.5,0.25\n3e-5,-7\n",
        "x": "x\n1\n2\n2.5\n",
        "bom-crlf": "\ufeffX , Y\r\n1,2\r\n3,4\r\n",
        "index-column": "i,x,y\n0,1,2\n1,3,4\n",
        "comments-blank": "# drawn points\n\nx,y\n# a comment\n1,1\n\n2,2\n",
        "too-large": "x,y\n1e39,0\n",
        "empty-cell": "x,y\n1,\n",
        "wrong-count": "x\n1,2\n",
        "header-only": "x,y\n",
        "bad-header": "a,b\n1,2\n",
    }
    for name, text in seeds.items():
        write(d, name, text)


def idx(shape, payload):
    header = bytes([0, 0, 8, len(shape)]) + b"".join(struct.pack(">I", n) for n in shape)
    return header + bytes(payload)


def idx_seeds(d):
    images = idx([3, 2, 2], [0, 64, 128, 255, 10, 20, 30, 40, 255, 0, 255, 0])
    write(d, "images-3x2x2", images)
    write(d, "images-3x2x2.gz", gzip.compress(images, mtime=0))
    write(d, "labels-4", idx([4], [0, 9, 3, 1]))
    write(d, "four-dims", idx([1, 1, 2, 2], [1, 2, 3, 4]))
    write(d, "truncated", idx([2, 3, 3], [1] * 10))
    write(d, "extra-bytes", idx([2], [1, 2, 3]))
    write(d, "type-float", bytes([0, 0, 0x0D, 1, 0, 0, 0, 1]) + struct.pack(">f", 1.0))
    write(d, "truncated.gz", gzip.compress(images, mtime=0)[:-6])


def png_chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(width, height, depth, color, rows, extra=b"", interlace=0):
    """rows: the filtered scanlines' raw bytes without the filter byte (filter 0 is added)."""
    raw = b"".join(b"\x00" + r for r in rows)
    ihdr = struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, interlace)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + extra + png_chunk(b"IDAT", zlib.compress(raw)) +
            png_chunk(b"IEND", b""))


def png_seeds(d):
    gray = [bytes([0, 80, 160, 255]), bytes([255, 0, 255, 0]), bytes([10, 20, 30, 40]), bytes([0, 0, 255, 255])]
    write(d, "gray8-4x4", png(4, 4, 8, 0, gray))
    write(d, "gray1-8x2", png(8, 2, 1, 0, [b"\xa5", b"\x0f"]))
    write(d, "gray4-2x2-trns", png(2, 2, 4, 0, [b"\x1f", b"\xf1"], png_chunk(b"tRNS", b"\x00\x01")))
    write(d, "gray16-2x2", png(2, 2, 16, 0, [b"\x00\x00\xff\xff", b"\x80\x00\x12\x34"]))
    write(d, "rgb8-2x2", png(2, 2, 8, 2, [b"\xff\x00\x00\x00\xff\x00", b"\x00\x00\xff\x80\x80\x80"]))
    write(d, "rgba8-2x1", png(2, 1, 8, 6, [b"\xff\x00\x00\x80\x00\xff\x00\xff"]))
    write(d, "gray-alpha8-2x1", png(2, 1, 8, 4, [b"\x40\x80\xc0\xff"]))
    palette = png_chunk(b"PLTE", b"\x00\x00\x00\xff\xff\xff\x80\x00\x00") + png_chunk(b"tRNS", b"\xff\x00")
    write(d, "palette2-4x2-trns", png(4, 2, 2, 3, [b"\x1b", b"\xe4"], palette))
    # Adam7 scanlines of a 3×3 gray image: passes 1 (1×1), 4 (1×1), 5 (2×1), 6 (1×2) and 7 (3×1);
    # passes 2 and 3 are empty at this size.
    passes = [[b"\x11"], [b"\x22"], [b"\x33\x44"], [b"\x55", b"\x66"], [b"\x77\x88\x99"]]
    raw = b"".join(b"\x00" + r for p in passes for r in p)
    interlaced = (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 3, 3, 8, 0, 0, 0, 1)) +
                  png_chunk(b"IDAT", zlib.compress(raw)) + png_chunk(b"IEND", b""))
    write(d, "gray8-3x3-interlaced", interlaced)
    full = png(4, 4, 8, 0, gray)
    write(d, "truncated", full[:40])
    write(d, "signature-only", full[:8])
    big = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 5000, 5000, 8, 0, 0, 0, 0))
    write(d, "too-many-pixels", big + png_chunk(b"IEND", b""))


def checkpoint_seeds(d, files):
    """The flags byte of fuzz_checkpoint.cpp, then the metadata of each checkpoint file, read from
    its frame (core/models/checkpoint.h: the JSON is bytes 20 .. 20 + J)."""
    variants = {"": 1, "-no-state": 0, "-other-architecture": 1 | 2, "-state-size": 1 | 4, "-version-2": 8,
                "-json-length": 16, "-crc": 32, "-cut": 64}
    for i, path in enumerate(sorted(files)):
        data = open(path, "rb").read()
        (json_len,) = struct.unpack_from("<I", data, 8)
        meta = data[20:20 + json_len]
        stem = os.path.splitext(os.path.basename(path))[0]
        for suffix, flags in variants.items():
            if suffix and i > 0:
                continue  # the frame and state variants once, on the first file
            write(d, stem + suffix, bytes([flags]) + meta)


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "--checkpoints":
        checkpoint_seeds(sys.argv[2], sys.argv[3:])
        return
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = sys.argv[1]
    gmm_seeds(os.path.join(root, "gmm"))
    pointset_seeds(os.path.join(root, "pointset"))
    idx_seeds(os.path.join(root, "idx"))
    png_seeds(os.path.join(root, "png"))


if __name__ == "__main__":
    main()
