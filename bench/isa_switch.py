"""The --isa switch of the side-by-side Python scripts (gemm_numpy.py, train_step_numpy.py).

    python3 bench/gemm_numpy.py --isa avx2 ...     # numpy on OpenBLAS's Haswell kernel, java on -XX:UseAVX=2

`take(argv, script)` removes `--isa NAME` (or `--isa=NAME`) from argv and, unless this process
already runs under that ISA, re-runs the script through bench/isa.sh, which sets the environment
(OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE unset, NPY_DISABLE_CPU_FEATURES for numpy's own loops,
JDK_JAVA_OPTIONS for any java the script starts):
OpenBLAS picks its kernel when it loads, so this must run before numpy is imported. Without the
flag the ISA is the one an enclosing bench/isa.sh chose, else `native`.
"""
import os
import sys

ISA_SH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "isa.sh")


def take(argv, script):
    """Returns the ISA in force; may replace this process (os.execv) to apply it."""
    isa = None
    rest = []
    i = 0
    while i < len(argv):
        if argv[i] == "--isa" and i + 1 < len(argv):
            isa = argv[i + 1]
            i += 2
        elif argv[i].startswith("--isa="):
            isa = argv[i][len("--isa="):]
            i += 1
        else:
            rest.append(argv[i])
            i += 1
    argv[:] = rest
    if isa is None:
        isa = os.environ.get("VECNN_ISA", "native")
    if os.environ.get("VECNN_ISA") != isa:
        sys.stdout.flush()
        os.execv("/bin/bash", ["bash", ISA_SH, isa, sys.executable, os.path.abspath(script), *rest])
    return isa
