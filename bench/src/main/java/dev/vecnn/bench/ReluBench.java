package dev.vecnn.bench;

import dev.vecnn.kernels.Relu;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/** ReLU forward + backward over a large float array, next to a plain array copy (bandwidth). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ReluBench {
    @Param({"16777216"})
    int n;
    float[] x;
    float[] y;
    float[] dx;

    @Setup
    public void setup() {
        Random r = new Random(1);
        x = new float[n];
        y = new float[n];
        dx = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
    }

    @Benchmark
    public float[] copy() {
        System.arraycopy(x, 0, y, 0, n);
        return y;
    }

    @Benchmark
    public float[] forwardBackward() {
        Relu.forward(n, x, 0, y, 0);
        Relu.backward(n, x, 0, y, 0, dx, 0);
        return dx;
    }
}
