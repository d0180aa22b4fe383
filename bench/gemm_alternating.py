#!/usr/bin/env python3
"""GEMM per core, vecnn against numpy, shape by shape, alternating: for every round and every
shape, GemmCpuTime times that one shape in a fresh JVM and numpy times it right after in this
process (one BLAS thread), both in GFLOP per CPU-second of the computing thread. On a shared
machine whose speed drifts over minutes, a ratio of two figures taken seconds apart, repeated,
says more than one pass of every vecnn shape followed by one of every numpy shape
(`gemm_numpy.py --cpu-time`). Prints each round's ratios, then per shape the median and the range.

    python3 bench/gemm_alternating.py [--isa native|avx2|avx] [--rounds N] [--seconds S] [--dtype float32|float64]

--isa re-runs this script through bench/isa.sh (the JVM's UseAVX and numpy's OpenBLAS kernel on
the same instruction set). Needs bench/target/benchmarks.jar (mvn -q -f bench/pom.xml package).
"""
import argparse
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import isa_switch  # noqa: E402
SHAPES = ["NN_100x3072x500", "TN_3072x100x500", "NT_100x500x3072", "NN_100x500x10", "NN_500x3072x500",
          "NN_1000x3072x500", "NN_1024x1024x1024"]


def main():
    argv = sys.argv[1:]
    isa = isa_switch.take(argv, __file__)  # may re-run this script under bench/isa.sh; before numpy loads
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 epilog="--isa native|avx2|avx runs it through bench/isa.sh (default: the ISA in force)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=1.0, help="per shape and side (GemmCpuTime's argument)")
    ap.add_argument("--dtype", choices=["float32", "float64", "both"], default="both")
    ap.add_argument("--jar", default=os.path.join(HERE, "target", "benchmarks.jar"))
    args = ap.parse_args(argv)
    if args.rounds < 1:
        ap.error("--rounds must be at least 1, got %d" % args.rounds)
    if not os.path.exists(args.jar):
        print("gemm_alternating.py: no %s (build it: mvn -q -f bench/pom.xml package)" % args.jar, file=sys.stderr)
        return 2
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import numpy as np
    import gemm_numpy
    dtypes = ["float32", "float64"] if args.dtype == "both" else [args.dtype]
    ratios = {}
    print("ISA %s (JDK_JAVA_OPTIONS=%s, OPENBLAS_CORETYPE=%s, NPY_DISABLE_CPU_FEATURES=%s); load average %s" % (
        isa, os.environ.get("JDK_JAVA_OPTIONS", ""), os.environ.get("OPENBLAS_CORETYPE", ""),
        os.environ.get("NPY_DISABLE_CPU_FEATURES", ""),
        open("/proc/loadavg").read().split()[0] if os.path.exists("/proc/loadavg") else "?"))
    for rnd in range(1, args.rounds + 1):
        for dtype in dtypes:
            for shape in SHAPES:
                out = subprocess.run(["java", "--add-modules", "jdk.incubator.vector", "-cp", args.jar,
                                      "dev.vecnn.bench.GemmCpuTime", str(args.seconds), dtype, shape],
                                     capture_output=True, text=True, check=True).stdout
                vec = [float(l.split()[3]) for l in out.splitlines() if l.startswith("cpu ")][0]
                npg = gemm_numpy.cpu_time_numpy(np, shape, getattr(np, dtype), args.seconds)
                ratios.setdefault((dtype, shape), []).append(vec / npg)
                print("round %d %-8s %-18s vecnn %7.1f numpy %7.1f ratio %.2f" % (rnd, dtype, shape, vec, npg, vec / npg),
                      flush=True)
    print("\nper shape over %d rounds: median ratio (range)" % args.rounds)
    for (dtype, shape), r in ratios.items():
        print("%-8s %-18s %.2f (%.2f-%.2f)" % (dtype, shape, statistics.median(r), min(r), max(r)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
