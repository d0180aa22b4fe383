#!/usr/bin/env python3
"""Writes the consumer's checkpoint and examples with numpy alone (no vecnn involved), so the
consumer proves that numpy-written .npz files load.

  model.npz     W1, b1, gamma1, beta1, running_mean1, running_var1, W2, ..., W3, b3 (float32):
                a 20 -> 16 -> 12 -> 4 net with batchnorm, the assignment's parameter names and
                running statistics named running_mean<k> / running_var<k>.
  examples.npz  X (24, 20) float32 (6 per class), y (24,) int64 the labels numpy predicts, scores (24, 4)
                float64 numpy's class scores (float64 forward pass of the float32 weights).

The forward pass is the assignment's test mode: {affine - batchnorm - relu} x 2 - affine.
Examples whose top two scores are closer than 1e-2 are redrawn, so float32 rounding in any
order cannot change a label. Run: python3 consumer/make_model.py (rewrites both files).
"""
import os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "src", "main", "resources")
DIMS = [20, 16, 12, 4]
EPS = 1e-5

rng = np.random.RandomState(231)
params = {}
for k in range(1, len(DIMS)):
    fan_in, fan_out = DIMS[k - 1], DIMS[k]
    params["W%d" % k] = (rng.randn(fan_in, fan_out) / np.sqrt(fan_in)).astype(np.float32)
    params["b%d" % k] = (0.1 * rng.randn(fan_out)).astype(np.float32)
    if k < len(DIMS) - 1:
        params["gamma%d" % k] = (1 + 0.2 * rng.randn(fan_out)).astype(np.float32)
        params["beta%d" % k] = (0.2 * rng.randn(fan_out)).astype(np.float32)
        params["running_mean%d" % k] = (0.3 * rng.randn(fan_out)).astype(np.float32)
        params["running_var%d" % k] = (0.5 + rng.rand(fan_out)).astype(np.float32)


def scores(X):
    h = X.astype(np.float64)
    layers = len(DIMS) - 1
    for k in range(1, layers + 1):
        p = {n: v.astype(np.float64) for n, v in params.items()}
        h = h.dot(p["W%d" % k]) + p["b%d" % k]
        if k < layers:
            x_hat = (h - p["running_mean%d" % k]) / np.sqrt(p["running_var%d" % k] + EPS)
            h = np.maximum(0, p["gamma%d" % k] * x_hat + p["beta%d" % k])
    return h


PER_CLASS = 6
X = {c: [] for c in range(DIMS[-1])}
while min(len(v) for v in X.values()) < PER_CLASS:
    x = (2 * rng.randn(DIMS[0])).astype(np.float32)
    s = scores(x[None, :])[0]
    top = np.sort(s)
    c = int(np.argmax(s))
    if top[-1] - top[-2] >= 1e-2 and len(X[c]) < PER_CLASS:
        X[c].append(x)
order = rng.permutation(PER_CLASS * DIMS[-1])
X = np.stack([x for c in range(DIMS[-1]) for x in X[c]])[order]
S = scores(X)
y = np.argmax(S, axis=1).astype(np.int64)

os.makedirs(OUT, exist_ok=True)
np.savez(os.path.join(OUT, "model.npz"), **params)
np.savez(os.path.join(OUT, "examples.npz"), X=X, y=y, scores=S)
print("labels:", " ".join(str(v) for v in y))


# ---- an image classifier as a vecnn model file, and a PNG for it (numpy and zlib only) ----
# colours.npz: a vecnn model file (the layout of dev.vecnn.model.ModelFile: vecnn_model_version,
# vecnn_model_json, W1, b1, mean_image, class_names) of a 3072 -> 3 softmax classifier whose
# class c (red, green, blue) scores the mean of colour plane c minus 128, over 16. The consumer
# loads it as a class-path resource and classifies orange.png (48 x 40, an orange picture with
# noise) with it. Written here so that the file format is shown to be numpy-writable.
import json
import struct
import zlib

names = ["red", "green", "blue"]
W = np.zeros((3072, 3), dtype=np.float32)
for c in range(3):
    W[c * 1024:(c + 1) * 1024, c] = 1.0 / (1024 * 16)
arch = {"input_dim": 3072, "hidden_dims": [], "num_classes": 3, "dtype": "float32", "normalization": "none",
        "norm_eps": 1e-05, "norm_momentum": 0.9, "dropout_keep_p": 1.0, "dropout_mode": "inverted",
        "dropout_seed": None, "mask_source": "numpy", "reg": 0.0}
np.savez(os.path.join(OUT, "colours.npz"),
         vecnn_model_version=np.array(1, dtype=np.int64),
         vecnn_model_json=np.frombuffer(json.dumps(arch).encode(), dtype=np.uint8),
         W1=W, b1=np.zeros(3, dtype=np.float32),
         mean_image=np.full(3072, 128.0),
         class_names=np.frombuffer(json.dumps(names).encode(), dtype=np.uint8))

h, w = 40, 48
pixels = np.clip(np.array([200, 150, 60]) + 25 * rng.randn(h, w, 3), 0, 255).astype(np.uint8)
raw = b"".join(b"\x00" + pixels[y].tobytes() for y in range(h))


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


with open(os.path.join(OUT, "orange.png"), "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
