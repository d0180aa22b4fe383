package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.DropoutApplyKernel;
import dev.vecnn.kernels.internal.ScalarDropoutApply;
import static dev.vecnn.kernels.ElementwiseTestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Dropout mask apply {@code out = x * mask * scale}: SIMD against the scalar twin (bit for bit;
 * NaNs compared as NaN) over every tail length and odd offsets with special values; the
 * documented IEEE behaviour of NaN, ±Inf and -0.0 under kept and dropped units; the notebook's
 * small example; argument checks.
 */
class DropoutApplyTest {
    private static final String SIMD = "dev.vecnn.kernels.simd.SimdDropoutApply";
    private static final DropoutApplyKernel SCALAR = new ScalarDropoutApply();

    private static DropoutApplyKernel simdOrSkip() {
        DropoutApplyKernel simd = VectorSupport.simdOrNull(DropoutApplyKernel.class, SIMD);
        Assumptions.assumeTrue(simd != null, "SIMD kernels not enabled");
        return simd;
    }

    private static List<DropoutApplyKernel> kernels() {
        List<DropoutApplyKernel> list = new ArrayList<>(List.of(SCALAR));
        DropoutApplyKernel simd = VectorSupport.simdOrNull(DropoutApplyKernel.class, SIMD);
        if (simd != null) {
            list.add(simd);
        }
        return list;
    }

    @Test
    void simdEqualsScalarFloat() {
        DropoutApplyKernel simd = simdOrSkip();
        float[] wx = new float[40], wm = new float[40], wo = new float[40];
        JitWarmup.warm("dropout apply float", () -> {
            simd.apply(37, wx, 1, wm, 2, 2, wo, 2);
        });
        Random random = new Random(11);
        float[] scales = {1f, 1f / 0.25f, 1f / 0.7f};
        tailLengths(VectorSupport.floatLanes()).forEach(n -> {
            for (int off : OFFSETS) {
                int maskOff = (off + 2) % 5;
                float[] x = floats(random, off, n, true);
                float[] mask = floatMask(random, maskOff, n);
                for (float scale : scales) {
                    float[] out1 = floats(random, maskOff, n, false);
                    float[] out2 = out1.clone();
                    simd.apply(n, x, off, mask, maskOff, scale, out1, maskOff);
                    SCALAR.apply(n, x, off, mask, maskOff, scale, out2, maskOff);
                    assertSameBits(out1, out2, "n=" + n + " off=" + off + " scale=" + scale);
                }
            }
        });
    }

    @Test
    void simdEqualsScalarDouble() {
        DropoutApplyKernel simd = simdOrSkip();
        double[] wx = new double[40], wm = new double[40], wo = new double[40];
        JitWarmup.warm("dropout apply double", () -> {
            simd.apply(37, wx, 1, wm, 2, 2, wo, 2);
        });
        Random random = new Random(12);
        tailLengths(VectorSupport.doubleLanes()).forEach(n -> {
            for (int off : OFFSETS) {
                int maskOff = (off + 2) % 5;
                double[] x = doubles(random, off, n, true);
                double[] mask = doubleMask(random, maskOff, n);
                double[] out1 = doubles(random, maskOff, n, false);
                double[] out2 = out1.clone();
                simd.apply(n, x, off, mask, maskOff, 1 / 0.3, out1, maskOff);
                SCALAR.apply(n, x, off, mask, maskOff, 1 / 0.3, out2, maskOff);
                assertSameBits(out1, out2, "n=" + n + " off=" + off);
            }
        });
    }

    @Test
    void specialValuesFollowIeeeProductsLikeNumpy() {
        // x, mask, expected out for scale 2: kept values are scaled, dropped NaN/Inf give NaN,
        // dropped negatives and -0.0 give -0.0 (== 0).
        float[][] cases = {
            {Float.NaN, 1, Float.NaN},
            {Float.NaN, 0, Float.NaN},
            {Float.POSITIVE_INFINITY, 1, Float.POSITIVE_INFINITY},
            {Float.POSITIVE_INFINITY, 0, Float.NaN},
            {Float.NEGATIVE_INFINITY, 1, Float.NEGATIVE_INFINITY},
            {Float.NEGATIVE_INFINITY, 0, Float.NaN},
            {-0.0f, 1, -0.0f},
            {-0.0f, 0, -0.0f},
            {0.0f, 0, 0.0f},
            {-3f, 0, -0.0f},
            {-3f, 1, -6f},
            {3f, 0, 0.0f},
            {Float.MAX_VALUE, 1, Float.POSITIVE_INFINITY}, // overflow when scaled
        };
        int repeat = 4; // so the cases fall in whole vectors and in the tail
        int n = cases.length * repeat;
        float[] x = new float[n];
        float[] mask = new float[n];
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) {
            float[] c = cases[i % cases.length];
            x[i] = c[0];
            mask[i] = c[1];
            expected[i] = c[2];
        }
        for (DropoutApplyKernel kernel : kernels()) {
            float[] out = new float[n];
            kernel.apply(n, x, 0, mask, 0, 2f, out, 0);
            assertSameBits(out, expected, kernel.getClass().getSimpleName());
        }
        double[] xd = new double[n];
        double[] maskd = new double[n];
        double[] expectedD = new double[n];
        for (int i = 0; i < n; i++) {
            xd[i] = x[i];
            maskd[i] = mask[i];
            expectedD[i] = i % cases.length == 12 ? Double.MAX_VALUE : expected[i]; // no overflow in double
            if (i % cases.length == 12) {
                xd[i] = Double.MAX_VALUE / 2;
            }
        }
        double[] out = new double[n];
        DropoutApply.apply(n, xd, 0, maskd, 0, 2, out, 0);
        assertSameBits(out, expectedD, "facade double");
    }

    @Test
    void notebookExampleInvertedMask() {
        // np.random.seed(231); (rand(2,3) < 0.8) / 0.8 -> [[1.25,1.25,1.25],[1.25,0,0]] (notebook);
        // here the same 0/1 mask applied to ones with scale 1/0.8, in place.
        float[] ones = {1, 1, 1, 1, 1, 1};
        float[] mask = {1, 1, 1, 1, 0, 0};
        DropoutApply.apply(6, ones, 0, mask, 0, 1f / 0.8f, ones, 0);
        assertThat(ones).containsExactly(1.25f, 1.25f, 1.25f, 1.25f, 0f, 0f);
    }

    @Test
    void badArgumentsNameTheArgumentAndBothValues() {
        float[] a = new float[8];
        assertThatThrownBy(() -> DropoutApply.apply(-2, a, 0, a, 0, 1f, a, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("n must be >= 0, got -2");
        assertThatThrownBy(() -> DropoutApply.apply(8, a, 0, new float[7], 0, 1f, a, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mask too short: need 8 elements (offset 0 + length 8), got 7");
        assertThatThrownBy(() -> DropoutApply.apply(4, new double[8], 0, new double[8], 0, 1, new double[8], 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("out too short: need 9 elements (offset 5 + length 4), got 8");
        assertThatThrownBy(() -> DropoutApply.apply(4, a, 0, null, 0, 1f, a, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("mask must not be null");
    }
}
