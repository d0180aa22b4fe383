package dev.vecnn.kernels;

import static dev.vecnn.kernels.ElementwiseTestData.OFFSETS;
import static dev.vecnn.kernels.ElementwiseTestData.tailLengths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vecnn.kernels.internal.FiniteCheckKernel;
import dev.vecnn.kernels.internal.ScalarFiniteCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The finite check: every kernel (scalar twin and, when enabled, SIMD) finds the first NaN or
 * infinity, planted at every position of every tail length and offset, and -1 when there is none
 * (signed zeros, the largest and smallest values are finite); the facade checks its arguments.
 */
class FiniteCheckTest {
    private static final String SIMD = "dev.vecnn.kernels.simd.SimdFiniteCheck";

    private static List<FiniteCheckKernel> kernels() {
        List<FiniteCheckKernel> list = new ArrayList<>(List.of(new ScalarFiniteCheck()));
        FiniteCheckKernel simd = VectorSupport.simdOrNull(FiniteCheckKernel.class, SIMD);
        if (simd != null) {
            list.add(simd);
        }
        return list;
    }

    private static final float[] FLOAT_BAD = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.intBitsToFloat(0xffc00001)};
    private static final float[] FLOAT_FINITE = {0f, -0f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, 1e-40f};
    private static final double[] DOUBLE_BAD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    private static final double[] DOUBLE_FINITE = {0d, -0d, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE};

    @Test
    void findsTheFirstNonFiniteFloatAtEveryPositionAndTail() {
        Random random = new Random(5);
        for (FiniteCheckKernel k : kernels()) {
            tailLengths(VectorSupport.floatLanes()).forEach(n -> {
                for (int off : OFFSETS) {
                    float[] x = new float[off + n + 3];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = random.nextInt(4) == 0 ? FLOAT_FINITE[random.nextInt(FLOAT_FINITE.length)]
                                : (float) random.nextGaussian() * 100;
                    }
                    x[off + n] = Float.NaN; // just past the run: must not be seen
                    if (off > 0) {
                        x[off - 1] = Float.POSITIVE_INFINITY; // just before it
                    }
                    assertThat(k.firstNonFinite(n, x, off)).as("%s n=%d off=%d all finite", k, n, off).isEqualTo(-1);
                    for (int at = 0; at < n; at++) {
                        float[] y = x.clone();
                        y[off + at] = FLOAT_BAD[at % FLOAT_BAD.length];
                        if (at + 1 < n) {
                            y[off + n - 1] = Float.NaN; // a later one too: the first is reported
                        }
                        assertThat(k.firstNonFinite(n, y, off)).as("%s n=%d off=%d at=%d", k, n, off, at).isEqualTo(at);
                    }
                }
            });
        }
    }

    @Test
    void findsTheFirstNonFiniteDoubleAtEveryPositionAndTail() {
        Random random = new Random(6);
        for (FiniteCheckKernel k : kernels()) {
            tailLengths(VectorSupport.doubleLanes()).forEach(n -> {
                for (int off : OFFSETS) {
                    double[] x = new double[off + n + 3];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = random.nextInt(4) == 0 ? DOUBLE_FINITE[random.nextInt(DOUBLE_FINITE.length)]
                                : random.nextGaussian() * 100;
                    }
                    x[off + n] = Double.NEGATIVE_INFINITY;
                    assertThat(k.firstNonFinite(n, x, off)).as("%s n=%d off=%d all finite", k, n, off).isEqualTo(-1);
                    for (int at = 0; at < n; at++) {
                        double[] y = x.clone();
                        y[off + at] = DOUBLE_BAD[at % DOUBLE_BAD.length];
                        assertThat(k.firstNonFinite(n, y, off)).as("%s n=%d off=%d at=%d", k, n, off, at).isEqualTo(at);
                    }
                }
            });
        }
    }

    @Test
    void facadeChecksItsArguments() {
        assertThat(FiniteCheck.firstNonFinite(0, new float[0], 0)).isEqualTo(-1);
        assertThat(FiniteCheck.firstNonFinite(2, new double[] {1, Double.NaN}, 0)).isEqualTo(1);
        assertThatThrownBy(() -> FiniteCheck.firstNonFinite(3, new float[2], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
        assertThatThrownBy(() -> FiniteCheck.firstNonFinite(-1, new float[2], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n");
    }
}
