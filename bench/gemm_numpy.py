#!/usr/bin/env python3
"""Times the GemmBench GEMMs with numpy and prints vecnn/numpy ratios.

Reads the JMH JSON written by GemmBench (-rf json -rff FILE), times the same products with
numpy in this process (OpenBLAS, 1 and 2 threads), and prints GFLOP/s side by side:

    python3 bench/gemm_numpy.py bench/results/gemm-jdk25.json [more.json ...]

With --run JAVA, it first runs the benchmark itself with that java (so the JMH and numpy
figures come from one run), e.g.

    python3 bench/gemm_numpy.py --run /usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/results/gemm-jdk25.json

Shapes are GemmBench's: <opA><opB>_<m>x<k>x<n>, op(A) is m x k, op(B) is k x n.
Skips politely when numpy is missing.

--isa native|avx2|avx (default: native, the machine's own) pairs numpy's OpenBLAS kernel with the
JVM's instruction set for --run (bench/isa.sh: avx2 = OPENBLAS_CORETYPE=Haswell with
-XX:UseAVX=2). For --cpu-time, run GemmCpuTime under the same ISA (bench/README.md).
"""
import argparse
import ctypes
import glob
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import isa_switch  # noqa: E402

SHAPES = ["NN_100x3072x500", "TN_3072x100x500", "NT_100x500x3072", "NN_100x500x10", "NN_500x3072x500",
          "NN_1000x3072x500", "NN_1024x1024x1024"]


def parse_shape(shape):
    ops, dims = shape.split("_")
    m, k, n = (int(x) for x in dims.split("x"))
    return ops[0] == "T", ops[1] == "T", m, k, n


def openblas():
    """ctypes handle on numpy's bundled OpenBLAS (scipy-openblas wheels), or None."""
    import numpy as np
    libdir = os.path.dirname(np.__file__) + ".libs"
    for path in glob.glob(os.path.join(libdir, "libscipy_openblas*.so*")):
        lib = ctypes.CDLL(path)
        for prefix in ("scipy_openblas_", "openblas_"):
            for suffix in ("64_", ""):
                if hasattr(lib, prefix + "get_corename" + suffix):
                    return lib, prefix, suffix
    return None


def blas_call(handle, name, *args, restype=None):
    lib, prefix, suffix = handle
    fn = getattr(lib, prefix + name + suffix)
    fn.restype = restype
    return fn(*args)


def time_numpy(np, shape, dtype, seconds=1.0):
    transA, transB, m, k, n = parse_shape(shape)
    rng = np.random.default_rng(42)
    a = rng.standard_normal((k, m) if transA else (m, k)).astype(dtype)
    b = rng.standard_normal((n, k) if transB else (k, n)).astype(dtype)
    opa = a.T if transA else a
    opb = b.T if transB else b
    c = np.empty((m, n), dtype=dtype)
    for _ in range(3):
        np.matmul(opa, opb, out=c)
    best = float("inf")
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        reps = 0
        t0 = time.perf_counter()
        while reps < 5 or time.perf_counter() - t0 < 0.05:
            np.matmul(opa, opb, out=c)
            reps += 1
        best = min(best, (time.perf_counter() - t0) / reps)
    return 2.0 * m * n * k / best / 1e9


def cpu_time_numpy(np, shape, dtype, seconds=2.0):
    """GFLOP per CPU-second of this thread (OpenBLAS must be on one thread)."""
    transA, transB, m, k, n = parse_shape(shape)
    rng = np.random.default_rng(42)
    a = rng.standard_normal((k, m) if transA else (m, k)).astype(dtype)
    b = rng.standard_normal((n, k) if transB else (k, n)).astype(dtype)
    opa, opb = (a.T if transA else a), (b.T if transB else b)
    c = np.empty((m, n), dtype=dtype)
    # the thread clock is a system call (about 1.5 us here): read it about every 10 MFLOP, as
    # GemmCpuTime does, not after every call of a 1-MFLOP product
    per_clock_read = max(1, int(1e7 / (2.0 * m * n * k)))
    best = 0.0
    for rnd in range(3):  # round 0 warms up
        calls, t0 = 0, time.thread_time()
        while time.thread_time() - t0 < seconds / 2:
            for _ in range(per_clock_read):
                np.matmul(opa, opb, out=c)
            calls += per_clock_read
        if rnd:
            best = max(best, 2.0 * m * n * k * calls / (time.thread_time() - t0) / 1e9)
    return best


def compare_cpu_time(np, handle, path):
    if handle:
        blas_call(handle, "set_num_threads", ctypes.c_int(1))
    vec = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 4 and parts[0] == "cpu":
                vec[(parts[1], parts[2])] = float(parts[3])
    print("single thread, GFLOP per CPU-second of the computing thread (robust to other load)")
    print("%-8s %-18s %9s %9s %6s" % ("dtype", "shape", "numpy", "vecnn", "ratio"))
    for dtype in ("float32", "float64"):
        for shape in SHAPES:
            npg = cpu_time_numpy(np, shape, getattr(np, dtype))
            v = vec.get((dtype, shape))
            print("%-8s %-18s %9.1f %9s %6s" % (dtype, shape, npg, "%.1f" % v if v else "-",
                                                "%.2f" % (v / npg) if v else "-"))
    print()


