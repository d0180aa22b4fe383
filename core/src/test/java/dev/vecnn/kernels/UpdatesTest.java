package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.ScalarUpdates;
import dev.vecnn.kernels.internal.UpdatesKernel;
import static dev.vecnn.kernels.ElementwiseTestData.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Optimizer updates: the SIMD kernel against the scalar twin, bit for bit (NaNs compared as
 * NaN), for every rule, float and double, every tail length and odd offsets, on seeded random
 * weights, gradients and state (with special values in the gradients); argument checks.
 * Agreement with numpy is in {@link UpdatesReferenceTest}.
 */
class UpdatesTest {
    private static final String SIMD = "dev.vecnn.kernels.simd.SimdUpdates";
    private static final UpdatesKernel SCALAR = new ScalarUpdates();

    private static UpdatesKernel simdOrSkip() {
        UpdatesKernel simd = VectorSupport.simdOrNull(UpdatesKernel.class, SIMD);
        Assumptions.assumeTrue(simd != null, "SIMD kernels not enabled");
        return simd;
    }

    private static float[] positive(float[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.abs(a[i]);
        }
        return a;
    }

    private static double[] positive(double[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.abs(a[i]);
        }
        return a;
    }

    @Test
    void simdEqualsScalarFloat() {
        UpdatesKernel simd = simdOrSkip();
        float[] ww = new float[40], wg = new float[40], wv = new float[40], wc = new float[40], wm = new float[40];
        JitWarmup.warm("updates float", () -> {
            simd.sgd(37, ww, 1, wg, 2, 1e-2f);
            simd.momentum(37, ww, 1, wg, 2, wv, 1, 1e-3f, 0.9f);
            simd.rmsprop(37, ww, 1, wg, 2, wc, 2, 1e-2f, 0.99f, 0.01f, 1e-8f);
            simd.adam(37, ww, 1, wg, 2, wm, 1, wv, 1, 1e-3f, 0.9f, 0.1f, 0.999f, 0.001f, 1e-8f, 0.3f, 0.01f);
        });
        Random random = new Random(41);
        tailLengths(VectorSupport.floatLanes()).forEach(n -> {
            for (int off : OFFSETS) {
                int o2 = (off + 3) % 4;
                String at = " n=" + n + " off=" + off;
                float[] dw = floats(random, o2, n, true);
                float[] w1 = floats(random, off, n, false);
                float[] w2 = w1.clone();
                simd.sgd(n, w1, off, dw, o2, 1e-2f);
                SCALAR.sgd(n, w2, off, dw, o2, 1e-2f);
                assertSameBits(w1, w2, "sgd" + at);

                float[] v1 = floats(random, off, n, false);
                float[] v2 = v1.clone();
                simd.momentum(n, w1, off, dw, o2, v1, off, 1e-3f, 0.9f);
                SCALAR.momentum(n, w2, off, dw, o2, v2, off, 1e-3f, 0.9f);
                assertSameBits(w1, w2, "momentum w" + at);
                assertSameBits(v1, v2, "momentum v" + at);

                float[] c1 = positive(floats(random, o2, n, false));
                float[] c2 = c1.clone();
                simd.rmsprop(n, w1, off, dw, o2, c1, o2, 1e-2f, 0.99f, 0.01f, 1e-8f);
                SCALAR.rmsprop(n, w2, off, dw, o2, c2, o2, 1e-2f, 0.99f, 0.01f, 1e-8f);
                assertSameBits(w1, w2, "rmsprop w" + at);
                assertSameBits(c1, c2, "rmsprop cache" + at);

                float[] m1 = floats(random, 1, n, false);
                float[] m2 = m1.clone();
                float[] s1 = positive(floats(random, off, n, false));
                float[] s2 = s1.clone();
                float correction1 = (float) (1 - Math.pow(0.9, 3));
                float correction2 = (float) (1 - Math.pow(0.999, 3));
                simd.adam(n, w1, off, dw, o2, m1, 1, s1, off, 1e-3f, 0.9f, 0.1f, 0.999f, 0.001f, 1e-8f, correction1, correction2);
                SCALAR.adam(n, w2, off, dw, o2, m2, 1, s2, off, 1e-3f, 0.9f, 0.1f, 0.999f, 0.001f, 1e-8f, correction1, correction2);
                assertSameBits(w1, w2, "adam w" + at);
                assertSameBits(m1, m2, "adam m" + at);
                assertSameBits(s1, s2, "adam v" + at);
            }
        });
    }

