package dev.vecnn.bench;

import dev.vecnn.kernels.VectorSupport;
import dev.vecnn.kernels.internal.DropoutApplyKernel;
import dev.vecnn.kernels.internal.ScalarDropoutApply;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Dropout mask apply {@code out = x * mask * (1/p)} (keep probability p = 0.5) over a
 * 4096 x 4096 array, float or double, SIMD kernel vs scalar twin, next to a plain
 * {@code System.arraycopy} of the same array in the same run. Single thread. GB/s with
 * {@code python3 bench/elementwise_gbps.py <result.json>} (apply moves 3 arrays, copy 2).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class DropoutApplyBench {
    @Param({"16777216"})
    int n;

    @Param({"simd", "scalar"})
    String impl;

    @Param({"float", "double"})
    String dtype;

    DropoutApplyKernel kernel;
    float[] x;
    float[] mask;
    float[] out;
    double[] xd;
    double[] maskd;
    double[] outd;

    @Setup
    public void setup() {
        if (impl.equals("scalar")) {
            kernel = new ScalarDropoutApply();
        } else {
            kernel = VectorSupport.simdOrNull(DropoutApplyKernel.class, "dev.vecnn.kernels.simd.SimdDropoutApply");
            if (kernel == null) {
                throw new IllegalStateException("SIMD kernels not enabled");
            }
        }
        Random r = new Random(2);
        if (dtype.equals("float")) {
            x = new float[n];
            mask = new float[n];
            out = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) r.nextGaussian();
                mask[i] = r.nextBoolean() ? 1f : 0f;
            }
        } else {
            xd = new double[n];
            maskd = new double[n];
            outd = new double[n];
            for (int i = 0; i < n; i++) {
                xd[i] = r.nextGaussian();
                maskd[i] = r.nextBoolean() ? 1 : 0;
            }
        }
    }

    @Benchmark
    public Object copy() {
        if (x != null) {
            System.arraycopy(x, 0, out, 0, n);
            return out;
        }
        System.arraycopy(xd, 0, outd, 0, n);
        return outd;
    }

    @Benchmark
    public Object apply() {
        if (x != null) {
            kernel.apply(n, x, 0, mask, 0, 2f, out, 0);
            return out;
        }
        kernel.apply(n, xd, 0, maskd, 0, 2.0, outd, 0);
        return outd;
    }
}
