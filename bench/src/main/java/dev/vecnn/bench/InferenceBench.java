package dev.vecnn.bench;

import dev.vecnn.infer.BatchingModel;
import dev.vecnn.infer.InferenceModel;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * InferenceModel.predict on the seed net's shape (3072 → 500 → 10, float32), one model shared by
 * all JMH threads, each thread with its own inputs. Score = calls/s; predictions/s = score × batch.
 * {@code predictBatching}: one example per call through a batching front
 * ({@code model.batching(64, Duration.ZERO)}) shared by all threads (predictions/s = score).
 * Run with {@code -t 1}, {@code -t 2}, {@code -t 8} for the calling-thread counts and
 * {@code -prof gc} to check that steady state allocates nothing (gc.alloc.rate.norm ≈ 0 B/op).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class InferenceBench {

    /** The model, shared by every benchmark thread. */
    @State(Scope.Benchmark)
    public static class Shared {
        InferenceModel model;

        @Setup
        public void setup() {
            model = InferenceNets.seedShape(231);
        }
    }

    /** A batching front on the model, shared by every benchmark thread. */
    @State(Scope.Benchmark)
    public static class SharedBatching {
        BatchingModel batching;

        @Setup
        public void setup() {
            batching = InferenceNets.seedShape(231).batching(64, java.time.Duration.ZERO);
        }

        @TearDown
        public void tearDown() {
            batching.close();
        }
    }

    /** One thread's single example for the batching front. */
    @State(Scope.Thread)
    public static class OneExample {
        float[] x;

        @Setup
        public void setup() {
            x = InferenceNets.gaussian(new Random(Thread.currentThread().getId()), InferenceNets.INPUT, 1f);
        }
    }

    /** One thread's inputs and outputs. */
    @State(Scope.Thread)
    public static class PerThread {
        @Param({"1", "100"})
        int batch;
        float[] x;
        int[] labels;

        @Setup
        public void setup() {
            x = InferenceNets.gaussian(new Random(Thread.currentThread().getId()),
                    batch * InferenceNets.INPUT, 1f);
            labels = new int[batch];
        }
    }

    @Benchmark
    public int predictBatching(SharedBatching shared, OneExample t) throws InterruptedException {
        return shared.batching.predict(t.x);
    }

    @Benchmark
    public int[] predict(Shared shared, PerThread t) {
        shared.model.predict(t.x, 0, t.batch, t.labels, 0);
        return t.labels;
    }
}