    @Test
    void simdEqualsScalarDouble() {
        UpdatesKernel simd = simdOrSkip();
        double[] ww = new double[40], wg = new double[40], wv = new double[40], wc = new double[40], wm = new double[40];
        JitWarmup.warm("updates double", () -> {
            simd.sgd(37, ww, 1, wg, 2, 1e-2);
            simd.momentum(37, ww, 1, wg, 2, wv, 1, 1e-3, 0.9);
            simd.rmsprop(37, ww, 1, wg, 2, wc, 2, 1e-2, 0.99, 0.01, 1e-8);
            simd.adam(37, ww, 1, wg, 2, wm, 1, wv, 1, 1e-3, 0.9, 0.1, 0.999, 0.001, 1e-8, 0.3, 0.01);
        });
        Random random = new Random(42);
        tailLengths(VectorSupport.doubleLanes()).forEach(n -> {
            for (int off : OFFSETS) {
                int o2 = (off + 3) % 4;
                String at = " n=" + n + " off=" + off;
                double[] dw = doubles(random, o2, n, true);
                double[] w1 = doubles(random, off, n, false);
                double[] w2 = w1.clone();
                simd.sgd(n, w1, off, dw, o2, 1e-2);
                SCALAR.sgd(n, w2, off, dw, o2, 1e-2);
                assertSameBits(w1, w2, "sgd" + at);

                double[] v1 = doubles(random, off, n, false);
                double[] v2 = v1.clone();
                simd.momentum(n, w1, off, dw, o2, v1, off, 1e-3, 0.9);
                SCALAR.momentum(n, w2, off, dw, o2, v2, off, 1e-3, 0.9);
                assertSameBits(w1, w2, "momentum w" + at);
                assertSameBits(v1, v2, "momentum v" + at);

                double[] c1 = positive(doubles(random, o2, n, false));
                double[] c2 = c1.clone();
                simd.rmsprop(n, w1, off, dw, o2, c1, o2, 1e-2, 0.99, 0.01, 1e-8);
                SCALAR.rmsprop(n, w2, off, dw, o2, c2, o2, 1e-2, 0.99, 0.01, 1e-8);
                assertSameBits(w1, w2, "rmsprop w" + at);
                assertSameBits(c1, c2, "rmsprop cache" + at);

                double[] m1 = doubles(random, 1, n, false);
                double[] m2 = m1.clone();
                double[] s1 = positive(doubles(random, off, n, false));
                double[] s2 = s1.clone();
                double correction1 = 1 - Math.pow(0.9, 7);
                double correction2 = 1 - Math.pow(0.999, 7);
                simd.adam(n, w1, off, dw, o2, m1, 1, s1, off, 1e-3, 0.9, 0.1, 0.999, 0.001, 1e-8, correction1, correction2);
                SCALAR.adam(n, w2, off, dw, o2, m2, 1, s2, off, 1e-3, 0.9, 0.1, 0.999, 0.001, 1e-8, correction1, correction2);
                assertSameBits(w1, w2, "adam w" + at);
                assertSameBits(m1, m2, "adam m" + at);
                assertSameBits(s1, s2, "adam v" + at);
            }
        });
    }

    /**
     * Tiny magnitudes, where products underflow: gradients and state log-uniform in [1e-45, 1e-10]
     * (float) or [1e-320, 1e-150] (double), random signs, a sixth of them signed zeros. This is
     * the range where the SIMD kernel's squared-gradient products (written as FMAs with a -0.0
     * addend, see SimdUpdates) must still equal the scalar twin's plain multiplies, subnormal
     * results and the sign of zero included.
     */
    @Test
    void simdEqualsScalarOnUnderflowingValues() {
        UpdatesKernel simd = simdOrSkip();
        Random random = new Random(43);
        tailLengths(VectorSupport.floatLanes()).forEach(n -> {
            for (int off : OFFSETS) {
                String at = " n=" + n + " off=" + off;
                float[] dw = tinyFloats(random, off, n);
                float[] w1 = floats(random, off, n, false);
                float[] w2 = w1.clone();
                simd.sgd(n, w1, off, dw, off, 1e-3f);
                SCALAR.sgd(n, w2, off, dw, off, 1e-3f);
                assertSameBits(w1, w2, "sgd" + at);
                float[] v1 = tinyFloats(random, off, n);
                float[] v2 = v1.clone();
                simd.momentum(n, w1, off, dw, off, v1, off, 1e-3f, 0.9f);
                SCALAR.momentum(n, w2, off, dw, off, v2, off, 1e-3f, 0.9f);
                assertSameBits(v1, v2, "momentum v" + at);
                assertSameBits(w1, w2, "momentum w" + at);
                float[] c1 = positive(tinyFloats(random, off, n));
                float[] c2 = c1.clone();
                simd.rmsprop(n, w1, off, dw, off, c1, off, 1e-3f, 0.99f, 0.01f, 1e-8f);
                SCALAR.rmsprop(n, w2, off, dw, off, c2, off, 1e-3f, 0.99f, 0.01f, 1e-8f);
                assertSameBits(c1, c2, "rmsprop cache" + at);
                assertSameBits(w1, w2, "rmsprop w" + at);
                float[] m1 = tinyFloats(random, off, n);
                float[] m2 = m1.clone();
                float[] s1 = positive(tinyFloats(random, off, n));
                float[] s2 = s1.clone();
                simd.adam(n, w1, off, dw, off, m1, off, s1, off, 5e-4f, 0.9f, 0.1f, 0.999f, 0.001f, 1e-8f, 0.271f, 0.00299f);
                SCALAR.adam(n, w2, off, dw, off, m2, off, s2, off, 5e-4f, 0.9f, 0.1f, 0.999f, 0.001f, 1e-8f, 0.271f, 0.00299f);
                assertSameBits(m1, m2, "adam m" + at);
                assertSameBits(s1, s2, "adam v" + at);
                assertSameBits(w1, w2, "adam w" + at);
            }
        });
        tailLengths(VectorSupport.doubleLanes()).forEach(n -> {
            for (int off : OFFSETS) {
                String at = " n=" + n + " off=" + off;
                double[] dw = tinyDoubles(random, off, n);
                double[] w1 = doubles(random, off, n, false);
                double[] w2 = w1.clone();
                simd.sgd(n, w1, off, dw, off, 1e-3);
                SCALAR.sgd(n, w2, off, dw, off, 1e-3);
                assertSameBits(w1, w2, "sgd" + at);
                double[] v1 = tinyDoubles(random, off, n);
                double[] v2 = v1.clone();
                simd.momentum(n, w1, off, dw, off, v1, off, 1e-3, 0.9);
                SCALAR.momentum(n, w2, off, dw, off, v2, off, 1e-3, 0.9);
                assertSameBits(v1, v2, "momentum v" + at);
                double[] c1 = positive(tinyDoubles(random, off, n));
                double[] c2 = c1.clone();
                simd.rmsprop(n, w1, off, dw, off, c1, off, 1e-3, 0.99, 0.01, 1e-8);
                SCALAR.rmsprop(n, w2, off, dw, off, c2, off, 1e-3, 0.99, 0.01, 1e-8);
                assertSameBits(c1, c2, "rmsprop cache" + at);
                double[] m1 = tinyDoubles(random, off, n);
                double[] m2 = m1.clone();
                double[] s1 = positive(tinyDoubles(random, off, n));
                double[] s2 = s1.clone();
                simd.adam(n, w1, off, dw, off, m1, off, s1, off, 5e-4, 0.9, 0.1, 0.999, 0.001, 1e-8, 0.271, 0.00299);
                SCALAR.adam(n, w2, off, dw, off, m2, off, s2, off, 5e-4, 0.9, 0.1, 0.999, 0.001, 1e-8, 0.271, 0.00299);
                assertSameBits(m1, m2, "adam m" + at);
                assertSameBits(s1, s2, "adam v" + at);
                assertSameBits(w1, w2, "adam w" + at);
            }
        });
    }

