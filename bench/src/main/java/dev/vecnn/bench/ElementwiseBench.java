package dev.vecnn.bench;

import dev.vecnn.kernels.VectorSupport;
import dev.vecnn.kernels.internal.BiasKernel;
import dev.vecnn.kernels.internal.ScalarBias;
import dev.vecnn.kernels.internal.ScalarSoftmaxLoss;
import dev.vecnn.kernels.internal.SoftmaxLossKernel;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * The small per-layer kernels at the seed network's shapes, float, SIMD kernel vs scalar twin:
 * bias add and column sums (db) over a 100 x 500 hidden activation, and softmax cross-entropy
 * (loss + gradient) over 100 x 10 scores. Single thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ElementwiseBench {
    @Param({"simd", "scalar"})
    String impl;

    static final int ROWS = 100;
    static final int HIDDEN = 500;
    static final int CLASSES = 10;

    BiasKernel bias;
    SoftmaxLossKernel softmax;
    float[] h = new float[ROWS * HIDDEN];
    float[] b = new float[HIDDEN];
    float[] db = new float[HIDDEN];
    float[] scores = new float[ROWS * CLASSES];
    float[] dscores = new float[ROWS * CLASSES];
    int[] labels = new int[ROWS];

    @Setup
    public void setup() {
        if (impl.equals("scalar")) {
            bias = new ScalarBias();
            softmax = new ScalarSoftmaxLoss();
        } else {
            bias = VectorSupport.simdOrNull(BiasKernel.class, "dev.vecnn.kernels.simd.SimdBias");
            softmax = VectorSupport.simdOrNull(SoftmaxLossKernel.class, "dev.vecnn.kernels.simd.SimdSoftmaxLoss");
            if (bias == null || softmax == null) {
                throw new IllegalStateException("SIMD kernels not enabled");
            }
        }
        Random r = new Random(4);
        for (int i = 0; i < h.length; i++) h[i] = (float) r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian() * 1e-3f;
        for (int i = 0; i < scores.length; i++) scores[i] = (float) r.nextGaussian() * 3;
        for (int i = 0; i < ROWS; i++) labels[i] = r.nextInt(CLASSES);
    }

    @Benchmark
    public float[] biasAdd() {
        bias.addRowVector(ROWS, HIDDEN, b, 0, h, 0, HIDDEN);
        return h;
    }

    @Benchmark
    public float[] columnSums() {
        bias.columnSums(ROWS, HIDDEN, h, 0, HIDDEN, db, 0);
        return db;
    }

    @Benchmark
    public double softmaxLoss() {
        return softmax.lossAndGradient(ROWS, CLASSES, scores, 0, CLASSES, labels, 0, dscores, 0, CLASSES);
    }
}
