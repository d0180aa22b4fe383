#!/usr/bin/env bash
# The experiment side by side: `vecnn experiment` (whole command, JVM start to exit), the numpy
# twin bench/experiment_numpy.py as the assignment writes it and float32-clean (--float32-clean:
# the dropout mask in float32, the data cast once), each on default BLAS threads and on one,
# float32-clean without the first layer's unused input gradient (--no-input-grad, default threads:
# the strongest numpy baseline), and
# the PyTorch twin bench/experiment_torch.py (default threads and one) when torch is importable,
# back to back; then the ratios of their training + evaluation times. Run it on a quiet machine;
# every figure comes from this one run.
#
#   bash bench/experiment_compare.sh [--isa native|avx2|avx] [path/to/cifar-10-binary.tar.gz]
#
# --isa avx2 gives every side the code of an AVX2 CPU: the JVM -XX:UseAVX=2 (256-bit vectors,
# 16 registers), numpy's OpenBLAS its Haswell kernel (OPENBLAS_CORETYPE=Haswell) and numpy's own
# loops their AVX2 code (NPY_DISABLE_CPU_FEATURES), PyTorch ATEN_CPU_CAPABILITY=avx2 with MKL and
# oneDNN capped at AVX2. native (default): each picks what the machine has.
# TORCH_PYTHON=/path/to/venv/bin/python names the Python that has torch (default: python3).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
isa=native
if [ "${1:-}" = --isa ]; then
  isa="${2:?--isa needs native or avx2}"
  shift 2
fi
data="${1:-$here/../shared/data/cifar-10-binary.tar.gz}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# The JVM's UseAVX flag and numpy's OpenBLAS kernel come from bench/isa.sh (the one place that
# pairs them), and PyTorch's switches for the same ISA (torch_isa_vars).
. "$here/bench/isa.sh"
isa_env "$isa" || exit 2
torch_env=(env $(torch_isa_vars "$isa"))
torch_python="${TORCH_PYTHON:-python3}"

"$here/vecnn" info >/dev/null            # builds the jar first, outside the timing
start=$(date +%s.%N)
"$here/vecnn" experiment --data "$data" --out "$out/runs" --progress plain > "$out/vecnn.log"
end=$(date +%s.%N)
load_vecnn="$(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$here/bench/experiment_numpy.py" --data "$data" --json "$out/numpy.json" > "$out/numpy.log"
OPENBLAS_NUM_THREADS=1 python3 "$here/bench/experiment_numpy.py" --data "$data" --json "$out/numpy1.json" > "$out/numpy1.log"
python3 "$here/bench/experiment_numpy.py" --float32-clean --data "$data" --json "$out/f32.json" > "$out/f32.log"
OPENBLAS_NUM_THREADS=1 python3 "$here/bench/experiment_numpy.py" --float32-clean --data "$data" --json "$out/f32_1.json" > "$out/f32_1.log"
python3 "$here/bench/experiment_numpy.py" --float32-clean --no-input-grad --data "$data" --json "$out/f32_nodx.json" > "$out/f32_nodx.log"
if "$torch_python" -c 'import torch' 2>/dev/null; then
  "${torch_env[@]}" "$torch_python" "$here/bench/experiment_torch.py" --data "$data" --json "$out/torch.json" > "$out/torch.log"
  "${torch_env[@]}" "$torch_python" "$here/bench/experiment_torch.py" --threads 1 --data "$data" --json "$out/torch1.json" > "$out/torch1.log"
else
  echo "PyTorch: not importable by $torch_python (set TORCH_PYTHON to a Python that has torch): no PyTorch figures" >&2
fi
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$out" "$start" "$end" "$isa" "$load_vecnn" "$load_end" <<'PY'
import glob, json, os, sys
out, start, end, isa, load_vecnn, load_end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
summary = json.load(open(glob.glob(out + "/runs/*/summary.json")[0]))
t = summary["timing_seconds"]
v = t["train_eval_total"]
vc = t["train_eval_total_cpu"]
a = summary.get("arithmetic", {})
print("ISA: %s; vecnn kernels: %s, JDK %s; load average %s after vecnn, %s at the end"
      % (isa, summary["kernels"]["description"], summary["jdk"]["version"], load_vecnn, load_end))
print("vecnn experiment, whole command: %.2f s (data %.2f s, training+evaluation %.2f s, CPU %.2f s, plots %.2f s)"
      % (end - start, t["data_load"], v, vc, t["plots_and_csv"]))
if a:
    share = a.get("peak_share")
    print("vecnn arithmetic: %.1f GFLOP of matrix products, %.1f GFLOP per CPU-second%s" % (a["gflop"], a["gflop_per_cpu_second"],
          ", %.0f%% of one core's FMA peak (%.0f GFLOP/s)" % (100 * share, a["fma_peak_one_core"]["gflop_per_cpu_second"])
          if isinstance(share, float) else ""))
rows = [("numpy as the assignment writes it, default BLAS threads", "numpy.json"),
        ("numpy as the assignment writes it, one BLAS thread", "numpy1.json"),
        ("numpy float32-clean, default BLAS threads", "f32.json"),
        ("numpy float32-clean, one BLAS thread", "f32_1.json"),
        ("numpy float32-clean without the first layer's unused dX, default BLAS threads", "f32_nodx.json"),
        ("PyTorch, default threads", "torch.json"),
        ("PyTorch, one thread", "torch1.json")]
for name, f in rows:
    path = os.path.join(out, f)
    if not os.path.exists(path):
        continue
    r = json.load(open(path))
    extra = (" torch %s" % r["torch"]) if "torch" in r else ""
    print("%s%s: training+evaluation %.2f s (CPU %.2f s) -> vecnn is %.2fx faster (CPU: %.2fx)"
          % (name, extra, r["train_eval_seconds"], r["train_eval_cpu_seconds"], r["train_eval_seconds"] / v,
             r["train_eval_cpu_seconds"] / vc))
for res in summary["results"]:
    print("vecnn %s: final train %.3f, final val %.3f, best val %.3f"
          % (res["label"], res["final_train_acc"], res["final_val_acc"], res["best_val_acc"]))
PY
