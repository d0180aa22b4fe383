#!/usr/bin/env python3
"""Images and their expected 32x32 CIFAR-10 bytes for dev.vecnn.data.ImagePreprocessingTest: an
independent implementation of the preprocessing ImagePreprocessing documents, with Pillow
decoding and numpy resizing.

Writes into core/src/test/resources/dev/vecnn/data/images/:
  <case>.png / <case>.jpg   small images of every colour type vecnn converts, drawn from seeded
                            gradients and noise (Pillow writes them; the 16-bit RGB PNG, which
                            Pillow cannot write, is written by png_rgb16 below)
  expected.npz              for each case and fit (crop, pad): '<case>__<fit>', uint8 (3, 32, 32),
                            the red, green and blue planes vecnn must produce (within 1 level)

The reference, step by step (the same rules as ImagePreprocessing, written another way):
  8-bit RGB  Pillow decodes; grey is copied to R, G, B; 16-bit samples become round(v*255/65535)
             (half up) from the raw values (Pillow's own 16->8 conversion truncates, so the raw
             values are used: np.array of the "I;16" image, or the array the script wrote);
             palette and 1-bit images via convert("RGB"); alpha dropped; CMYK via convert("RGB")
  square     crop: the centred square of side min(w, h); pad: the image centred on black of side
             max(w, h); the square starts at floor((w - side) / 2)
  resize     area averaging by exact integration: the image is a step function, its running
             integral (np.cumsum) is piecewise linear, so the integral over an output pixel's
             interval [j*s, (j+1)*s) is a difference of np.interp values; divided by s, rows then
             columns, rounded half up
It also prints, for information, the largest difference from Pillow's Image.resize(BOX) of the
same square (Pillow's box filter counts whole pixels by their centres, not fractions of them, so
it differs where the scale is not an integer; for integer scales it is the same average).

Run: /path/to/venv/bin/python core/src/test/python/image_reference.py  (numpy and Pillow)
"""
import os
import struct
import zlib

import numpy as np
from PIL import Image

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "dev", "vecnn", "data", "images")
SIZE = 32
rng = np.random.RandomState(22)


def picture(w, h, channels):
    """Smooth gradients plus noise, values 0..1, shape (h, w, channels)."""
    y, x = np.mgrid[0:h, 0:w]
    planes = []
    for c in range(channels):
        fx, fy = rng.uniform(0.5, 3, 2)
        base = 0.5 + 0.35 * np.sin(fx * x / w * np.pi + c) * np.cos(fy * y / h * np.pi - c)
        planes.append(np.clip(base + 0.12 * rng.randn(h, w), 0, 1))
    return np.stack(planes, axis=2)