    /** {@code offset + n + 2} floats: tiny signed values at [offset, offset + n) (see above). */
    private static float[] tinyFloats(Random random, int offset, int n) {
        float[] a = floats(random, offset, n, false);
        for (int i = 0; i < n; i++) {
            float sign = random.nextBoolean() ? 1f : -1f;
            a[offset + i] = random.nextInt(6) == 0 ? sign * 0f : sign * (float) Math.pow(10, -10 - 35 * random.nextDouble());
        }
        return a;
    }

    /** Double twin of {@link #tinyFloats}. */
    private static double[] tinyDoubles(Random random, int offset, int n) {
        double[] a = doubles(random, offset, n, false);
        for (int i = 0; i < n; i++) {
            double sign = random.nextBoolean() ? 1 : -1;
            a[offset + i] = random.nextInt(6) == 0 ? sign * 0.0 : sign * Math.pow(10, -150 - 170 * random.nextDouble());
        }
        return a;
    }

    @Test
    void badArgumentsNameTheArgumentAndBothValues() {
        float[] a = new float[6];
        double[] d = new double[6];
        assertThatThrownBy(() -> Updates.sgd(-1, a, 0, a, 0, 1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("n must be >= 0, got -1");
        assertThatThrownBy(() -> Updates.sgd(6, a, 0, new float[5], 0, 1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dw too short: need 6 elements (offset 0 + length 6), got 5");
        assertThatThrownBy(() -> Updates.momentum(6, d, 0, d, 0, new double[6], 1, 1, 0.9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("velocity too short: need 7 elements (offset 1 + length 6), got 6");
        assertThatThrownBy(() -> Updates.rmsprop(6, a, 0, a, 0, a, 0, 1f, 1.5f, 1e-8f))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("decay must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> Updates.rmsprop(6, d, 0, d, 0, null, 0, 1, 0.99, 1e-8))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cache must not be null");
        assertThatThrownBy(() -> Updates.adam(6, a, 0, a, 0, a, 0, a, 0, 1e-3f, 0.9f, 0.999f, 1e-8f, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("t must be >= 1, got 0");
        assertThatThrownBy(() -> Updates.adam(6, d, 0, d, 0, d, 0, d, 0, 1e-3, 1.0, 0.999, 1e-8, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("beta1 must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> Updates.adam(6, d, 0, d, 0, d, 0, d, 0, 1e-3, 0.9, Double.NaN, 1e-8, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("beta2 must be in [0, 1), got NaN");
        assertThatThrownBy(() -> Updates.adam(6, d, 0, d, 0, d, 0, new double[4], 0, 1e-3, 0.9, 0.999, 1e-8, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("v too short: need 6 elements (offset 0 + length 6), got 4");
    }
}
