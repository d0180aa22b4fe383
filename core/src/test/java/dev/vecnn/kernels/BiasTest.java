package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.BiasKernel;
import dev.vecnn.kernels.internal.ScalarBias;
import static dev.vecnn.kernels.ElementwiseTestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Bias add and column sums: SIMD against the scalar twin bit for bit over every column tail,
 * strips of four vectors, odd leading dimensions and offsets, with special values; column sums
 * against a plain row-order loop written here; argument checks.
 */
class BiasTest {
    private static final String SIMD = "dev.vecnn.kernels.simd.SimdBias";
    private static final BiasKernel SCALAR = new ScalarBias();
    private static final int[] ROWS = {0, 1, 2, 5};

    private static BiasKernel simdOrSkip() {
        BiasKernel simd = VectorSupport.simdOrNull(BiasKernel.class, SIMD);
        Assumptions.assumeTrue(simd != null, "SIMD kernels not enabled");
        return simd;
    }

    /** Tail lengths 0..2L+1 plus widths around the four-vector strip (4L) and beyond. */
    private static int[] columnCounts(int lanes) {
        return IntStream.concat(tailLengths(lanes),
                IntStream.of(4 * lanes - 1, 4 * lanes, 4 * lanes + 1, 5 * lanes + 3, 9 * lanes + 1)).toArray();
    }

    @Test
    void simdEqualsScalarFloat() {
        BiasKernel simd = simdOrSkip();
        float[] wb = new float[40], wc = new float[120], ws = new float[40];
        JitWarmup.warm("bias float", () -> {
            simd.addRowVector(3, 37, wb, 1, wc, 1, 39);
            simd.columnSums(3, 37, wc, 1, 39, ws, 1);
        });
        Random random = new Random(21);
        for (int cols : columnCounts(VectorSupport.floatLanes())) {
            for (int rows : ROWS) {
                for (int off : OFFSETS) {
                    int ld = cols + (off % 2 == 0 ? 0 : 3);
                    int size = rows == 0 ? 0 : (rows - 1) * ld + cols;
                    float[] bias = floats(random, off, cols, true);
                    float[] c1 = floats(random, off, size, true);
                    float[] c2 = c1.clone();
                    simd.addRowVector(rows, cols, bias, off, c1, off, ld);
                    SCALAR.addRowVector(rows, cols, bias, off, c2, off, ld);
                    assertSameBits(c1, c2, "add rows=" + rows + " cols=" + cols + " off=" + off);
                    float[] s1 = floats(random, 1, cols, false);
                    float[] s2 = s1.clone();
                    simd.columnSums(rows, cols, c1, off, ld, s1, 1);
                    SCALAR.columnSums(rows, cols, c1, off, ld, s2, 1);
                    assertSameBits(s1, s2, "sums rows=" + rows + " cols=" + cols + " off=" + off);
                }
            }
        }
    }

    @Test
    void simdEqualsScalarDouble() {
        BiasKernel simd = simdOrSkip();
        double[] wb = new double[40], wc = new double[120], ws = new double[40];
        JitWarmup.warm("bias double", () -> {
            simd.addRowVector(3, 37, wb, 1, wc, 1, 39);
            simd.columnSums(3, 37, wc, 1, 39, ws, 1);
        });
        Random random = new Random(22);
        for (int cols : columnCounts(VectorSupport.doubleLanes())) {
            for (int rows : ROWS) {
                for (int off : OFFSETS) {
                    int ld = cols + (off % 2 == 0 ? 0 : 3);
                    int size = rows == 0 ? 0 : (rows - 1) * ld + cols;
                    double[] bias = doubles(random, off, cols, true);
                    double[] c1 = doubles(random, off, size, true);
                    double[] c2 = c1.clone();
                    simd.addRowVector(rows, cols, bias, off, c1, off, ld);
                    SCALAR.addRowVector(rows, cols, bias, off, c2, off, ld);
                    assertSameBits(c1, c2, "add rows=" + rows + " cols=" + cols + " off=" + off);
                    double[] s1 = doubles(random, 1, cols, false);
                    double[] s2 = s1.clone();
                    simd.columnSums(rows, cols, c1, off, ld, s1, 1);
                    SCALAR.columnSums(rows, cols, c1, off, ld, s2, 1);
                    assertSameBits(s1, s2, "sums rows=" + rows + " cols=" + cols + " off=" + off);
                }
            }
        }
    }

