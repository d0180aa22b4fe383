#!/usr/bin/env python3
"""Print GB/s for the element-wise JMH benchmarks next to System.arraycopy from the same run.

Usage: python3 bench/elementwise_gbps.py bench/results/elementwise.json [more.json ...]

With JMH's sample mode (-bm sample) the table also gives GB/s at the fastest sampled call
(p0), which is the least disturbed by other processes on a busy machine.

Bytes per call = arrays touched x n x element size (logical traffic: reads + writes, not
counting write-allocate). Arrays touched per benchmark method:
    copy 2 (read + write), Relu forward 2, backward 3, forwardBackward 5,
    DropoutApply apply 3, Updates sgd 3, momentum 5, adam 7.
"""
import json
import sys

ARRAYS = {"copy": 2, "forward": 2, "backward": 3, "forwardBackward": 5, "apply": 3,
          "sgd": 3, "momentum": 5, "adam": 7}
UNIT = {"s/op": 1.0, "ms/op": 1e-3, "us/op": 1e-6, "ns/op": 1e-9}


def main(paths):
    rows = []
    for path in paths:
        with open(path) as f:
            for r in json.load(f):
                cls, method = r["benchmark"].rsplit(".", 1)
                if method not in ARRAYS:
                    continue
                p = r.get("params", {})
                n = int(p["n"])
                size = 8 if p.get("dtype") == "double" else 4
                m = r["primaryMetric"]
                unit = UNIT[m["scoreUnit"]]
                nbytes = ARRAYS[method] * n * size
                gbs = nbytes / (m["score"] * unit) / 1e9
                fastest = m.get("scorePercentiles", {}).get("0.0") if r.get("mode") == "sample" else None
                best = nbytes / (fastest * unit) / 1e9 if fastest else float("nan")
                rows.append((cls.rsplit(".", 1)[1], p.get("dtype", "float"), method, p.get("impl", ""),
                             m["score"], m["scoreError"], m["scoreUnit"], gbs, fastest, best))
    rows.sort(key=lambda t: (t[0], t[1], t[2] != "copy", t[2], t[3]))
    print(f"{'benchmark':<18} {'dtype':<6} {'method':<16} {'impl':<6} {'mean time':>24} {'GB/s':>6}"
          f" {'fastest':>9} {'GB/s':>6}")
    for cls, dtype, method, impl, score, err, unit, gbs, fastest, best in rows:
        t = f"{score:.3f} ± {err:.3f} {unit}"
        f = f"{fastest:.3f}" if fastest else "-"
        print(f"{cls:<18} {dtype:<6} {method:<16} {impl:<6} {t:>24} {gbs:6.1f} {f:>9} {best:6.1f}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
