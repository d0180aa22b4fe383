package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.BiasKernel;
import dev.vecnn.kernels.internal.ScalarBias;

/**
 * Bias kernels for an affine layer: add a row vector to every row of a matrix
 * ({@code out = x @ w + b}) and sum the rows of a matrix ({@code db = dout.sum(axis=0)}).
 *
 * <p>Column sums add the rows in order 0..rows-1 into a sum starting at +0.0, in the SIMD and
 * the scalar kernel alike, so the result is bit-identical either way (and to a plain loop).
 * NaN and ±Inf follow IEEE addition; a column of only -0.0 sums to +0.0 (numpy's sum, which
 * starts from the first element, would give -0.0).
 * Dispatches once to the SIMD kernel when the Vector API is available, else to
 * {@code ScalarBias}.
 */
public final class Bias {
    private static final BiasKernel IMPL =
            VectorSupport.choose(BiasKernel.class, "dev.vecnn.kernels.simd.SimdBias", new ScalarBias());

    private Bias() {}

    /** {@code c[i, :] += bias} for every row i of the {@code rows x cols} matrix c. */
    public static void addRowVector(int rows, int cols, float[] bias, int biasOff,
                                    float[] c, int cOff, int ldc) {
        checkAddRowVector(rows, cols, bias, biasOff, c, cOff, ldc);
        IMPL.addRowVector(rows, cols, bias, biasOff, c, cOff, ldc);
    }

    /** Double twin of {@link #addRowVector(int, int, float[], int, float[], int, int)}. */
    public static void addRowVector(int rows, int cols, double[] bias, int biasOff,
                                    double[] c, int cOff, int ldc) {
        checkAddRowVector(rows, cols, bias, biasOff, c, cOff, ldc);
        IMPL.addRowVector(rows, cols, bias, biasOff, c, cOff, ldc);
    }

    /** {@code sums[j] = sum_i a[i, j]} (overwrites sums), rows summed in order 0..rows-1. */
    public static void columnSums(int rows, int cols, float[] a, int aOff, int lda,
                                  float[] sums, int sumsOff) {
        checkColumnSums(rows, cols, a, aOff, lda, sums, sumsOff);
        IMPL.columnSums(rows, cols, a, aOff, lda, sums, sumsOff);
    }

    /** Double twin of {@link #columnSums(int, int, float[], int, int, float[], int)}. */
    public static void columnSums(int rows, int cols, double[] a, int aOff, int lda,
                                  double[] sums, int sumsOff) {
        checkColumnSums(rows, cols, a, aOff, lda, sums, sumsOff);
        IMPL.columnSums(rows, cols, a, aOff, lda, sums, sumsOff);
    }

    private static void checkAddRowVector(int rows, int cols, Object bias, int biasOff, Object c, int cOff, int ldc) {
        Args.nonNegative("rows", rows);
        Args.nonNegative("cols", cols);
        Args.vector("bias", bias, biasOff, cols);
        Args.matrix("c", c, cOff, rows, cols, ldc);
    }

    private static void checkColumnSums(int rows, int cols, Object a, int aOff, int lda, Object sums, int sumsOff) {
        Args.nonNegative("rows", rows);
        Args.nonNegative("cols", cols);
        Args.matrix("a", a, aOff, rows, cols, lda);
        Args.vector("sums", sums, sumsOff, cols);
    }
}
