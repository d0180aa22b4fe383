#!/usr/bin/env bash
# Runs a command with the JVM and numpy on the same instruction set, so that a side-by-side ratio
# compares like with like on any machine (an AVX-512 CPU can measure the AVX2 ratio):
#
#   bench/isa.sh avx2   CMD [ARGS...]   JVM -XX:UseAVX=2 (256-bit, 16 vector registers);
#                                       numpy: OPENBLAS_CORETYPE=Haswell (OpenBLAS's AVX2 kernels),
#                                       its own loops without their AVX-512 versions
#   bench/isa.sh avx    CMD [ARGS...]   JVM -XX:UseAVX=1 (AVX, 128-bit vectors for C2);
#                                       numpy: OPENBLAS_CORETYPE=Sandybridge (AVX kernels), its
#                                       own loops without their AVX2 and AVX-512 versions
#   bench/isa.sh native CMD [ARGS...]   both on the machine's own ISA: no UseAVX flag, and
#                                       OPENBLAS_CORETYPE and NPY_DISABLE_CPU_FEATURES unset
#                                       (OpenBLAS and numpy pick by cpuid)
#
# numpy's own element-wise loops (ufuncs: the dropout mask, ReLU, Adam's arithmetic) pick their
# code by cpuid too, apart from OpenBLAS: on an AVX-512 CPU they would run 512-bit code beside
# OpenBLAS's AVX2 kernel. NPY_DISABLE_CPU_FEATURES switches those versions off (numpy 2 calls the
# AVX-512 one X86_V4, numpy 1 AVX512F, AVX512_SKX, ...; numpy 2.4 skips a name it does not
# dispatch on with a hidden ImportWarning; numpy 1 was not tried), so numpy runs what it would
# run on an AVX2 CPU.
#
# OPENBLAS_L2_SIZE is unset in every case (OpenBLAS then reads the cache sizes from the CPU). The
# JVM flag reaches every `java` started below through JDK_JAVA_OPTIONS (read by the java launcher
# of JDK 9+: ./vecnn, JMH and its forks, GemmCpuTime; each prints "Picked up JDK_JAVA_OPTIONS" on
# stderr); numpy's kernel is chosen when OpenBLAS loads. An ISA the CPU lacks is an error, not a
# silent fallback. The side-by-side scripts take `--isa NAME` and re-run themselves through here.
#
# Sourced (`. bench/isa.sh`), it only defines isa_env NAME, which sets the same environment in the
# calling shell, and torch_isa_vars NAME, PyTorch's switches for that ISA.
isa_env() {
  local isa="$1" flag="" coretype="" npy_off=""
  local avx512="X86_V4 AVX512F AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL AVX512_SPR"
  case "$isa" in
    native) ;;
    avx2) flag=-XX:UseAVX=2; coretype=Haswell; npy_off="$avx512" ;;
    avx) flag=-XX:UseAVX=1; coretype=Sandybridge; npy_off="X86_V3 AVX2 FMA3 F16C $avx512" ;;
    *)
      echo "bench/isa.sh: --isa must be native, avx2 or avx, got '$isa'" >&2
      return 2 ;;
  esac
  if [ "$isa" != native ] && [ -r /proc/cpuinfo ]; then
    local needed
    for needed in $( [ "$isa" = avx2 ] && echo "avx2 fma" || echo avx ); do
      if ! grep -q -m1 -w "$needed" /proc/cpuinfo; then
        echo "bench/isa.sh: --isa $isa needs a CPU with $needed; this one has none (see /proc/cpuinfo)" >&2
        return 2
      fi
    done
  fi
  # A UseAVX flag already in JDK_JAVA_OPTIONS (an outer isa.sh) is replaced, not repeated.
  local opts
  opts="$(printf '%s' "${JDK_JAVA_OPTIONS:-}" | sed -E 's/(^| )-XX:UseAVX=[0-9]+//g; s/^ +//')"
  opts="${opts:+$opts }$flag"
  opts="${opts% }"
  if [ -n "$opts" ]; then export JDK_JAVA_OPTIONS="$opts"; else unset JDK_JAVA_OPTIONS; fi
  if [ -n "$coretype" ]; then export OPENBLAS_CORETYPE="$coretype"; else unset OPENBLAS_CORETYPE; fi
  if [ -n "$npy_off" ]; then export NPY_DISABLE_CPU_FEATURES="$npy_off"; else unset NPY_DISABLE_CPU_FEATURES; fi
  unset OPENBLAS_L2_SIZE
  export VECNN_ISA="$isa"
}

# PyTorch's own switches for the same ISA, as VAR=value words for `env` (none for native):
#   torch_env=(env $(torch_isa_vars avx2))
torch_isa_vars() {
  case "$1" in
    avx2) echo ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2 ONEDNN_MAX_CPU_ISA=AVX2 ;;
    avx) echo ATEN_CPU_CAPABILITY=default MKL_ENABLE_INSTRUCTIONS=AVX ONEDNN_MAX_CPU_ISA=AVX ;;
  esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  if [ $# -lt 2 ]; then
    echo "usage: bench/isa.sh native|avx2|avx COMMAND [ARGS...]" >&2
    exit 2
  fi
  isa_env "$1" || exit 2
  shift
  exec "$@"
fi
