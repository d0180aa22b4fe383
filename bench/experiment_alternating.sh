#!/usr/bin/env bash
# The experiment against its strongest numpy twins, alternating, for a shared machine: each round
# runs `vecnn experiment`, then bench/experiment_numpy.py --float32-clean, then the same without
# the first layer's unused dX (--no-input-grad), back to back, and prints their training +
# evaluation times and ratios; the last lines give the median and range of each ratio over the
# rounds. Neighbouring runs share the machine's state, so the per-round ratios are steadier than
# any single figure (on this project's shared host one run of the same work varies by up to 45%).
#
#   bash bench/experiment_alternating.sh [--isa native|avx2|avx] [--rounds N] [path/to/cifar-10-binary.tar.gz]
#
# --isa: as in bench/experiment_compare.sh (bench/isa.sh pairs the JVM's UseAVX with numpy's
# OpenBLAS kernel). --rounds: default 3.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
isa=native rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --isa) isa="${2:?--isa needs native, avx2 or avx}"; shift 2 ;;
    --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --*) echo "bench/experiment_alternating.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    *) break ;;
  esac
done
case "$rounds" in
  ''|*[!0-9]*|0) echo "bench/experiment_alternating.sh: --rounds must be a whole number >= 1, got '$rounds'" >&2; exit 2 ;;
esac
data="${1:-$here/../shared/data/cifar-10-binary.tar.gz}"
[ -r "$data" ] || { echo "bench/experiment_alternating.sh: no CIFAR-10 archive at $data" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
. "$here/bench/isa.sh"
isa_env "$isa" || exit 2
"$here/vecnn" info >/dev/null            # builds the jar first, outside the timing
echo "ISA: $isa; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); $(java -version 2>&1 | grep -v "^NOTE" | head -1)"
for r in $(seq 1 "$rounds"); do
  "$here/vecnn" experiment --data "$data" --out "$out/runs$r" --progress plain > "$out/vecnn$r.log"
  python3 "$here/bench/experiment_numpy.py" --float32-clean --data "$data" --json "$out/f32_$r.json" > "$out/f32_$r.log"
  python3 "$here/bench/experiment_numpy.py" --float32-clean --no-input-grad --data "$data" --json "$out/nodx_$r.json" > "$out/nodx_$r.log"
  python3 - "$out" "$r" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import glob, json, sys
out, r, load = sys.argv[1], sys.argv[2], sys.argv[3]
v = json.load(open(glob.glob("%s/runs%s/*/summary.json" % (out, r))[0]))["timing_seconds"]["train_eval_total"]
f = json.load(open("%s/f32_%s.json" % (out, r)))["train_eval_seconds"]
d = json.load(open("%s/nodx_%s.json" % (out, r)))["train_eval_seconds"]
print("round %s: vecnn %.2f s, numpy float32-clean %.2f s (vecnn %.2fx faster), without dX %.2f s (%.2fx); load %s"
      % (r, v, f, f / v, d, d / v, load))
with open("%s/ratios" % out, "a") as fh:
    fh.write("%f %f\n" % (f / v, d / v))
PY
done
python3 - "$out/ratios" <<'PY'
import statistics, sys
rows = [tuple(map(float, line.split())) for line in open(sys.argv[1])]
for i, name in enumerate(("numpy float32-clean", "numpy float32-clean without dX")):
    xs = [row[i] for row in rows]
    print("vecnn against %s: median %.2fx faster (%.2f - %.2f over %d rounds)" % (name, statistics.median(xs), min(xs), max(xs), len(xs)))
PY
