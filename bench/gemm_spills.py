#!/usr/bin/env python3
"""Checks the GEMM micro-kernels' inner loops for register spills, without hsdis.

HotSpot prints compiled code as hex when no disassembler library is installed; this script runs
GemmKernelsHot with -XX:CompileCommand=print for the kernel methods, decodes C2's code with
objdump and, for each kernel, reports its main loop (of the innermost loops with FMAs, the one with
the most FMAs per iteration): FMA count, instruction count and stack references (vector registers: spilled accumulators or B vectors; general
registers: reloaded indices).

    python3 bench/gemm_spills.py [JAVA] [ROWS VECTORS] [JVM FLAGS...]
    python3 bench/gemm_spills.py --skinny [JAVA] [JVM FLAGS...]

JVM flags such as -Dvecnn.vectorBits=N, -XX:UseAVX=2 or -XX:+UseParallelGC reach the JVM: C2's
register allocation differs with the collector (JDK 17 spilled at 256 bits under Parallel and
Serial, not under G1), so check the one the application runs with (./vecnn uses Parallel).
--skinny checks the skinny GEMM's row kernels (1 to 8 rows of A, SkinnyKernelsHot) instead.
"""
import re
import subprocess
import sys
import tempfile

args = sys.argv[1:]
skinny = bool(args) and args[0] == "--skinny"
if skinny:
    args = args[1:]
java = args[0] if args else "java"
if skinny:
    extra = args[1:]
    methods, driver = "dev/vecnn/kernels/simd/SimdSkinny*.*Rows*", ["dev.vecnn.bench.SkinnyKernelsHot"]
else:
    tile = args[1:3] if len(args) > 2 else ["8", "2"]
    extra = args[3:]
    methods, driver = "dev/vecnn/kernels/simd/*.k*", ["dev.vecnn.bench.GemmKernelsHot", *tile]
cmd = [java, "--add-modules", "jdk.incubator.vector", *extra, "-XX:+UnlockDiagnosticVMOptions",
       "-XX:CompileCommand=print," + methods, "-XX:CompileCommand=quiet",
       "-cp", "bench/target/benchmarks.jar", *driver]
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
            start = int(j.group(1), 16)
            body = [o for a, o in ins if start <= a <= addr]
            fma = sum("vfmadd" in o for o in body)
            if fma:
                loops.append((start, addr, len(body), fma, sum("rsp" in o and "mm" in o for o in body),
                              sum("rsp" in o and "mm" not in o for o in body)))
    # innermost loops with FMAs (no other such loop inside), then the one with the most FMAs
    # (the main loop; tail loops do fewer), the tightest of those
    inner = [l for l in loops if not any(o is not l and l[0] <= o[0] and o[1] <= l[1] for o in loops)]
    if inner:
        _, _, n, fma, vec, gpr = min(inner, key=lambda l: (-l[3], l[2]))
        report[name] = (f"{name:14s} inner loop: {fma:2d} FMA, {n:3d} instructions, "
              f"{vec} vector and {gpr} general-register stack references")
for name in sorted(report):
    print(report[name])
