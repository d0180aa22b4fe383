package dev.vecnn.bench;

import dev.vecnn.kernels.VectorSupport;
import dev.vecnn.kernels.internal.ReluKernel;
import dev.vecnn.kernels.internal.ScalarRelu;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * ReLU forward, backward and forward+backward over a 4096 x 4096 array (float or double), SIMD
 * kernel vs scalar twin, next to a plain {@code System.arraycopy} of the same array in the same
 * run (the memory-bandwidth yardstick). Single thread. Convert to GB/s with
 * {@code python3 bench/elementwise_gbps.py <result.json>} (bytes moved: copy and forward 2 arrays,
 * backward 3, forward+backward 5).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class ReluBench {
    @Param({"16777216"})
    int n;

    @Param({"simd", "scalar"})
    String impl;

    @Param({"float", "double"})
    String dtype;

    ReluKernel kernel;
    float[] x;
    float[] y;
    float[] dx;
    double[] xd;
    double[] yd;
    double[] dxd;

    static ReluKernel kernel(String impl) {
        if (impl.equals("scalar")) {
            return new ScalarRelu();
        }
        ReluKernel simd = VectorSupport.simdOrNull(ReluKernel.class, "dev.vecnn.kernels.simd.SimdRelu");
        if (simd == null) {
            throw new IllegalStateException("SIMD kernels not enabled (need --add-modules jdk.incubator.vector)");
        }
        return simd;
    }

    @Setup
    public void setup() {
        kernel = kernel(impl);
        Random r = new Random(1);
        if (dtype.equals("float")) {
            x = new float[n];
            y = new float[n];
            dx = new float[n];
            for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        } else {
            xd = new double[n];
            yd = new double[n];
            dxd = new double[n];
            for (int i = 0; i < n; i++) xd[i] = r.nextGaussian();
        }
    }

    @Benchmark
    public Object copy() {
        if (x != null) {
            System.arraycopy(x, 0, y, 0, n);
            return y;
        }
        System.arraycopy(xd, 0, yd, 0, n);
        return yd;
    }

    @Benchmark
    public Object forward() {
        if (x != null) {
            kernel.forward(n, x, 0, y, 0);
            return y;
        }
        kernel.forward(n, xd, 0, yd, 0);
        return yd;
    }

    @Benchmark
    public Object backward() {
        if (x != null) {
            kernel.backward(n, x, 0, y, 0, dx, 0);
            return dx;
        }
        kernel.backward(n, xd, 0, yd, 0, dxd, 0);
        return dxd;
    }

    @Benchmark
    public Object forwardBackward() {
        if (x != null) {
            kernel.forward(n, x, 0, y, 0);
            kernel.backward(n, x, 0, y, 0, dx, 0);
            return dx;
        }
        kernel.forward(n, xd, 0, yd, 0);
        kernel.backward(n, xd, 0, yd, 0, dxd, 0);
        return dxd;
    }
}
