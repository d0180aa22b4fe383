#!/usr/bin/env bash
# The experiment side by side: `vecnn experiment` (whole command, JVM start to exit) and the
# numpy twin bench/experiment_numpy.py on default BLAS threads and on one, back to back, then
# the ratios of their training + evaluation times and vecnn's whole-command time. Run it on a
# quiet machine; every figure comes from this one run.
#
#   bash bench/experiment_compare.sh [--isa native|avx2|avx] [path/to/cifar-10-binary.tar.gz]
set -euo pipefail
# --isa native|avx2|avx (default: native, or what an enclosing bench/isa.sh chose): the JVM and
# numpy on one instruction set, e.g. avx2 = -XX:UseAVX=2 with OPENBLAS_CORETYPE=Haswell (bench/isa.sh).
if [ "${1:-}" = --isa ]; then isa="${2:-}"; shift 2 || true; else isa="${VECNN_ISA:-native}"; fi
[ "${VECNN_ISA:-}" = "$isa" ] || exec "$(dirname "$0")/isa.sh" "$isa" bash "$0" "$@"
echo "ISA: $isa (JVM: ${JDK_JAVA_OPTIONS:-its default}; numpy: OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset, the CPU's own})"
here="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$here/../shared/data/cifar-10-binary.tar.gz}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

"$here/vecnn" info >/dev/null            # builds the jar first, outside the timing
start=$(date +%s.%N)
"$here/vecnn" experiment --data "$data" --out "$out/runs" --progress plain > "$out/vecnn.log"
end=$(date +%s.%N)
python3 "$here/bench/experiment_numpy.py" --data "$data" --json "$out/numpy.json" > "$out/numpy.log"
OPENBLAS_NUM_THREADS=1 python3 "$here/bench/experiment_numpy.py" --data "$data" --json "$out/numpy1.json" > "$out/numpy1.log"

python3 - "$out" "$start" "$end" <<'PY'
import glob, json, sys
out, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
summary = json.load(open(glob.glob(out + "/runs/*/summary.json")[0]))
t = summary["timing_seconds"]
np_default = json.load(open(out + "/numpy.json"))
np_one = json.load(open(out + "/numpy1.json"))
v = t["train_eval_total"]
print("vecnn experiment, whole command: %.2f s (data %.2f s, training+evaluation %.2f s, CPU %.2f s, plots %.2f s)"
      % (end - start, t["data_load"], v, t["train_eval_total_cpu"], t["plots_and_csv"]))
for name, r in (("numpy, default BLAS threads", np_default), ("numpy, one BLAS thread", np_one)):
    print("%s: training+evaluation %.2f s (CPU %.2f s), data %.2f s -> vecnn is %.2fx faster"
          % (name, r["train_eval_seconds"], r["train_eval_cpu_seconds"], r["data_seconds"], r["train_eval_seconds"] / v))
for res in summary["results"]:
    print("vecnn %s: final train %.3f, final val %.3f, best val %.3f"
          % (res["label"], res["final_train_acc"], res["final_val_acc"], res["best_val_acc"]))
PY
