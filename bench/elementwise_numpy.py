#!/usr/bin/env python3
"""The element-wise work of ReluBench, DropoutApplyBench and UpdatesBench in numpy, for a
side-by-side with the JMH figures (run it right after them, on the same machine).

Prints best-of-N milliseconds and GB/s (same byte counts as bench/elementwise_gbps.py) for:
copy (np.copyto), relu forward (np.maximum(0, x, out=y)), relu backward (dx = dout * (x > 0)),
dropout apply (np.multiply(x, mask, out); out *= scale) on a 4096 x 4096 float32/float64 array,
and optim.py's Adam on 1,541,510 float32 parameters.

Usage: python3 bench/elementwise_numpy.py [repeats]
"""
import sys
import time

try:
    import numpy as np
except ImportError:
    sys.exit("numpy not installed; skipping")


def best_ms(fn, repeats):
    fn()
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1e3


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    n = 4096 * 4096
    rng = np.random.default_rng(1)
    print(f"numpy {np.__version__}, best of {repeats}")
    print(f"{'work':<28} {'dtype':<8} {'ms':>8} {'GB/s':>6}")
    for dtype in (np.float32, np.float64):
        size = np.dtype(dtype).itemsize
        x = rng.standard_normal(n).astype(dtype)
        y = np.empty_like(x)
        dx = np.empty_like(x)
        mask = (rng.random(n) < 0.5).astype(dtype)
        scale = dtype(2.0)

        def backward():
            np.multiply(y, x > 0, out=dx)  # as the assignment: dout * (x > 0)

        def dropout():
            np.multiply(x, mask, out=y)
            np.multiply(y, scale, out=y)

        for name, fn, arrays in (("copy", lambda: np.copyto(y, x), 2),
                                 ("relu forward", lambda: np.maximum(0, x, out=y), 2),
                                 ("relu backward", backward, 3),
                                 ("dropout apply", dropout, 3)):
            ms = best_ms(fn, repeats)
            print(f"{name:<28} {np.dtype(dtype).name:<8} {ms:8.2f} {arrays * n * size / ms / 1e6:6.1f}")

    p = 3072 * 500 + 500 + 500 * 10 + 10
    w = (rng.standard_normal(p) * 1e-2).astype(np.float32)
    dw = (rng.standard_normal(p) * 1e-3).astype(np.float32)
    config = {"learning_rate": 1e-3, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8,
              "m": np.zeros_like(w), "v": np.zeros_like(w), "t": 0}

    def adam():
        nonlocal w
        config["t"] += 1
        config["m"] = config["beta1"] * config["m"] + (1 - config["beta1"]) * dw
        mt = config["m"] / (1 - config["beta1"] ** config["t"])
        config["v"] = config["beta2"] * config["v"] + (1 - config["beta2"]) * (dw ** 2)
        vt = config["v"] / (1 - config["beta2"] ** config["t"])
        w = w - config["learning_rate"] * mt / (np.sqrt(vt) + config["epsilon"])

    ms = best_ms(adam, repeats)
    print(f"{'adam (optim.py), 1.54M':<28} {'float32':<8} {ms:8.2f} {7 * p * 4 / ms / 1e6:6.1f}")


if __name__ == "__main__":
    main()