    @Test
    void columnSumsAreThePlainRowOrderLoopEvenWhenThatOrderMatters() {
        // 100 rows x 77 columns of values spanning many magnitudes, where summation order changes
        // the float result: the facade must give exactly the row-order loop, for any kernel.
        Random random = new Random(23);
        int rows = 100;
        int cols = 77;
        int ld = 80;
        float[] a = new float[rows * ld];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4));
        }
        float[] expected = new float[cols];
        for (int j = 0; j < cols; j++) {
            float s = 0f;
            for (int i = 0; i < rows; i++) {
                s += a[i * ld + j];
            }
            expected[j] = s;
        }
        float[] sums = new float[cols];
        Bias.columnSums(rows, cols, a, 0, ld, sums, 0);
        assertSameBits(sums, expected, "column sums");
        // and the order does matter for this data (otherwise the test proves little)
        float[] reversed = new float[cols];
        for (int j = 0; j < cols; j++) {
            for (int i = rows - 1; i >= 0; i--) {
                reversed[j] += a[i * ld + j];
            }
        }
        assertThat(reversed).isNotEqualTo(expected);
    }

    @Test
    void specialValuesAndSignedZeros() {
        // column 0: NaN propagates; column 1: +Inf and -Inf give NaN; column 2: all -0.0 sums to
        // +0.0 (the sum starts at +0.0; numpy's sum would give -0.0); column 3: +Inf stays.
        double[] a = {
            Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1,
            1, Double.NEGATIVE_INFINITY, -0.0, Double.POSITIVE_INFINITY,
        };
        double[] sums = new double[4];
        Bias.columnSums(2, 4, a, 0, 4, sums, 0);
        assertThat(sums[0]).isNaN();
        assertThat(sums[1]).isNaN();
        assertThat(Double.doubleToRawLongBits(sums[2])).isZero();
        assertThat(sums[3]).isEqualTo(Double.POSITIVE_INFINITY);

        float[] c = {1, 2, 3, -0.0f, 9, 9, 4, 5, 6, 7, 9, 9};
        Bias.addRowVector(2, 4, new float[] {0.5f, Float.NaN, -3f, -0.0f}, 0, c, 0, 6);
        assertSameBits(c, new float[] {1.5f, Float.NaN, 0f, -0.0f, 9, 9, 4.5f, Float.NaN, 3f, 7f, 9, 9},
                "bias add");
    }

    @Test
    void badArgumentsNameTheArgumentAndBothValues() {
        float[] c = new float[20];
        float[] b = new float[5];
        assertThatThrownBy(() -> Bias.addRowVector(4, 5, b, 0, c, 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leading dimension of c must be >= 5 (its column count), got 4");
        assertThatThrownBy(() -> Bias.addRowVector(4, 5, b, 1, c, 0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bias too short: need 6 elements (offset 1 + length 5), got 5");
        assertThatThrownBy(() -> Bias.addRowVector(4, 5, b, 0, c, 1, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("c too short for 4x5 with leading dimension 5 at offset 1: need 21 elements, got 20");
        assertThatThrownBy(() -> Bias.columnSums(-1, 5, c, 0, 5, b, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("rows must be >= 0, got -1");
        assertThatThrownBy(() -> Bias.columnSums(4, 6, new double[24], 0, 6, new double[5], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sums too short: need 6 elements (offset 0 + length 6), got 5");
    }
}
