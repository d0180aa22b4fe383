#!/usr/bin/env bash
# Builds the consumer against the installed vecnn-core artifact (run `mvn -q -B install -DskipTests`
# at the repository root first) and runs it four ways: on the class path and as a JPMS module,
# each with --add-modules jdk.incubator.vector (SIMD kernels) and without (scalar fallback).
# Fails (exit 1) if a run fails, if the outputs differ, or if a run does not log exactly one
# vecnn line saying which kernels it uses. Uses $JAVA_HOME/bin/java when JAVA_HOME is set.
set -euo pipefail
cd "$(dirname "$0")"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

mvn -q -B package
lib=(target/lib/*.jar)
cp="target/classes:$(IFS=:; echo "${lib[*]}")"
model=src/main/resources/model.npz
examples=src/main/resources/examples.npz
out=target/runs
rm -rf "$out" && mkdir -p "$out"
failed=0

# run NAME EXPECTED_LOG JAVA_ARGS...: runs the consumer, checks its exit status and its stderr.
run() {
  local name="$1" expected_log="$2"
  shift 2
  if ! "$java" "$@" "$model" "$examples" >"$out/$name.out" 2>"$out/$name.err"; then
    echo "consumer/run.sh: $name run failed:" >&2
    cat "$out/$name.out" "$out/$name.err" >&2
    failed=1
    return
  fi
  # stderr may hold only the JDK's incubator warning and vecnn's one log record
  # (java.util.logging prints a record as a source line plus an "INFO: ..." line).
  local vecnn_lines other_lines
  vecnn_lines=$(grep -c 'vecnn: ' "$out/$name.err" || true)
  other_lines=$({ grep -v -e '^WARNING: Using incubator modules: jdk.incubator.vector$' \
      -e 'dev.vecnn.kernels.VectorSupport <clinit>$' -e '^INFO: vecnn: ' "$out/$name.err" || true; } | wc -l)
  if [ "$vecnn_lines" != 1 ] || ! grep -q "$expected_log" "$out/$name.err" || [ "$other_lines" != 0 ]; then
    echo "consumer/run.sh: $name run: expected exactly one log line containing '$expected_log', got:" >&2
    cat "$out/$name.err" >&2
    failed=1
  fi
  echo "consumer/run.sh: $name: $(tail -1 "$out/$name.out") [$(grep 'vecnn: ' "$out/$name.err")]"
}

simd_log='vecnn: SIMD kernels'
scalar_log='vecnn: scalar kernels; add the JVM flag --add-modules jdk.incubator.vector'
run classpath-simd   "$simd_log"   --add-modules jdk.incubator.vector -cp "$cp" dev.vecnn.example.Classify
run classpath-scalar "$scalar_log" -cp "$cp" dev.vecnn.example.Classify
run module-simd      "$simd_log"   --add-modules jdk.incubator.vector -p "$cp" -m dev.vecnn.example/dev.vecnn.example.Classify
run module-scalar    "$scalar_log" -p "$cp" -m dev.vecnn.example/dev.vecnn.example.Classify

for name in classpath-scalar module-simd module-scalar; do
  if [ -f "$out/$name.out" ] && ! cmp -s "$out/classpath-simd.out" "$out/$name.out"; then
    echo "consumer/run.sh: output of the $name run differs from the classpath-simd run:" >&2
    diff "$out/classpath-simd.out" "$out/$name.out" >&2 || true
    failed=1
  fi
done
if [ "$failed" != 0 ]; then
  echo "consumer/run.sh: FAILED" >&2
  exit 1
fi
echo "consumer/run.sh: OK (4 runs, identical output)"
