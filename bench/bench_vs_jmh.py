#!/usr/bin/env python3
"""Compares `vecnn bench --json` GEMM figures with JMH's GemmBench (-rf json) from the same session.

    python3 bench/bench_vs_jmh.py BENCH.json JMH.json [--tolerance 0.15]

Prints, per shape / precision / thread count, vecnn bench's GFLOP/s (median of its samples), JMH's
(mean of its iterations) and their ratio; exit status 1 when a ratio is outside 1 +- tolerance.
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
            ours[(r["name"], r["dtype"], r["threads"])] = r["gflops"]
    print("%-20s %-8s %4s %12s %12s %7s" % ("shape", "dtype", "thr", "vecnn bench", "JMH", "ratio"))
    worst = 0.0
    for b in jmh:
        p = b["params"]
        if p.get("impl") != "simd":
            continue
        dtype = "float32" if b["benchmark"].endswith(".sgemm") else "float64"
        shape, threads = p["shape"], int(p["threads"])
        ops, dims = shape.split("_")
        m, k, n = (int(x) for x in dims.split("x"))
        us = b["primaryMetric"]["score"]  # microseconds per call (AverageTime)
        jmh_gflops = 2.0 * m * n * k / (us * 1e-6) / 1e9
        mine = ours.get((shape, dtype, threads))
        if mine is None:
            continue
        ratio = mine / jmh_gflops
        worst = max(worst, abs(ratio - 1))
        flag = "" if abs(ratio - 1) <= tolerance else "  outside +-%d%%" % round(tolerance * 100)
        print("%-20s %-8s %3dt %12.1f %12.1f %6.2fx%s" % (shape, dtype, threads, mine, jmh_gflops, ratio, flag))
    print("largest difference: %.0f%% (tolerance %.0f%%)" % (worst * 100, tolerance * 100))
    return 0 if worst <= tolerance else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