def load_jmh(paths):
    """{(dtype, shape, impl, threads): GFLOP/s} and the JDK description, from JMH JSON files."""
    results, jdks = {}, set()
    for path in paths:
        with open(path) as f:
            for run in json.load(f):
                bench = run["benchmark"].rsplit(".", 1)[-1]
                if bench not in ("sgemm", "dgemm"):
                    continue
                p = run["params"]
                _, _, m, k, n = parse_shape(p["shape"])
                metric = run["primaryMetric"]
                raw = [x for fork in metric.get("rawData", []) for x in fork]
                us = min(raw) if raw else metric["score"]  # best iteration: this machine is shared
                if metric["scoreUnit"] != "us/op":
                    raise SystemExit("expected us/op in " + path)
                dtype = "float32" if bench == "sgemm" else "float64"
                results[(dtype, p["shape"], p["impl"], int(p["threads"]))] = 2.0 * m * n * k / (us * 1e-6) / 1e9
                jdks.add(run.get("jdkVersion", "?") + " " + run.get("vmName", ""))
    return results, jdks


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("json", nargs="*", help="JMH JSON result file(s) of GemmBench")
    ap.add_argument("--run", metavar="JAVA", help="run GemmBench first with this java, writing the first JSON file")
    ap.add_argument("--jar", default="bench/target/benchmarks.jar")
    ap.add_argument("--jmh-args", default="-wi 2 -i 3 -f 1 -w 1 -r 1", help="JMH options for --run")
    ap.add_argument("--threads", default="1,2", help="numpy thread counts to time")
    ap.add_argument("--isa", default=None, help="native (default), avx2 or avx: bench/isa.sh")
    ap.add_argument("--cpu-time", metavar="FILE",
                    help="compare single-thread GFLOP per CPU-second with the output of GemmCpuTime in FILE")
    argv = sys.argv[1:]
    isa = isa_switch.take(argv, __file__)  # may re-run this script under bench/isa.sh; before numpy loads
    args = ap.parse_args(argv)
    args.isa = isa

    if args.run:
        cmd = [args.run, "--add-modules", "jdk.incubator.vector", "-jar", args.jar, "GemmBench",
               *args.jmh_args.split(), "-rf", "json", "-rff", args.json[0]]
        print("$ " + " ".join(cmd), flush=True)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

    try:
        import numpy as np
    except ImportError:
        print("numpy is not installed: skipping the numpy comparison")
        return 0

    runs = []  # one (label, results) per JMH file, e.g. one per JDK
    for path in args.json:
        results, jdks = load_jmh([path])
        label = "jdk" + "/".join(sorted(j.split(".")[0] for j in jdks)) if jdks else os.path.basename(path)
        runs.append((label, results, path, jdks))
    handle = openblas()
    print("numpy", np.__version__, "| ISA:", args.isa)
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS"):
        if var in os.environ:
            print("  note: %s=%s is set" % (var, os.environ[var]))
    if handle:
        print("  OpenBLAS:", blas_call(handle, "get_config", restype=ctypes.c_char_p).decode(),
              "| kernel:", blas_call(handle, "get_corename", restype=ctypes.c_char_p).decode())
    try:
        import threadpoolctl
        for info in threadpoolctl.threadpool_info():
            print("  threadpoolctl:", info.get("internal_api"), info.get("architecture"), info.get("num_threads"))
    except ImportError:
        pass
    for label, _, path, jdks in runs:
        print("vecnn %s: %s (%s)" % (label, ", ".join(sorted(jdks)) or "no GemmBench results", path))
    print()

    if args.cpu_time:
        compare_cpu_time(np, handle, args.cpu_time)

    if not runs:
        return 0
    numpy_gf = {}
    for t in (int(x) for x in args.threads.split(",")):
        if handle:
            blas_call(handle, "set_num_threads", ctypes.c_int(t))
        elif t != 1:
            print("cannot set numpy's thread count; timing at its default")
        for dtype in ("float32", "float64"):
            for shape in SHAPES:
                numpy_gf[(dtype, shape, t)] = time_numpy(np, shape, getattr(np, dtype))

    fmt = lambda x: "%9.1f" % x if x is not None else "%9s" % "-"
    header = "%-8s %-18s %3s %9s" % ("dtype", "shape", "thr", "numpy")
    for label, _, _, _ in runs:
        header += " %9s %6s" % (label[:9], "ratio")
    header += " %9s" % "scalar"
    print("GFLOP/s (best iteration); ratio = vecnn SIMD / numpy; scalar = vecnn scalar twin, " + runs[0][0])
    print(header)
    print("-" * len(header))
    for dtype in ("float32", "float64"):
        for shape in SHAPES:
            for t in sorted({key[2] for key in numpy_gf}):
                npg = numpy_gf[(dtype, shape, t)]
                line = "%-8s %-18s %3d %s" % (dtype, shape, t, fmt(npg))
                for _, results, _, _ in runs:
                    simd = results.get((dtype, shape, "simd", t))
                    line += " %s %6s" % (fmt(simd), "%.2f" % (simd / npg) if simd else "-")
                line += " %s" % fmt(runs[0][1].get((dtype, shape, "scalar", t)))
                print(line)
    print()
    for label, results, _, _ in runs:
        for dtype in ("float32", "float64"):
            one = results.get((dtype, "NN_1024x1024x1024", "simd", 1))
            two = results.get((dtype, "NN_1024x1024x1024", "simd", 2))
            if one and two:
                print("%s %s 1024^3: 2 threads / 1 thread = %.2f" % (label, dtype, two / one))
    if len(runs) == 2:
        a, b = runs[0], runs[1]
        pairs = [(k, b[1][k] / a[1][k]) for k in sorted(a[1]) if k[2] == "simd" and k in b[1]]
        if pairs:
            worst = min(pairs, key=lambda kv: kv[1])
            print("%s / %s (SIMD): min %.2f (%s %s %d thr), mean %.2f" % (
                b[0], a[0], worst[1], worst[0][0], worst[0][1], worst[0][3],
                sum(r for _, r in pairs) / len(pairs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
