package dev.vecnn.cli.bench;

import dev.vecnn.kernels.DropoutMasks;
import dev.vecnn.kernels.VectorSupport;
import dev.vecnn.kernels.internal.BiasKernel;
import dev.vecnn.kernels.internal.DropoutApplyKernel;
import dev.vecnn.kernels.internal.DropoutMaskKernel;
import dev.vecnn.kernels.internal.ReluKernel;
import dev.vecnn.kernels.internal.ScalarBias;
import dev.vecnn.kernels.internal.ScalarDropoutApply;
import dev.vecnn.kernels.internal.ScalarDropoutMask;
import dev.vecnn.kernels.internal.ScalarRelu;
import dev.vecnn.kernels.internal.ScalarUpdates;
import dev.vecnn.kernels.internal.UpdatesKernel;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The element-wise kernels of a training step at the seed net's sizes, float32, one thread, the
 * SIMD kernel and its scalar twin called directly: ReLU forward and bias add on the hidden
 * activations (100 x 500), the dropout mask generated and applied in one pass (counter-based,
 * keep 0.25) and applied from a stored float mask, and Adam on W1 (3072 x 500). Each pair must
 * give the same bits (the library's rule for these kernels) before either is timed.
 */
final class ElementwiseCases {
    static final int ROWS = 100;
    static final int HIDDEN = 500;
    static final int ADAM_N = 3072 * 500;

    private ElementwiseCases() {}

    /** One kernel call on arrays it owns; {@link #output} is what is compared. */
    private interface Call {
        double run();

        float[] output();
    }

    /** A kernel pair: SIMD and scalar twin built by the same factory. */
    private interface Factory<K> {
        Call make(K kernel);
    }

    static void measure(Harness.Budget budget, Suite.Sink sink) {
        int n = ROWS * HIDDEN;
        float[] x = random(n, 1);
        pair(sink, budget, "relu forward " + ROWS + "x" + HIDDEN, n, 8.0 * n, ReluKernel.class, "SimdRelu", new ScalarRelu(),
                k -> new Call() {
                    final float[] y = new float[n];
                    public double run() { k.forward(n, x, 0, y, 0); return y[n - 1]; }
                    public float[] output() { return y; }
                });
        float[] bias = random(HIDDEN, 2);
        pair(sink, budget, "bias add " + ROWS + "x" + HIDDEN, n, 8.0 * n + 4.0 * HIDDEN, BiasKernel.class, "SimdBias", new ScalarBias(),
                k -> new Call() {
                    final float[] c = x.clone();
                    public double run() { k.addRowVector(ROWS, HIDDEN, bias, 0, c, 0, HIDDEN); return c[n - 1]; }
                    public float[] output() { return c; }
                });
        int groups = n / 64;
        int masked = groups * 64;
        int threshold = DropoutMasks.threshold(0.25);
        pair(sink, budget, "dropout mask+apply " + masked, masked, 8.0 * masked + masked / 8.0, DropoutMaskKernel.class,
                "SimdDropoutMask", new ScalarDropoutMask(), k -> new Call() {
                    final float[] out = new float[masked];
                    final long[] bits = new long[groups];
                    public double run() {
                        k.forward(1234, 0, 1, 7, 0, threshold, 0, groups, x, 0, 4f, out, 0, bits, 0);
                        return out[masked - 1];
                    }
                    public float[] output() { return out; }
                });
        float[] mask = new float[n];
        for (int i = 0; i < n; i++) mask[i] = (i * 2654435761L & 3) == 0 ? 1f : 0f;
        pair(sink, budget, "dropout apply (float mask) " + n, n, 12.0 * n, DropoutApplyKernel.class, "SimdDropoutApply",
                new ScalarDropoutApply(), k -> new Call() {
                    final float[] out = new float[n];
                    public double run() { k.apply(n, x, 0, mask, 0, 4f, out, 0); return out[n - 1]; }
                    public float[] output() { return out; }
                });
        float[] grad = random(ADAM_N, 3);
        // per element: m, v, w read and written, dw read (28 bytes); ~13 flops incl. sqrt and divide
        pair(sink, budget, "adam update 3072x500", 13.0 * ADAM_N, 28.0 * ADAM_N, UpdatesKernel.class, "SimdUpdates",
                new ScalarUpdates(), k -> new Call() {
                    final float[] w = random(ADAM_N, 4);
                    final float[] m = new float[ADAM_N];
                    final float[] v = new float[ADAM_N];
                    public double run() {
                        k.adam(ADAM_N, w, 0, grad, 0, m, 0, v, 0, 5e-4f, 0.9f, 0.1f, 0.999f, 0.001f, 1e-8f, 0.1f, 0.001f);
                        return w[ADAM_N - 1];
                    }
                    public float[] output() { return w; }
                });
    }

    private static <K> void pair(Suite.Sink sink, Harness.Budget budget, String name, double flops, double bytes,
                                 Class<K> type, String simdClass, K scalar, Factory<K> factory) {
        K simd = VectorSupport.simdOrNull(type, "dev.vecnn.kernels.simd." + simdClass);
        if (simd != null) {
            sink.step("check " + name + " against the scalar twin");
            Call a = factory.make(simd);
            Call b = factory.make(scalar);
            for (int i = 0; i < 3; i++) { // repeated: Adam's state evolves, both must follow the same path
                a.run();
                b.run();
            }
            if (!Arrays.equals(a.output(), b.output())) {
                int at = Arrays.mismatch(a.output(), b.output());
                throw new IllegalStateException(name + ": SIMD gives " + a.output()[at] + " at index " + at
                        + ", the scalar twin " + b.output()[at]);
            }
            sink.step(name + " simd");
            Call timed = factory.make(simd);
            sink.add(Row.of("elementwise", name, "simd", "float32", 1, flops, bytes, Harness.measure(timed::run, budget, Harness.clockFor(1))));
        }
        sink.step(name + " scalar");
        Call timed = factory.make(scalar);
        sink.add(Row.of("elementwise", name, "scalar", "float32", 1, flops, bytes, Harness.measure(timed::run, budget, Harness.clockFor(1))));
    }

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (r.nextDouble() * 2 - 1);
        return x;
    }
}
