package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.ScalarSoftmaxLoss;
import dev.vecnn.kernels.internal.SoftmaxLossKernel;
import static dev.vecnn.kernels.ElementwiseTestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Softmax cross-entropy. Reference values are closed forms: uniform scores give log(C) and
 * (1/C - onehot)/N; two classes [0, a] give log1p(exp(±a)) and the logistic probability.
 * The SIMD kernel is compared with the scalar twin to a tight tolerance, not bit for bit: both
 * form exp with Math.exp in double and sum in order, but the SIMD kernel scales the gradient as
 * e / (sum * N) (rounded to float before the scaling for float scores) where the scalar twin
 * computes exp(shifted - logSum) / N. Double: 1e-13 relative. Float: loss 2e-6 relative and
 * gradient 2e-6 relative plus 4e-7/N absolute (the label entry p - 1 cancels when p is near 1;
 * gradient entries are on the scale 1/N); these bounds date from a SIMD kernel that formed exp
 * in float lanes and are kept as they are. Labels out of range are rejected with index and value.
 */
class SoftmaxLossTest {
    private static final String SIMD = "dev.vecnn.kernels.simd.SimdSoftmaxLoss";
    private static final SoftmaxLossKernel SCALAR = new ScalarSoftmaxLoss();

    private static SoftmaxLossKernel simdOrSkip() {
        SoftmaxLossKernel simd = VectorSupport.simdOrNull(SoftmaxLossKernel.class, SIMD);
        Assumptions.assumeTrue(simd != null, "SIMD kernels not enabled");
        return simd;
    }

    private static List<SoftmaxLossKernel> kernels() {
        List<SoftmaxLossKernel> list = new ArrayList<>(List.of(SCALAR));
        SoftmaxLossKernel simd = VectorSupport.simdOrNull(SoftmaxLossKernel.class, SIMD);
        if (simd != null) {
            list.add(simd);
        }
        return list;
    }

    /** Random scores, a few -Inf and a few ±1e4 logits, with a gap of 2 between rows. */
    private static float[] scores(Random random, int off, int rows, int classes, int ld) {
        int size = rows == 0 ? 0 : (rows - 1) * ld + classes;
        float[] s = floats(random, off, size, false);
        for (int i = 0; i < size; i++) {
            int pick = random.nextInt(12);
            s[off + i] = pick == 0 ? Float.NEGATIVE_INFINITY
                    : pick == 1 ? 1e4f : pick == 2 ? -1e4f : s[off + i] * 5;
        }
        return s;
    }

    private static int[] labels(Random random, int rows, int classes, int off) {
        int[] y = new int[off + rows];
        for (int i = 0; i < rows; i++) {
            y[off + i] = random.nextInt(classes);
        }
        return y;
    }

    @Test
    void simdIsCloseToScalarFloat() {
        SoftmaxLossKernel simd = simdOrSkip();
        float[] ws = new float[120], wd = new float[120];
        int[] wy = new int[3];
        JitWarmup.warm("softmax float", () -> {
            simd.lossAndGradient(3, 37, ws, 1, 39, wy, 0, wd, 1, 39);
        });
        Random random = new Random(31);
        int lanes = VectorSupport.floatLanes();
        for (int classes = 1; classes <= 2 * lanes + 1 || classes <= 17; classes++) {
            for (int rows : new int[] {0, 1, 3, 7}) {
                for (int off : OFFSETS) {
                    int ld = classes + off % 3;
                    float[] s = scores(random, off, rows, classes, ld);
                    int[] y = labels(random, rows, classes, off % 2);
                    int dOff = (off + 1) % 4;
                    int ldd = classes + 1;
                    int dSize = rows == 0 ? 0 : (rows - 1) * ldd + classes;
                    float[] d1 = floats(random, dOff, dSize, false);
                    float[] d2 = d1.clone();
                    double l1 = simd.lossAndGradient(rows, classes, s, off, ld, y, off % 2, d1, dOff, ldd);
                    double l2 = SCALAR.lossAndGradient(rows, classes, s, off, ld, y, off % 2, d2, dOff, ldd);
                    String at = "rows=" + rows + " classes=" + classes + " off=" + off;
                    if (Double.isFinite(l2)) {
                        assertThat(l1).as("loss " + at).isCloseTo(l2, within(2e-6 * Math.max(1, Math.abs(l2))));
                    } else { // NaN (a row of all -Inf) or +Inf (a label on -Inf) in both
                        assertThat(Double.compare(l1, l2)).as("loss %s vs %s %s", l1, l2, at).isZero();
                    }
                    for (int i = 0; i < d1.length; i++) {
                        if (Float.isNaN(d2[i])) {
                            assertThat(d1[i]).as("dscores[%d] %s", i, at).isNaN();
                        } else {
                            assertThat(d1[i]).as("dscores[%d] %s", i, at)
                                    .isCloseTo(d2[i], within(2e-6f * Math.abs(d2[i]) + 4e-7f / rows));
                        }
                    }
                    // loss only: dscores untouched
                    double l3 = simd.lossAndGradient(rows, classes, s, off, ld, y, off % 2, null, 0, 0);
                    assertThat(Double.compare(l3, l1)).as("loss without gradient " + at).isZero();
                }
            }
        }
    }

