#!/usr/bin/env bash
# Re-measures the GEMM ladder and rewrites the run shown in docs/gemm-tutorial.md (between the
# ladder-run markers) and docs/img/gemm-ladder.png. Run after a change to the GEMM or the ladder:
#     bench/refresh_ladder_docs.sh [--isa native|avx2|avx] [SIZE]      (default 1024)
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;; esac
# --isa native|avx2|avx (default: native, or what an enclosing bench/isa.sh chose): the JVM and
# numpy on one instruction set, e.g. avx2 = -XX:UseAVX=2 with OPENBLAS_CORETYPE=Haswell (bench/isa.sh).
if [ "${1:-}" = --isa ]; then isa="${2:-}"; shift 2 || true; else isa="${VECNN_ISA:-native}"; fi
[ "${VECNN_ISA:-}" = "$isa" ] || exec "$(dirname "$0")/isa.sh" "$isa" bash "$0" "$@"
case "${1:-}" in --*) echo "bench/refresh_ladder_docs.sh: unknown option $1 (try --help)" >&2; exit 2 ;; esac
here="$(cd "$(dirname "$0")/.." && pwd)"
size="${1:-1024}"
table="$("$here/vecnn" bench ladder --size "$size" --png "$here/docs/img/gemm-ladder.png" | grep -v '^wrote ')"
printf '%s\n' "$table"
TABLE="$table" STAMP="$(date -u '+%Y-%m-%d %H:%M UTC')" SIZE="$size" python3 - "$here/docs/gemm-tutorial.md" <<'PY'
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
block = ("<!-- ladder-run:begin -->\n```\n$ ./vecnn bench ladder --size %s      # %s\n%s\n```\n<!-- ladder-run:end -->"
         % (os.environ["SIZE"], os.environ["STAMP"], os.environ["TABLE"].rstrip("\n")))
new, count = re.subn(r"<!-- ladder-run:begin -->.*?<!-- ladder-run:end -->", lambda m: block, text, flags=re.S)
if count != 1:
    sys.exit("docs/gemm-tutorial.md: expected one ladder-run block, found %d" % count)
open(path, "w", encoding="utf-8").write(new)
PY
echo "updated docs/gemm-tutorial.md and docs/img/gemm-ladder.png"
