#!/usr/bin/env python3
"""Checks the GEMM micro-kernels' inner loops for register spills, without hsdis.

HotSpot prints compiled code as hex when no disassembler library is installed; this script runs
GemmKernelsHot with -XX:CompileCommand=print for the kernel methods, decodes C2's code with
objdump and, for each kernel, reports its innermost loop containing FMAs: FMA count, instruction
count and stack references (vector registers: spilled accumulators or B vectors; general
registers: reloaded indices).

    python3 bench/gemm_spills.py [JAVA] [ROWS VECTORS] [-Dvecnn.vectorBits=N]
"""
import re
import subprocess
import sys
import tempfile

java = sys.argv[1] if len(sys.argv) > 1 else "java"
tile = sys.argv[2:4] if len(sys.argv) > 3 else ["8", "2"]
extra = sys.argv[4:]
cmd = [java, "--add-modules", "jdk.incubator.vector", *extra, "-XX:+UnlockDiagnosticVMOptions",
       "-XX:CompileCommand=print,dev/vecnn/kernels/simd/*.k*", "-XX:CompileCommand=quiet",
       "-cp", "bench/target/benchmarks.jar", "dev.vecnn.bench.GemmKernelsHot", *tile]
text = subprocess.run(cmd, capture_output=True, text=True).stdout
report = {}
for section in text.split("Compiled method (c2)")[1:]:
    header = section.split("\n")[0]
    if " % " in header:
        continue  # on-stack-replacement compiles: the regular (last) compile is the one that runs
    name = ("f32 " if "Float" in header else "f64 ") + re.search(r"::(\w+)", header).group(1)
    code = section[section.index("[MachCode]"):section.index("[/MachCode]")]
    blob = bytearray()
    for line in code.split("\n"):
        m = re.match(r"\s*0x[0-9a-f]+: ([0-9a-f |]+)$", line)
        if m:
            for word in m.group(1).replace("|", " ").split():
                blob += bytes.fromhex(word)
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(blob)
        f.flush()
        asm = subprocess.run(["objdump", "-D", "-b", "binary", "-m", "i386:x86-64", f.name],
                             capture_output=True, text=True).stdout
    ins = [(int(m.group(1), 16), m.group(2)) for m in
           (re.match(r"\s+([0-9a-f]+):\t[^\t]*\t(.*)", l) for l in asm.split("\n")) if m]
    loops = []
    for addr, op in ins:
        j = re.match(r"j\w+\s+0x([0-9a-f]+)", op)
        if j and int(j.group(1), 16) < addr:
            body = [o for a, o in ins if int(j.group(1), 16) <= a <= addr]
            fma = sum("vfmadd" in o for o in body)
            if fma:
                loops.append((len(body), fma, sum("rsp" in o and "mm" in o for o in body),
                              sum("rsp" in o and "mm" not in o for o in body)))
    if loops:
        n, fma, vec, gpr = min(loops)
        report[name] = (f"{name:14s} inner loop: {fma:2d} FMA, {n:3d} instructions, "
              f"{vec} vector and {gpr} general-register stack references")
for name in sorted(report):
    print(report[name])
