#!/usr/bin/env python3
"""Reference streams from numpy's legacy RandomState for dev.vecnn.random.NumpyRandomTest.

Run from the repository root:  python3 core/src/test/python/numpy_random_reference.py
Writes core/src/test/resources/dev/vecnn/random/:

  legacy_<label>.txt   one "script" per seed: every line is
                           <op> <args...> : <values...>
                       executed in order on one RandomState, so the Java test replays the
                       same calls and compares every value. Doubles are written with
                       float.hex (exact), integers in decimal. Ops:
                         rand n | randn n | randn_scalar | normal loc scale n |
                         uniform low high n | randint low high n | randint_scalar low high |
                         choice n size replace(0|1) | permutation n | shuffle n (arange(n)) |
                         save (get_state) | restore (set_state of the last save) |
                         state (pos has_gauss gauss key[0..623])
  notebook_seed231.txt the dropout notebook's sequence: seed(231); x = randn(500, 500) + 10;
                       then (rand(500, 500) < p) for p = 0.25, 0.4, 0.7; prints the mean of x
                       and the fraction of zeros for each p.
  randn_seed231_250000.f64
                       the 250 000 values of np.random.seed(231); np.random.randn(500, 500),
                       raw little-endian float64 (used to count the Gaussians whose last bits
                       differ because Java's log is not glibc's log).
"""
import os
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "dev", "vecnn", "random")


def hx(values):
    return " ".join(float(v).hex() for v in np.ravel(values))


def ints(values):
    return " ".join(str(int(v)) for v in np.ravel(values))


def script(rs, lines):
    saved = None
    def emit(op, vals):
        lines.append(f"{op} : {vals}")
    # A fixed call pattern that exercises every method and the cached Gaussian.
    emit("randn 3", hx(rs.randn(3)))
    emit("rand 2", hx(rs.rand(2)))
    emit("randn 3", hx(rs.randn(3)))
    emit("randn_scalar", hx(rs.randn()))
    emit("state", state_line(rs))
    emit("randn 1", hx(rs.randn(1)))
    emit("state", state_line(rs))
    emit("rand 7", hx(rs.rand(7)))
    emit("normal 2.5 0.75 5", hx(rs.normal(2.5, 0.75, 5)))
    emit("uniform -3.0 7.0 5", hx(rs.uniform(-3.0, 7.0, 5)))
    emit("randint 0 10 20", ints(rs.randint(0, 10, 20)))
    emit("randint -5 5 20", ints(rs.randint(-5, 5, 20)))
    emit("randint 0 256 20", ints(rs.randint(0, 256, 20)))
    emit("randint 0 257 20", ints(rs.randint(0, 257, 20)))
    emit("randint 7 8 5", ints(rs.randint(7, 8, 5)))
    emit("randint 0 4294967295 10", ints(rs.randint(0, 2**32 - 1, 10)))
    emit("randint 0 4294967296 10", ints(rs.randint(0, 2**32, 10)))
    emit("randint 0 4294967297 10", ints(rs.randint(0, 2**32 + 1, 10)))
    emit("randint -4611686018427387904 4611686018427387904 10", ints(rs.randint(-2**62, 2**62, 10)))
    emit("randint -9223372036854775808 9223372036854775807 10",
         ints(rs.randint(-2**63, 2**63 - 1, 10)))
    emit("randint 1000 1000000 10", ints(rs.randint(1000, 1000000, 10)))
    emit("randint_scalar 0 49000", str(int(rs.randint(0, 49000))))
    emit("randint_scalar -100 100", str(int(rs.randint(-100, 100))))
    emit("choice 49000 200 1", ints(rs.choice(49000, 200)))
    emit("choice 10 10 0", ints(rs.choice(10, 10, replace=False)))
    emit("choice 1000 25 0", ints(rs.choice(1000, 25, replace=False)))
    emit("choice 5 8 1", ints(rs.choice(5, 8, replace=True)))
    emit("permutation 1", ints(rs.permutation(1)))
    emit("permutation 2", ints(rs.permutation(2)))
    emit("permutation 17", ints(rs.permutation(17)))
    a = np.arange(33)
    rs.shuffle(a)
    emit("shuffle 33", ints(a))
    emit("randn 5", hx(rs.randn(5)))
    emit("save", "")
    saved = rs.get_state()
    first = (rs.rand(3), rs.randn(3), rs.randint(0, 100, 3))
    emit("rand 3", hx(first[0]))
    emit("randn 3", hx(first[1]))
    emit("randint 0 100 3", ints(first[2]))
    emit("restore", "")
    rs.set_state(saved)
    again = (rs.rand(3), rs.randn(3), rs.randint(0, 100, 3))
    assert all(np.array_equal(x, y) for x, y in zip(first, again))
    emit("rand 3", hx(again[0]))
    emit("randn 3", hx(again[1]))
    emit("randint 0 100 3", ints(again[2]))
    # Crosses the 624-word refill boundary several times.
    emit("rand 1000", hx(rs.rand(1000)))
    emit("randn 1001", hx(rs.randn(1001)))
    emit("state", state_line(rs))


def state_line(rs):
    name, key, pos, has_gauss, gauss = rs.get_state()
    assert name == "MT19937"
    return f"{pos} {has_gauss} {float(gauss).hex()} " + ints(key)


def main():
    os.makedirs(OUT, exist_ok=True)
    seeds = {
        "seed_0": 0,
        "seed_1": 1,
        "seed_123": 123,
        "seed_231": 231,
        "seed_4294967295": 2**32 - 1,
        "array_1_2_3": np.array([1, 2, 3]),
        "array_0": np.array([0]),
        "array_4294967295_0_12345": np.array([2**32 - 1, 0, 12345]),
        "array_700": (np.arange(700, dtype=np.int64) * 2654435761) % 2**32,
    }
    for label, seed in seeds.items():
        rs = np.random.RandomState(seed)
        if isinstance(seed, np.ndarray):
            header = "seed_array " + ints(seed)
        else:
            header = f"seed {seed}"
        lines = [f"# numpy {np.__version__} RandomState, written by src/test/python/numpy_random_reference.py",
                 header]
        lines.append("state : " + state_line(rs))
        script(rs, lines)
        write(f"legacy_{label}.txt", "\n".join(lines) + "\n")

    # The notebook's own sequence on the global state.
    np.random.seed(231)
    x = np.random.randn(500, 500) + 10
    lines = [f"# numpy {np.__version__}: np.random.seed(231); x = np.random.randn(500, 500) + 10; "
             "then mask = np.random.rand(500, 500) < p for each p",
             f"mean_x {float(x.mean())!r} {float(x.mean()).hex()}"]
    for p in [0.25, 0.4, 0.7]:
        mask = (np.random.rand(*x.shape) < p) / p
        out = x * mask
        lines.append(f"p {p!r} zero_fraction {float((out == 0).mean())!r} out_mean {float(out.mean())!r} "
                     f"{float(out.mean()).hex()}")
    write("notebook_seed231.txt", "\n".join(lines) + "\n")

    np.random.seed(231)
    block = np.random.randn(500, 500)
    path = os.path.join(OUT, "randn_seed231_250000.f64")
    tmp = path + ".tmp"
    block.astype("<f8").tofile(tmp)
    os.replace(tmp, path)


def write(name, text):
    path = os.path.join(OUT, name)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


if __name__ == "__main__":
    main()
