#!/usr/bin/env python3
"""numpy side of DropoutMaskBench / RandomBench: the assignment's dropout, forward + backward,
on a 4096 x 4096 array, and numpy's legacy generator throughput (np.random.rand/randn).

    python3 bench/dropout_numpy.py

Prints ns per element (dropout) and M values/s (generators), best of several runs.
(On machines where OPENBLAS_CORETYPE is set, it does not matter here: no BLAS call.)
"""
import time
import numpy as np


def best(fn, repeat=5):
    """Best wall time and best process CPU time of repeat calls (CPU time: the cost of the work
    itself on a machine shared with other jobs; numpy runs these on one thread)."""
    walls, cpus = [], []
    for _ in range(repeat):
        c = time.process_time()
        t = time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)


def main():
    np.random.seed(231)
    n = 4096
    p = 0.5
    for dtype in (np.float32, np.float64):
        x = np.random.randn(n, n).astype(dtype)
        dout = np.random.randn(n, n).astype(dtype)

        def forward_backward():
            mask = (np.random.rand(*x.shape) < p) / p
            out = x * mask
            dx = dout * mask
            return out, dx

        def forward_backward_float_mask():
            # same, with the mask kept in x's dtype (what a float32 port would store)
            mask = ((np.random.rand(*x.shape) < p) / p).astype(dtype)
            out = x * mask
            dx = dout * mask
            return out, dx

        (w, c) = best(forward_backward)
        (w2, c2) = best(forward_backward_float_mask)
        print(f"numpy dropout fwd+bwd {np.dtype(dtype).name} {n}x{n}: wall {w * 1e9 / (n * n):.2f} ns/element, "
              f"cpu {c * 1e9 / (n * n):.2f} ns/element (mask cast to {np.dtype(dtype).name}: wall "
              f"{w2 * 1e9 / (n * n):.2f}, cpu {c2 * 1e9 / (n * n):.2f})")

    m = 10**7
    for name, fn, unit in [("np.random.rand(10**7)", lambda: np.random.rand(m), "M doubles/s"),
                           ("np.random.randn(10**7)", lambda: np.random.randn(m), "M doubles/s"),
                           ("np.random.randint(0, 49000, 10**7)", lambda: np.random.randint(0, 49000, m), "M values/s"),
                           ("np.random.permutation(10**7)", lambda: np.random.permutation(m), "M values/s")]:
        (w, c) = best(fn)
        print(f"numpy {name}: wall {m / w / 1e6:.0f} {unit}, cpu {m / c / 1e6:.0f} {unit}")


if __name__ == "__main__":
    main()
