#!/usr/bin/env python3
"""Reference files for dev.vecnn.infer.NpzModelsTest, written by numpy alone.

Each model file holds the assignment's parameter names (W1, b1, ..., gamma<k>, beta<k>, and for
batchnorm running_mean<k> / running_var<k>); the matching *_expected.npz holds inputs X and
numpy's test-mode class scores (float64 arithmetic on the stored weights), computed with the
assignment's code: affine_forward, batchnorm_forward (mode 'test'), layernorm_forward,
relu_forward, dropout_forward (mode 'test': identity for inverted dropout, x * p for vanilla).

  plain_f32.npz            np.savez, float32, 3072 -> 8 -> 10 (the seed net's input size)
  batchnorm_f64.npz        np.savez, float64, 12 -> 9 -> 7 -> 5, batchnorm
  layernorm_f32_z.npz      np.savez_compressed (deflated entries), float32, 12 -> 9 -> 7 -> 5
  checkpoint_f32.npz       like an experiment checkpoint: params plus Adam state (m_W1, ...),
                           solver scalars (t, epoch) and a 0-d 'beta1' (Adam's hyperparameter)
  vanilla_f32.npz          plain net trained with vanilla dropout, keep p = 0.5 (the caller says so)
  cli_checkpoint_bn.npz    the layout of the experiment's checkpoints (dev.vecnn.cli.Checkpoint):
                           W<k>, b<k>, gamma<k>, beta<k>, running statistics as bn<k>_running_mean
                           / bn<k>_running_var, best_* parameters (a different net: its expected
                           scores are in cli_checkpoint_bn_best_expected.npz), optim_*, solver_*,
                           vecnn_args (uint8 text)

Run: python3 core/src/test/python/infer_fixtures.py (rewrites core/src/test/resources/infer/).
"""
import os
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "infer")
EPS = 1e-5


def make_params(rng, dims, dtype, norm):
    p = {}
    for k in range(1, len(dims)):
        p["W%d" % k] = (rng.randn(dims[k - 1], dims[k]) / np.sqrt(dims[k - 1])).astype(dtype)
        p["b%d" % k] = (0.1 * rng.randn(dims[k])).astype(dtype)
        if k < len(dims) - 1 and norm != "none":
            p["gamma%d" % k] = (1 + 0.2 * rng.randn(dims[k])).astype(dtype)
            p["beta%d" % k] = (0.2 * rng.randn(dims[k])).astype(dtype)
            if norm == "batchnorm":
                p["running_mean%d" % k] = (0.3 * rng.randn(dims[k])).astype(dtype)
                p["running_var%d" % k] = (0.5 + rng.rand(dims[k])).astype(dtype)
    return p


def scores(p, X, layers, norm, hidden_scale=1.0):
    p = {n: v.astype(np.float64) for n, v in p.items()}
    h = X.astype(np.float64)
    for k in range(1, layers + 1):
        h = h.dot(p["W%d" % k]) + p["b%d" % k]  # affine_forward
        if k < layers:
            if norm == "batchnorm":  # batchnorm_forward, test mode
                h = (h - p["running_mean%d" % k]) / np.sqrt(p["running_var%d" % k] + EPS)
                h = p["gamma%d" % k] * h + p["beta%d" % k]
            elif norm == "layernorm":  # layernorm_forward
                mu = h.mean(axis=1, keepdims=True)
                var = h.var(axis=1, keepdims=True)
                h = p["gamma%d" % k] * ((h - mu) / np.sqrt(var + EPS)) + p["beta%d" % k]
            h = np.maximum(0, h) * hidden_scale  # relu_forward, dropout_forward test mode
    return h


def write(name, params, dims, norm, n, rng, compressed=False, extra=None, hidden_scale=1.0,
          dtype=np.float32):
    X = rng.randn(n, dims[0]).astype(dtype)
    S = scores(params, X, len(dims) - 1, norm, hidden_scale)
    arrays = dict(params)
    if extra:
        arrays.update(extra)
    save = np.savez_compressed if compressed else np.savez
    save(os.path.join(OUT, name + ".npz"), **arrays)
    np.savez(os.path.join(OUT, name + "_expected.npz"), X=X, scores=S,
             labels=np.argmax(S, axis=1).astype(np.int64))


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.RandomState(7)
    dims = [3072, 8, 10]
    write("plain_f32", make_params(rng, dims, np.float32, "none"), dims, "none", 3, rng)
    dims = [12, 9, 7, 5]
    write("batchnorm_f64", make_params(rng, dims, np.float64, "batchnorm"), dims, "batchnorm", 8,
          rng, dtype=np.float64)
    write("layernorm_f32_z", make_params(rng, dims, np.float32, "layernorm"), dims, "layernorm", 8,
          rng, compressed=True)
    dims = [12, 9, 5]
    p = make_params(rng, dims, np.float32, "none")
    extra = {}
    for n, v in p.items():
        extra["m_" + n] = np.zeros_like(v)
        extra["v_" + n] = np.ones_like(v)
    extra.update(t=np.array(40, dtype=np.int64), epoch=np.array(3, dtype=np.int64),
                 beta1=np.array(0.9), beta2=np.array(0.999), learning_rate=np.array(5e-4))
    write("checkpoint_f32", p, dims, "none", 8, rng, extra=extra)
    write("vanilla_f32", make_params(rng, dims, np.float32, "none"), dims, "none", 8, rng,
          hidden_scale=0.5)

    # the experiment's checkpoint layout
    dims = [12, 9, 7, 5]
    p = make_params(rng, dims, np.float32, "batchnorm")
    best = make_params(rng, dims, np.float32, "batchnorm")
    extra = {}
    for k in (1, 2):  # running statistics live under bn<k>_ names; the best net shares them
        for stat in ("mean", "var"):
            extra["bn%d_running_%s" % (k, stat)] = p.pop("running_%s%d" % (stat, k))
            best["running_%s%d" % (stat, k)] = extra["bn%d_running_%s" % (k, stat)]
    for n, v in best.items():
        if not n.startswith("running_"):
            extra["best_" + n] = v
    for n, v in p.items():
        extra["optim_%s_learning_rate" % n] = np.array(5e-4)
        extra["optim_%s_beta1" % n] = np.array(0.9)
        extra["optim_%s_m" % n] = np.zeros_like(v)
        extra["optim_%s_t" % n] = np.array(40.0)
    extra.update(solver_iteration=np.array(40, dtype=np.int64), solver_epoch=np.array(2, dtype=np.int64),
                 loss_history=np.linspace(2.3, 1.9, 40),
                 vecnn_args=np.frombuffer(b"train\n--normalization\nbatchnorm", dtype=np.uint8),
                 vecnn_checkpoint_version=np.array(1, dtype=np.int64))
    full = dict(p)
    for k in (1, 2):
        for stat in ("mean", "var"):
            full["running_%s%d" % (stat, k)] = extra["bn%d_running_%s" % (k, stat)]
    X = rng.randn(8, dims[0]).astype(np.float32)
    np.savez(os.path.join(OUT, "cli_checkpoint_bn.npz"), **p, **extra)
    for name, params in (("cli_checkpoint_bn", full), ("cli_checkpoint_bn_best", best)):
        S = scores(params, X, len(dims) - 1, "batchnorm")
        np.savez(os.path.join(OUT, name + "_expected.npz"), X=X, scores=S,
                 labels=np.argmax(S, axis=1).astype(np.int64))


if __name__ == "__main__":
    main()
