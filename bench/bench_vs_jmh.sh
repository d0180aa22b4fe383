#!/usr/bin/env bash
# Runs `vecnn bench --quick` (numpy/PyTorch last, when installed) and then bench/'s JMH GemmBench on the same shapes (SIMD), and
# compares their GEMM figures (bench_vs_jmh.py; acceptance: within 15%). Output in DIR (default
# bench/results/bench-vs-jmh). Re-run after any change to the GEMM:
#     bench/bench_vs_jmh.sh [--isa native|avx2|avx] [DIR]
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;; esac
# --isa native|avx2|avx (default: native, or what an enclosing bench/isa.sh chose): the JVM and
# numpy on one instruction set, e.g. avx2 = -XX:UseAVX=2 with OPENBLAS_CORETYPE=Haswell (bench/isa.sh).
if [ "${1:-}" = --isa ]; then isa="${2:-}"; shift 2 || true; else isa="${VECNN_ISA:-native}"; fi
[ "${VECNN_ISA:-}" = "$isa" ] || exec "$(dirname "$0")/isa.sh" "$isa" bash "$0" "$@"
case "${1:-}" in --*) echo "bench/bench_vs_jmh.sh: unknown option $1 (try --help)" >&2; exit 2 ;; esac
numpy_kernel="${OPENBLAS_CORETYPE:-unset, OpenBLAS picks by cpuid}"
echo "ISA: $isa (JVM: ${JDK_JAVA_OPTIONS:-its default}; numpy: OPENBLAS_CORETYPE=$numpy_kernel, loops off: ${NPY_DISABLE_CPU_FEATURES:-none})"
here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$here/bench/results/bench-vs-jmh}"
mkdir -p "$out"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
(cd "$here" && mvn -q -o -f bench/pom.xml package)
"$here/vecnn" bench --quick --json "$out/bench.json" --png "$out/roofline.png" | tee "$out/bench.txt"
shapes="NN_100x3072x500,TN_3072x100x500,NT_100x500x3072,NN_100x500x10,NN_1024x1024x1024"
"$java" -Djmh.ignoreLock=true --add-modules jdk.incubator.vector -jar "$here/bench/target/benchmarks.jar" GemmBench \
  -p impl=simd -p shape="$shapes" -f 1 -wi 3 -w 1s -i 6 -r 500ms -rf json -rff "$out/jmh.json" | tail -n 25 | tee "$out/jmh.txt"
python3 "$here/bench/bench_vs_jmh.py" "$out/bench.json" "$out/jmh.json" | tee "$out/compare.txt"