    @Test
    void simdIsCloseToScalarDouble() {
        SoftmaxLossKernel simd = simdOrSkip();
        double[] ws = new double[120], wd = new double[120];
        int[] wy = new int[3];
        JitWarmup.warm("softmax double", () -> {
            simd.lossAndGradient(3, 37, ws, 1, 39, wy, 0, wd, 1, 39);
        });
        Random random = new Random(32);
        for (int classes = 1; classes <= 2 * VectorSupport.doubleLanes() + 1 || classes <= 17; classes++) {
            for (int rows : new int[] {0, 1, 3, 7}) {
                for (int off : OFFSETS) {
                    int ld = classes + off % 3;
                    float[] sf = scores(random, off, rows, classes, ld);
                    double[] s = new double[sf.length];
                    for (int i = 0; i < s.length; i++) {
                        s[i] = sf[i];
                    }
                    int[] y = labels(random, rows, classes, 0);
                    double[] d1 = doubles(random, off, rows * classes, false);
                    double[] d2 = d1.clone();
                    double l1 = simd.lossAndGradient(rows, classes, s, off, ld, y, 0, d1, off, classes);
                    double l2 = SCALAR.lossAndGradient(rows, classes, s, off, ld, y, 0, d2, off, classes);
                    String at = "rows=" + rows + " classes=" + classes + " off=" + off;
                    if (Double.isFinite(l2)) {
                        assertThat(l1).as("loss " + at).isCloseTo(l2, within(1e-13 * Math.max(1, Math.abs(l2))));
                    } else { // NaN (a row of all -Inf) or +Inf (a label on -Inf) in both
                        assertThat(Double.compare(l1, l2)).as("loss %s vs %s %s", l1, l2, at).isZero();
                    }
                    for (int i = 0; i < d1.length; i++) {
                        if (Double.isNaN(d2[i])) {
                            assertThat(d1[i]).as("dscores[%d] %s", i, at).isNaN();
                        } else {
                            assertThat(d1[i]).as("dscores[%d] %s", i, at)
                                    .isCloseTo(d2[i], within(1e-13 * Math.abs(d2[i]) + 1e-300));
                        }
                    }
                }
            }
        }
    }

