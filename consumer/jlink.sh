#!/usr/bin/env bash
# Links the consumer and vecnn-core into runtime images with jlink (core is a named module with no
# dependency beyond java.base; jdk.incubator.vector is optional) and runs each image: one without
# the Vector API module (scalar kernels) and one with it (SIMD kernels). Run run.sh first (it builds
# target/classes and target/lib). Fails (exit 1) if jlink refuses, a run fails, the outputs differ,
# or an image does not log the kernels it was linked for. Needs a JDK with jmods ($JAVA_HOME or the
# java on the PATH).
set -euo pipefail
cd "$(dirname "$0")"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
if [ ! -d "$java_home/jmods" ]; then
  echo "consumer/jlink.sh: $java_home has no jmods/ (a JDK whose jlink links from jmods is needed); skipped" >&2
  exit 0
fi
core_jar=(target/lib/vecnn-core*.jar)
out=target/jlink
rm -rf "$out" && mkdir -p "$out"
failed=0
# link NAME EXPECTED_LOG JLINK_ARGS...
link() {
  local name="$1" expected="$2" image="$out/$1"
  shift 2
  "$java_home/bin/jlink" --module-path "$java_home/jmods:${core_jar[0]}:target/classes" \
      --strip-debug --no-header-files --no-man-pages --output "$image" "$@"
  if ! "$image/bin/java" -m dev.vecnn.example/dev.vecnn.example.Classify \
      src/main/resources/model.npz src/main/resources/examples.npz >"$out/$name.out" 2>"$out/$name.err"; then
    echo "consumer/jlink.sh: the $name image failed:" >&2
    cat "$out/$name.out" "$out/$name.err" >&2
    failed=1
    return
  fi
  if ! grep -q "$expected" "$out/$name.err"; then
    echo "consumer/jlink.sh: the $name image did not log '$expected':" >&2
    cat "$out/$name.err" >&2
    failed=1
  fi
  echo "consumer/jlink.sh: $name image ($("$image/bin/java" --list-modules 2>/dev/null | tr "\n" " ")): $(tail -1 "$out/$name.out")"
}
link scalar 'vecnn: scalar kernels' --add-modules dev.vecnn.example
# An incubator module is linked in but not resolved unless asked for: the image's java gets the
# flag built in (--add-options; the leading space keeps jlink from reading the value as an option).
link simd 'vecnn: SIMD kernels' --add-modules dev.vecnn.example,jdk.incubator.vector \
    --add-options " --add-modules=jdk.incubator.vector"
if [ "$failed" = 0 ] && ! cmp -s "$out/scalar.out" "$out/simd.out"; then
  echo "consumer/jlink.sh: the two images print different output:" >&2
  diff "$out/scalar.out" "$out/simd.out" >&2 || true
  failed=1
fi
if [ "$failed" != 0 ]; then
  echo "consumer/jlink.sh: FAILED" >&2
  exit 1
fi
echo "consumer/jlink.sh: OK (jlink accepts dev.vecnn.core; both images give the same output)"
