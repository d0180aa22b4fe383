package dev.vecnn.bench;

import dev.vecnn.kernels.VectorSupport;
import dev.vecnn.kernels.internal.ScalarUpdates;
import dev.vecnn.kernels.internal.UpdatesKernel;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * One optimizer update over the seed network's parameters (3072*500 + 500 + 500*10 + 10 =
 * 1,541,510 floats), SIMD kernel vs scalar twin, next to a plain {@code System.arraycopy} of one
 * such array. Adam moves 7 arrays (reads w, dw, m, v; writes w, m, v), momentum 5, sgd 3.
 * Single thread. GB/s with {@code python3 bench/elementwise_gbps.py <result.json>}.
 *
 * <p>{@code gradScale}: the gradients' standard deviation. 1e-3 is an ordinary gradient; 1e-18 is
 * what a net that fits its batch produces (the train step's dW1 after 50 steps had 16% of its
 * values below 1e-15), where {@code g * g} underflows and, held that small for long, the second
 * moment decays below 1e-38 (subnormal). On AMD Zen 5 a multiply whose result underflows is slow
 * where an FMA is not, and an FMA with a subnormal input is slow where a multiply is not; so
 * SimdUpdates writes only the squared gradient's products as FMAs (bench/README, "Tiny
 * gradients").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class UpdatesBench {
    @Param({"1541510"})
    int n;

    @Param({"simd", "scalar"})
    String impl;

    @Param({"1e-3", "1e-18"})
    double gradScale;

    UpdatesKernel kernel;
    float[] w;
    float[] dw;
    float[] m;
    float[] v;
    float[] copyTarget;
    long t;

    @Setup
    public void setup() {
        if (impl.equals("scalar")) {
            kernel = new ScalarUpdates();
        } else {
            kernel = VectorSupport.simdOrNull(UpdatesKernel.class, "dev.vecnn.kernels.simd.SimdUpdates");
            if (kernel == null) {
                throw new IllegalStateException("SIMD kernels not enabled");
            }
        }
        Random r = new Random(3);
        w = new float[n];
        dw = new float[n];
        m = new float[n];
        v = new float[n];
        copyTarget = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (r.nextGaussian() * 1e-2);
            dw[i] = (float) (r.nextGaussian() * gradScale);
        }
    }

    @Benchmark
    public float[] copy() {
        System.arraycopy(w, 0, copyTarget, 0, n);
        return copyTarget;
    }

    @Benchmark
    public float[] adam() {
        t++;
        float correction1 = (float) (1 - Math.pow(0.9, t));
        float correction2 = (float) (1 - Math.pow(0.999, t));
        kernel.adam(n, w, 0, dw, 0, m, 0, v, 0, 1e-3f, 0.9f, 0.1f, 0.999f, 0.001f, 1e-8f, correction1, correction2);
        return w;
    }

    @Benchmark
    public float[] momentum() {
        kernel.momentum(n, w, 0, dw, 0, m, 0, 1e-3f, 0.9f);
        return w;
    }

    @Benchmark
    public float[] sgd() {
        kernel.sgd(n, w, 0, dw, 0, 1e-3f);
        return w;
    }
}
