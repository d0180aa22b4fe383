#!/usr/bin/env bash
# vecnn predict against InferenceModel.predict on the 10 000 CIFAR-10 test images written as PNG:
# trains a net with `vecnn train` (its run folder gets best_model.npz and the test accuracy line),
# writes the test batch as IMAGE_DIR/CLASS/NNNNN.png, runs `vecnn predict --json` over the folder
# (its stderr has the throughput with decoding and the net timed apart, and the accuracy by folder
# name), then bench/PredictCheck.java compares every label with InferenceModel.predict on the test
# split as Cifar10.load prepares it and measures the net in memory in batches of 100.
#   bash bench/predict_check.sh [CIFAR] [OUT_DIR] [train flags...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cifar="${1:-$here/../shared/data/cifar-10-binary.tar.gz}"
out="${2:-$(mktemp -d)}"
shift 2 || true
mkdir -p "$out"
"$here/vecnn" train --data "$cifar" --progress plain --epochs 2 --out "$out/runs" "$@" | tee "$out/train.txt" | tail -3
model="$(sed -n 's/^test accuracy: .*--model \([^ ]*\) IMAGE.*/\1/p' "$out/train.txt")"
java -cp "$here/app/target/vecnn.jar" "$here/bench/PredictCheck.java" write-png "$cifar" "$out/png"
"$here/vecnn" predict --model "$model" --json "$out/png" > "$out/predict.jsonl" 2> "$out/predict.err"
cat "$out/predict.err"
java --add-modules jdk.incubator.vector -XX:+UseParallelGC -cp "$here/app/target/vecnn.jar" "$here/bench/PredictCheck.java" check \
    "$model" "$cifar" "$out/predict.jsonl" 2>/dev/null
