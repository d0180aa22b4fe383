package dev.vecnn.bench;

import dev.vecnn.random.NumpyRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * NumpyRandom throughput on one thread: rand / randn / randint / permutation filling 10^7
 * values (numpy's own figures: bench/dropout_numpy.py times np.random.rand(10**7) etc.).
 * Score = microseconds per call of 10^7 values; M values/s = 10^7 / score.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class RandomBench {
    @Param({"10000000"})
    int n;
    NumpyRandom rng;
    double[] doubles;
    long[] longs;

    @Setup
    public void setup() {
        rng = new NumpyRandom(231);
        doubles = new double[n];
        longs = new long[n];
    }

    @Benchmark
    public double[] rand() {
        rng.rand(doubles, 0, n);
        return doubles;
    }

    @Benchmark
    public double[] randn() {
        rng.randn(doubles, 0, n);
        return doubles;
    }

    @Benchmark
    public long[] randint() {
        rng.randint(0, 49000, longs, 0, n);
        return longs;
    }

    @Benchmark
    public int[] permutation() {
        return rng.permutation(n);
    }
}
