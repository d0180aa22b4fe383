#!/usr/bin/env python3
"""Compares `vecnn bench --json` GEMM figures with JMH's GemmBench (-rf json) from the same session.

    python3 bench/bench_vs_jmh.py BENCH.json JMH.json [--tolerance 0.15]

Prints, per shape / precision / thread count, vecnn bench's GFLOP/s and JMH's, as the best sample
of each (vecnn bench: best timed batch; JMH: best measurement iteration) and as the typical one
(vecnn bench: median; JMH: mean of its iterations), with their ratios. On a shared machine the
best-of-N is the estimate of what the code does when it has the core, so the acceptance test
(exit status 1 when outside 1 +- tolerance) is on the best samples. vecnn bench times its
one-thread rows by the thread's CPU time and JMH by the wall clock: on a busy machine compare
the one-thread rows with GemmCpuTime instead (bench/README.md).
bench/bench_vs_jmh.sh runs both and then this script.
"""
import json
import sys


def main(argv):
    tolerance = 0.15
    if "--tolerance" in argv:
        i = argv.index("--tolerance")
        tolerance = float(argv[i + 1])
        del argv[i:i + 2]
    bench_path, jmh_path = argv[1], argv[2]
    bench = json.load(open(bench_path))
    jmh = json.load(open(jmh_path))
    ours = {}
    for r in bench["rows"]:
        if r["group"] == "gemm" and r["impl"] == "simd":
            ours[(r["name"], r["dtype"], r["threads"])] = (r["flops"] / r["best_s"] / 1e9, r["gflops"])
    print("%-20s %-8s %4s | %11s %9s %6s | %11s %9s %6s" % ("shape", "dtype", "thr", "bench best", "JMH best", "ratio",
                                                          "bench med.", "JMH mean", "ratio"))
    worst = 0.0
    for b in jmh:
        p = b["params"]
        if p.get("impl") != "simd":
            continue
        dtype = "float32" if b["benchmark"].endswith(".sgemm") else "float64"
        shape, threads = p["shape"], int(p["threads"])
        ops, dims = shape.split("_")
        m, k, n = (int(x) for x in dims.split("x"))
        flops = 2.0 * m * n * k
        us_mean = b["primaryMetric"]["score"]  # microseconds per call (AverageTime)
        us_best = min(x for fork in b["primaryMetric"]["rawData"] for x in fork)
        mine = ours.get((shape, dtype, threads))
        if mine is None:
            continue
        jmh_best, jmh_mean = flops / (us_best * 1e-6) / 1e9, flops / (us_mean * 1e-6) / 1e9
        ratio = mine[0] / jmh_best
        worst = max(worst, abs(ratio - 1))
        flag = "" if abs(ratio - 1) <= tolerance else "  outside +-%d%%" % round(tolerance * 100)
        print("%-20s %-8s %3dt | %11.1f %9.1f %5.2fx | %11.1f %9.1f %5.2fx%s" % (
            shape, dtype, threads, mine[0], jmh_best, ratio, mine[1], jmh_mean, mine[1] / jmh_mean, flag))
    print("largest difference of the best samples: %.0f%% (tolerance %.0f%%)" % (worst * 100, tolerance * 100))
    return 0 if worst <= tolerance else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
