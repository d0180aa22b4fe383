#!/usr/bin/env bash
# Every side-by-side figure of the performance work for one ISA, in one run, one after the other
# (issue 19's acceptance list): GEMM per core against numpy, the training step against numpy and
# PyTorch, batch-1 inference and dynamic batching, `vecnn bench --quick`'s peak and GEMM, and the
# experiment against numpy (both twins) and PyTorch. Run it on a quiet machine; it takes about
# 10 minutes and writes every raw output to OUT (default: a new folder in /tmp), then prints the
# lines that carry the figures.
#
#   bash bench/ratios.sh [--isa native|avx2|avx] [--out DIR] [path/to/cifar-10-binary.tar.gz]
#
# TORCH_PYTHON=/path/to/venv/bin/python names a Python with torch (skipped when it has none).
# The machine (CPU model, load average), the JDK and the ISA head the summary.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
isa=native out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --isa) isa="${2:?--isa needs native, avx2 or avx}"; shift 2 ;;
    --out) out="${2:?--out needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --*) echo "bench/ratios.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    *) break ;;
  esac
done
data="${1:-$here/../shared/data/cifar-10-binary.tar.gz}"
[ -r "$data" ] || { echo "bench/ratios.sh: no CIFAR-10 archive at $data" >&2; exit 2; }
out="${out:-$(mktemp -d /tmp/vecnn-ratios.XXXXXX)}"
mkdir -p "$out"
torch_py="${TORCH_PYTHON:-python3}"
cd "$here"
# Always rebuilt: bench/ compiles core's and app's sources into its jar, so a jar left from an
# earlier checkout measures the old kernels (a stale jar once made this script report a race
# fixed hours before, and GEMM figures of older kernels).
mvn -q -f bench/pom.xml package
bench=(java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar)
isa_run() { bash bench/isa.sh "$isa" "$@"; }
. bench/isa.sh  # torch_isa_vars: PyTorch's own switches for the same ISA
torch_env=(env $(torch_isa_vars "$isa"))

{
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), isa $isa, $(java -version 2>&1 | head -1)"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/summary.txt"

step() { echo "== $1 ($(date +%T), load $(cut -d' ' -f1 /proc/loadavg))" | tee -a "$out/summary.txt"; }

step "GEMM per core: GemmCpuTime vs numpy (GFLOP per CPU-second)"
isa_run "${bench[@]}" dev.vecnn.bench.GemmCpuTime > "$out/gemm_cpu.txt" 2> "$out/gemm_cpu.err"
isa_run python3 bench/gemm_numpy.py --cpu-time "$out/gemm_cpu.txt" > "$out/gemm_ratio.txt" 2>&1 || true
cat "$out/gemm_ratio.txt" >> "$out/summary.txt"

step "training step, one thread each: TrainStepCpuTime vs numpy and PyTorch (CPU ms per step)"
isa_run "${bench[@]}" dev.vecnn.bench.TrainStepCpuTime 1 20 > "$out/step_vecnn.txt" 2> "$out/step_vecnn.err" || true
OPENBLAS_NUM_THREADS=1 isa_run python3 bench/train_step_numpy.py > "$out/step_numpy.txt" 2>&1 || true
OMP_NUM_THREADS=1 isa_run "${torch_env[@]}" "$torch_py" bench/train_step_torch.py > "$out/step_torch.txt" 2>&1 || true
cat "$out/step_vecnn.txt" "$out/step_numpy.txt" "$out/step_torch.txt" >> "$out/summary.txt"

step "batch-1 inference: InferenceCpuTime; 8 callers: InferenceLoad 8 10000"
isa_run "${bench[@]}" dev.vecnn.bench.InferenceCpuTime > "$out/infer_cpu.txt" 2> "$out/infer_cpu.err" || true
isa_run "${bench[@]}" dev.vecnn.bench.InferenceLoad 8 10000 > "$out/infer_load.txt" 2> "$out/infer_load.err" || true
cat "$out/infer_cpu.txt" "$out/infer_load.txt" >> "$out/summary.txt"

step "vecnn bench --quick"
isa_run ./vecnn bench --quick --no-python --json "$out/bench_quick.json" > "$out/bench_quick.txt" 2>&1 || true
grep -iE "peak|probe|NN_100x3072x500|NN_1024|isa|tile|%" "$out/bench_quick.txt" >> "$out/summary.txt" || true

step "experiment: vecnn vs numpy (assignment, float32-clean) and PyTorch"
TORCH_PYTHON="$torch_py" bash bench/experiment_compare.sh --isa "$isa" "$data" > "$out/experiment.txt" 2>&1 || true
tail -25 "$out/experiment.txt" >> "$out/summary.txt"

echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg); raw outputs in $out" | tee -a "$out/summary.txt"
cat "$out/summary.txt"