    @Test
    void uniformScoresGiveLogClassesAndUniformGradient() {
        int rows = 4;
        for (int classes : new int[] {1, 3, 10, 17}) {
            for (SoftmaxLossKernel kernel : kernels()) {
                double[] s = new double[rows * classes]; // all 0.75
                java.util.Arrays.fill(s, 0.75);
                int[] y = {0, classes - 1, classes / 2, 0};
                double[] d = new double[rows * classes];
                double loss = kernel.lossAndGradient(rows, classes, s, 0, classes, y, 0, d, 0, classes);
                assertThat(loss).as(kernel + " C=" + classes).isCloseTo(Math.log(classes), within(1e-15));
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < classes; j++) {
                        double expected = (1.0 / classes - (j == y[i] ? 1 : 0)) / rows;
                        assertThat(d[i * classes + j]).isCloseTo(expected, within(1e-16));
                    }
                }
            }
        }
    }

    @Test
    void stableForLogitsOfPlusMinus1e4() {
        // two classes with scores [0, a]: loss(label 0) = log1p(exp(a)), loss(label 1) = log1p(exp(-a))
        // (for a = 1e4 that is 1e4 and 0); repeated in 9 rows so vectors and tails both see it.
        for (float a : new float[] {1e4f, -1e4f, 30f}) {
            int rows = 2;
            float[] s = {0f, a, 0f, a};
            int[] y = {0, 1};
            for (SoftmaxLossKernel kernel : kernels()) {
                float[] d = new float[4];
                double loss = kernel.lossAndGradient(rows, 2, s, 0, 2, y, 0, d, 0, 2);
                double l0 = a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
                double l1 = a > 0 ? Math.log1p(Math.exp(-a)) : -a + Math.log1p(Math.exp(a));
                assertThat(loss).as(kernel + " a=" + a).isCloseTo((l0 + l1) / 2, within(1e-6 * (1 + Math.abs(a))));
                double p1 = 1 / (1 + Math.exp(-a)); // probability of class 1
                assertThat(d[0]).isCloseTo((float) ((1 - p1 - 1) / rows), within(1e-7f));
                assertThat(d[1]).isCloseTo((float) (p1 / rows), within(1e-7f));
                assertThat(d[2]).isCloseTo((float) ((1 - p1) / rows), within(1e-7f));
                assertThat(d[3]).isCloseTo((float) ((p1 - 1) / rows), within(1e-7f));
            }
        }
        // 1e4 on a wider row (vector body) in double
        int classes = 19;
        double[] s = new double[classes];
        s[13] = 1e4;
        s[2] = -1e4;
        for (SoftmaxLossKernel kernel : kernels()) {
            double[] d = new double[classes];
            assertThat(kernel.lossAndGradient(1, classes, s, 0, classes, new int[] {13}, 0, d, 0, classes))
                    .isCloseTo(0, within(1e-300));
            assertThat(kernel.lossAndGradient(1, classes, s, 0, classes, new int[] {2}, 0, null, 0, 0))
                    .isCloseTo(2e4, within(1e-9));
            assertThat(d[13]).isZero();
            assertThat(d[0]).isZero();
        }
    }

    @Test
    void negativeInfinityScoresHaveProbabilityZeroAndOtherSpecialsGiveNaN() {
        double ninf = Double.NEGATIVE_INFINITY;
        int classes = 11; // one whole double vector (4 or 8 lanes) plus a tail
        double[] row = new double[classes];
        java.util.Arrays.fill(row, ninf);
        row[0] = 0;
        row[9] = 0; // two finite classes, both 0: probability 1/2 each
        for (SoftmaxLossKernel kernel : kernels()) {
            double[] d = new double[classes];
            double loss = kernel.lossAndGradient(1, classes, row, 0, classes, new int[] {9}, 0, d, 0, classes);
            assertThat(loss).as(kernel.toString()).isCloseTo(Math.log(2), within(1e-15));
            assertThat(d[0]).isCloseTo(0.5, within(1e-15));
            assertThat(d[9]).isCloseTo(-0.5, within(1e-15));
            assertThat(d[5]).isZero();
            // label on a -Inf score: infinite loss, gradient -1 there
            loss = kernel.lossAndGradient(1, classes, row, 0, classes, new int[] {4}, 0, d, 0, classes);
            assertThat(loss).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(d[4]).isEqualTo(-1.0);
            // NaN, +Inf or all -Inf: NaN loss
            double[] bad = row.clone();
            bad[3] = Double.NaN;
            assertThat(kernel.lossAndGradient(1, classes, bad, 0, classes, new int[] {0}, 0, null, 0, 0)).isNaN();
            bad[3] = Double.POSITIVE_INFINITY;
            assertThat(kernel.lossAndGradient(1, classes, bad, 0, classes, new int[] {0}, 0, null, 0, 0)).isNaN();
            java.util.Arrays.fill(bad, ninf);
            assertThat(kernel.lossAndGradient(1, classes, bad, 0, classes, new int[] {0}, 0, null, 0, 0)).isNaN();
        }
    }

    @Test
    void gradientMayOverwriteScoresInPlace() {
        Random random = new Random(33);
        int rows = 5;
        int classes = 13;
        float[] s = scores(random, 0, rows, classes, classes);
        int[] y = labels(random, rows, classes, 0);
        float[] expected = new float[rows * classes];
        double expectedLoss = SoftmaxLoss.lossAndGradient(rows, classes, s, 0, classes, y, 0, expected, 0, classes);
        double loss = SoftmaxLoss.lossAndGradient(rows, classes, s, 0, classes, y, 0, s, 0, classes);
        assertThat(loss).isEqualTo(expectedLoss);
        assertThat(java.util.Arrays.copyOf(s, expected.length)).containsExactly(expected);
    }

    @Test
    void labelsOutOfRangeAreRejectedWithIndexAndValue() {
        float[] s = new float[3 * 10];
        assertThatThrownBy(() -> SoftmaxLoss.lossAndGradient(3, 10, s, 0, 10, new int[] {9, 9, 4, 10}, 1, null, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels[3] (row 2) must be in [0, 10), got 10");
        assertThatThrownBy(() -> SoftmaxLoss.lossAndGradient(3, 10, new double[30], 0, 10, new int[] {-1, 0, 0}, 0,
                new double[30], 0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels[0] (row 0) must be in [0, 10), got -1");
        assertThatThrownBy(() -> SoftmaxLoss.lossAndGradient(3, 0, s, 0, 10, new int[3], 0, null, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("classes must be >= 1, got 0");
        assertThatThrownBy(() -> SoftmaxLoss.lossAndGradient(3, 10, s, 0, 10, new int[2], 0, null, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels too short: need 3 elements (offset 0 + length 3), got 2");
        assertThatThrownBy(() -> SoftmaxLoss.lossAndGradient(3, 10, s, 0, 10, new int[3], 0, new float[30], 0, 9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leading dimension of dscores must be >= 10 (its column count), got 9");
        assertThatThrownBy(() -> SoftmaxLoss.lossAndGradient(3, 10, (float[]) null, 0, 10, new int[3], 0, null, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("scores must not be null");
    }
}
