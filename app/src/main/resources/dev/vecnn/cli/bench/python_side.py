# vecnn bench: the same GEMMs in numpy and PyTorch, for a side-by-side table.
# Run by `vecnn bench` with: python3 python_side.py SECONDS THREADS SHAPE...
# Prints one JSON object per line: {"lib", "dtype", "shape", "threads", "median_s", "best_s"}.
# A library that is not installed is reported as {"lib": ..., "skipped": reason}.
import ctypes, glob, json, os, sys, time

seconds = float(sys.argv[1])
all_threads = int(sys.argv[2])
shapes = sys.argv[3:]


def parse(shape):
    ops, dims = shape.split("_")
    m, k, n = (int(x) for x in dims.split("x"))
    return ops[0] == "T", ops[1] == "T", m, k, n


def timed(fn, seconds, threads):
    # One thread: the thread's CPU time, as vecnn bench times its one-thread rows (on a shared
    # machine the wall clock counts the wait for a core); more threads: the wall clock.
    clock = time.thread_time if threads == 1 else time.perf_counter
    for _ in range(3):
        fn()
    samples = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(samples) < 3:
        reps = 0
        t0, c0 = time.perf_counter(), clock()
        while reps < 2 or time.perf_counter() - t0 < 0.02:
            fn()
            reps += 1
        samples.append((clock() - c0) / reps)
    samples.sort()
    return samples[len(samples) // 2], samples[0]


def openblas_threads(np):
    """A function that sets numpy's OpenBLAS thread count, or None."""
    libdir = os.path.dirname(np.__file__) + ".libs"
    for path in glob.glob(os.path.join(libdir, "lib*openblas*.so*")):
        lib = ctypes.CDLL(path)
        for name in ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                     "openblas_set_num_threads64_", "openblas_set_num_threads"):
            if hasattr(lib, name):
                return getattr(lib, name)
    return None


def emit(**kw):
    print(json.dumps(kw), flush=True)


try:
    import numpy as np
except ImportError as e:
    emit(lib="numpy", skipped="not installed (%s)" % e)
    np = None

if np is not None:
    setter = openblas_threads(np)
    counts = [1, all_threads] if setter is not None and all_threads > 1 else [0]
    for threads in counts:
        if setter is not None and threads:
            setter(threads)
        for shape in shapes:
            ta, tb, m, k, n = parse(shape)
            for dtype in ("float32", "float64"):
                rng = np.random.default_rng(42)
                a = rng.standard_normal((k, m) if ta else (m, k)).astype(dtype)
                b = rng.standard_normal((n, k) if tb else (k, n)).astype(dtype)
                opa, opb = (a.T if ta else a), (b.T if tb else b)
                c = np.empty((m, n), dtype=dtype)
                med, best = timed(lambda: np.matmul(opa, opb, out=c), seconds, threads)
                emit(lib="numpy", dtype=dtype, shape=shape, threads=threads, median_s=med, best_s=best)

try:
    import torch
except ImportError as e:
    emit(lib="torch", skipped="not installed (%s)" % e)
    torch = None

if torch is not None:
    for threads in sorted({1, all_threads}):
        torch.set_num_threads(threads)
        for shape in shapes:
            ta, tb, m, k, n = parse(shape)
            for dtype in (torch.float32, torch.float64):
                g = torch.Generator().manual_seed(42)
                a = torch.randn((k, m) if ta else (m, k), generator=g, dtype=dtype)
                b = torch.randn((n, k) if tb else (k, n), generator=g, dtype=dtype)
                opa, opb = (a.t() if ta else a), (b.t() if tb else b)
                c = torch.empty((m, n), dtype=dtype)
                med, best = timed(lambda: torch.matmul(opa, opb, out=c), seconds, threads)
                emit(lib="torch", dtype=str(dtype).replace("torch.", ""), shape=shape, threads=threads,
                     median_s=med, best_s=best)
