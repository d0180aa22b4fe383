package dev.vecnn.bench;

import dev.vecnn.kernels.Parallel;
import dev.vecnn.kernels.DropoutMasks;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Dropout forward + backward on a 4096 x 4096 float array with counter-based (Philox4x32-10)
 * masks, next to numpy's {@code mask = (np.random.rand(*x.shape) < p) / p; out = x * mask;
 * dx = dout * mask} (bench/dropout_numpy.py). Score = milliseconds per forward + backward;
 * ns per element = score * 1e6 / (4096 * 4096).
 *
 * <ul>
 *   <li>{@code bitmask}: forward writes the packed keep bits (1 bit per element), backward reads them;</li>
 *   <li>{@code regenerate}: nothing stored, backward recomputes the decisions;</li>
 *   <li>{@code forwardOnly}: generate + apply, no bits.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DropoutMaskBench {
    @Param({"16777216"})
    int n;
    @Param({"1", "2"})
    int threads;
    float[] x;
    float[] out;
    float[] dout;
    float[] dx;
    long[] bits;
    long step;

    @Setup
    public void setup() {
        Parallel.setThreads(threads);
        Random r = new Random(1);
        x = new float[n];
        out = new float[n];
        dout = new float[n];
        dx = new float[n];
        bits = new long[DropoutMasks.bitsLength(n)];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
            dout[i] = (float) r.nextGaussian();
        }
    }

    @Benchmark
    public float[] bitmask() {
        step++;
        DropoutMasks.forward(231, 0, step, 0.5, n, x, 0, out, 0, bits);
        DropoutMasks.backward(0.5, n, bits, dout, 0, dx, 0);
        return dx;
    }

    @Benchmark
    public float[] regenerate() {
        step++;
        DropoutMasks.forward(231, 0, step, 0.5, n, x, 0, out, 0, null);
        DropoutMasks.backward(231, 0, step, 0.5, n, dout, 0, dx, 0);
        return dx;
    }

    @Benchmark
    public float[] forwardOnly() {
        step++;
        DropoutMasks.forward(231, 0, step, 0.5, n, x, 0, out, 0, null);
        return out;
    }

    @Benchmark
    public float[] backwardFromBits() {
        DropoutMasks.backward(0.5, n, bits, dout, 0, dx, 0);
        return dx;
    }
}
