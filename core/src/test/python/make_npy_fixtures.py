#!/usr/bin/env python3
"""Writes the .npy / .npz / .tar.gz fixtures the dev.vecnn.data tests read.

Run from the repository root:  python3 core/src/test/python/make_npy_fixtures.py
Output: core/src/test/resources/dev/vecnn/data/ (small files, committed).

Every array's values follow a formula the Java tests recompute independently:
  value(i) = (i - 3) * 0.25   for floats       (exact in float32 and float64)
  value(i) = (i - 3) * 1000003 for ints        (int64 variant multiplied by 2**33 as well)
  value(i) = (i * 37) % 256   for uint8
  value(i) = i % 3 == 0       for bool
where i is the C-order element index.
"""
import io
import os
import tarfile

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "dev", "vecnn", "data")
os.makedirs(OUT, exist_ok=True)


def values(dtype, shape):
    n = int(np.prod(shape, dtype=np.int64))
    i = np.arange(n, dtype=np.int64)
    if dtype in ("<f4", "<f8"):
        v = (i - 3) * 0.25
    elif dtype == "<i4":
        v = (i - 3) * 1000003
    elif dtype == "<i8":
        v = (i - 3) * 1000003 * (2 ** 33)
    elif dtype == "|u1":
        v = (i * 37) % 256
    elif dtype == "|b1":
        v = i % 3 == 0
    return v.astype(np.dtype(dtype)).reshape(shape)


SHAPES = {"2x3": (2, 3), "scalar": (), "empty": (0,), "3x1x2": (3, 1, 2), "vec70": (70,)}
NAMES = {"<f4": "f4", "<f8": "f8", "<i4": "i4", "<i8": "i8", "|u1": "u1", "|b1": "b1"}

for dtype, short in NAMES.items():
    for sname, shape in SHAPES.items():
        np.save(os.path.join(OUT, f"{short}_{sname}.npy"), values(dtype, shape))

# Format 2.0 header (numpy writes it only for huge headers; force it here).
with open(os.path.join(OUT, "f8_2x3_v2.npy"), "wb") as f:
    np.lib.format.write_array(f, values("<f8", (2, 3)), version=(2, 0))

# Special float values: nan, +inf, -inf, -0.0, smallest subnormal, max.
np.save(os.path.join(OUT, "f4_special.npy"),
        np.array([np.nan, np.inf, -np.inf, -0.0, np.float32(1.4e-45), np.finfo(np.float32).max], dtype="<f4"))
np.save(os.path.join(OUT, "f8_special.npy"),
        np.array([np.nan, np.inf, -np.inf, -0.0, 5e-324, np.finfo(np.float64).max], dtype="<f8"))

# Things the reader must reject.
np.save(os.path.join(OUT, "reject_fortran.npy"), np.asfortranarray(values("<f8", (2, 3))))
np.save(os.path.join(OUT, "reject_bigendian.npy"), values("<f4", (2, 3)).astype(">f4"))
np.save(os.path.join(OUT, "reject_complex.npy"), np.zeros(3, dtype=np.complex64))

# .npz: np.savez (stored) and np.savez_compressed (deflated), with the assignment's names.
arrays = {"W1": values("<f8", (3, 4)), "b1": values("<f8", (4,)), "y": values("<i8", (5,)),
          "mask": values("|b1", (2, 3)), "img": values("|u1", (2, 3, 4)), "W2": values("<f4", (4, 2))}
np.savez(os.path.join(OUT, "stored.npz"), **arrays)
np.savez_compressed(os.path.join(OUT, "compressed.npz"), **arrays)

# A tiny CIFAR-10-shaped archive written by Python's tarfile in PAX format, with a directory
# entry, a readme.html, and the batches nested under a path longer than 100 characters (so the
# names need pax 'path' records). Records: 2 per batch; label of training record g is g % 10,
# of test record t is (t + 5) % 10; pixel j of training record g is (g * 7 + j) % 256, of test
# record t is (t * 11 + j * 3) % 256.
def record(label, pixel):
    return bytes([label]) + bytes(pixel(j) for j in range(3072))


prefix = "x" * 60 + "/" + "y" * 50 + "/cifar-10-batches-bin"
files = {"batches.meta.txt": "".join(n + "\n" for n in
         ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]).encode()}
for b in range(5):
    data = b""
    for r in range(2):
        g = b * 2 + r
        data += record(g % 10, lambda j, g=g: (g * 7 + j) % 256)
    files[f"data_batch_{b + 1}.bin"] = data
files["test_batch.bin"] = b"".join(record((t + 5) % 10, lambda j, t=t: (t * 11 + j * 3) % 256) for t in range(2))
files["readme.html"] = b"<html>not data</html>"

buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
    info = tarfile.TarInfo(prefix)
    info.type = tarfile.DIRTYPE
    info.mtime = 0
    tar.addfile(info)
    for name in sorted(files):
        info = tarfile.TarInfo(prefix + "/" + name)
        info.size = len(files[name])
        info.mtime = 0
        tar.addfile(info, io.BytesIO(files[name]))
import gzip
with open(os.path.join(OUT, "cifar_pax_tiny.tar.gz"), "wb") as f:
    f.write(gzip.compress(buf.getvalue(), mtime=0))

print("fixtures written to", os.path.normpath(OUT))