def png_rgb16(path, rgb16):
    """A 16-bit RGB PNG (colour type 2, bit depth 16), which Pillow cannot write."""
    h, w, _ = rgb16.shape
    raw = b"".join(b"\x00" + rgb16[y].astype(">u2").tobytes() for y in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def round_half_up(v):
    return np.floor(v + 0.5)


def level16(v):
    return ((v.astype(np.int64) * 255 * 2 + 65535) // (2 * 65535)).astype(np.uint8)


def make_cases():
    """Writes the images; returns {case: (file name, (h, w, 3) uint8 levels or None for 'decode with Pillow')}."""
    cases = {}

    def save(name, img, **kw):
        img.save(os.path.join(OUT, name), **kw)
        return name

    def u8(a):
        return (a * 255).round().astype(np.uint8)

    cases["rgb_45x37"] = (save("rgb_45x37.png", Image.fromarray(u8(picture(45, 37, 3)), "RGB")), None)
    cases["rgb_64x64"] = (save("rgb_64x64.png", Image.fromarray(u8(picture(64, 64, 3)), "RGB")), None)
    cases["rgb_32x32"] = (save("rgb_32x32.png", Image.fromarray(u8(picture(32, 32, 3)), "RGB")), None)
    cases["small_20x13"] = (save("small_20x13.png", Image.fromarray(u8(picture(20, 13, 3)), "RGB")), None)
    cases["grey_50x80"] = (save("grey_50x80.png", Image.fromarray(u8(picture(50, 80, 1))[:, :, 0], "L")), None)
    g16 = (picture(40, 33, 1)[:, :, 0] * 65535).round().astype(np.uint16)
    cases["grey16_40x33"] = (save("grey16_40x33.png", Image.fromarray(g16)), None)
    rgb16 = (picture(70, 50, 3) * 65535).round().astype(np.uint16)
    png_rgb16(os.path.join(OUT, "rgb16_70x50.png"), rgb16)
    cases["rgb16_70x50"] = ("rgb16_70x50.png", level16(rgb16))
    rgba = u8(picture(36, 36, 4))
    cases["rgba_36x36"] = (save("rgba_36x36.png", Image.fromarray(rgba, "RGBA")), None)
    la = u8(picture(33, 40, 2))
    cases["la_33x40"] = (save("la_33x40.png", Image.fromarray(la, "LA")), None)
    pal = Image.fromarray(u8(picture(48, 30, 3)), "RGB").quantize(colors=40, method=Image.Quantize.MEDIANCUT)
    cases["palette_48x30"] = (save("palette_48x30.png", pal), None)
    bw = Image.fromarray(u8(picture(40, 40, 1))[:, :, 0], "L").convert("1")
    cases["bw_40x40"] = (save("bw_40x40.png", bw), None)
    cases["rgb_60x44_jpeg"] = (save("rgb_60x44.jpg", Image.fromarray(u8(picture(60, 44, 3)), "RGB"), quality=95,
                                    subsampling=0), None)
    cases["grey_50x50_jpeg"] = (save("grey_50x50.jpg", Image.fromarray(u8(picture(50, 50, 1))[:, :, 0], "L"),
                                     quality=95), None)
    cases["cmyk_40x30_jpeg"] = (save("cmyk_40x30.jpg", Image.fromarray(u8(picture(40, 30, 4)), "CMYK"),
                                     quality=95), None)
    return cases


def levels(path):
    """8-bit RGB levels (h, w, 3) of an image file, as ImagePreprocessing documents them."""
    img = Image.open(path)
    img.load()
    if img.mode in ("I;16", "I;16B", "I"):
        a = np.array(img)
        return np.repeat(level16(a)[:, :, None], 3, axis=2)
    if img.mode == "L":
        return np.repeat(np.array(img)[:, :, None], 3, axis=2)
    if img.mode == "LA":
        return np.repeat(np.array(img)[:, :, :1], 3, axis=2)
    if img.mode == "RGBA":
        return np.array(img)[:, :, :3]
    return np.array(img.convert("RGB"))


def square(a, fit):
    h, w, _ = a.shape
    side = min(w, h) if fit == "crop" else max(w, h)
    x0 = (w - side) // 2
    y0 = (h - side) // 2
    out = np.zeros((side, side, 3), dtype=np.float64)
    for sy in range(side):
        for sx in range(side):
            y, x = y0 + sy, x0 + sx
            if 0 <= y < h and 0 <= x < w:
                out[sy, sx] = a[y, x]
    return out


def area_resize_axis(a, m, axis):
    """Area averaging along one axis by integrating the step function exactly."""
    a = np.moveaxis(a, axis, 0)
    n = a.shape[0]
    s = n / m
    running = np.concatenate([np.zeros((1,) + a.shape[1:]), np.cumsum(a, axis=0)], axis=0)
    edges = np.arange(m + 1) * s
    flat = running.reshape(n + 1, -1)
    at = np.stack([np.interp(edges, np.arange(n + 1), flat[:, k]) for k in range(flat.shape[1])], axis=1)
    out = (at[1:] - at[:-1]) / s
    return np.moveaxis(out.reshape((m,) + a.shape[1:]), 0, axis)


def preprocess(a, fit):
    sq = square(a, fit)
    r = area_resize_axis(area_resize_axis(sq, SIZE, 1), SIZE, 0)
    return np.clip(round_half_up(r), 0, 255).astype(np.uint8), sq


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {}
    for case, (name, known) in make_cases().items():
        a = known if known is not None else levels(os.path.join(OUT, name))
        for fit in ("crop", "pad"):
            out, sq = preprocess(a, fit)
            expected["%s__%s" % (case, fit)] = np.ascontiguousarray(out.transpose(2, 0, 1))
            box = np.array(Image.fromarray(sq.astype(np.uint8), "RGB").resize((SIZE, SIZE), Image.BOX)).astype(int)
            print("%-16s %-4s %4dx%-4d max |vecnn reference - Pillow BOX| = %d" % (
                case, fit, a.shape[1], a.shape[0], np.abs(out.astype(int) - box).max()))
    np.savez(os.path.join(OUT, "expected.npz"), **expected)


if __name__ == "__main__":
    main()
