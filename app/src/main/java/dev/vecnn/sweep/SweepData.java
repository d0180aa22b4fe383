package dev.vecnn.sweep;

import dev.vecnn.tensor.DType;
import dev.vecnn.data.Cifar10;
import dev.vecnn.data.CifarSplits;
import dev.vecnn.solver.SolverData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sweep's training and validation images (float32, mean image subtracted, as get_CIFAR10_data)
 * and the mean image (stored in the best model's file so it classifies raw images).
 * {@link #cached} loads each (path, sizes) once per JVM and keeps it for every later trial: a
 * Spark executor reads the data set on its first task and never again, and the driver ships only
 * the path. The arrays are shared read-only by the trials that run at the same time.
 */
public record SweepData(SolverData data, double[] meanImage) {
    private static final ConcurrentHashMap<String, SweepData> CACHE = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger LOADS = new java.util.concurrent.atomic.AtomicInteger();

    /** The images {@code sweep} names, loaded on first use in this JVM. */
    public static SweepData cached(SweepDefinition sweep) {
        String key = Path.of(sweep.data()).toAbsolutePath().normalize() + "|" + sweep.images();
        return CACHE.computeIfAbsent(key, k -> {
            try {
                return load(sweep);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** How many times this JVM has read a data set from disk (for tests: once per path and sizes, however many trials). */
    public static int loadCount() {
        return LOADS.get();
    }

    /** Reads the data now (no cache). */
    public static SweepData load(SweepDefinition s) throws IOException {
        LOADS.incrementAndGet();
        CifarSplits splits = Cifar10.load(Path.of(s.data()), s.images().options(DType.FLOAT32));
        return new SweepData(s.images().solverData(splits, DType.FLOAT32), splits.meanImage());
    }
}
