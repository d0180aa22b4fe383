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
