package dev.vecnn.kernels;

/**
 * Bias kernels for an affine layer: add a row vector to every row of a matrix
 * ({@code out = x @ w + b}) and sum the rows of a matrix ({@code db = dout.sum(axis=0)}).
 *
 * <p>SCALAR PLACEHOLDER: signatures are final; SIMD twins come behind the same methods.
 */
public final class Bias {
    private Bias() {}

    /** {@code c[i, :] += bias} for every row i of the {@code rows x cols} matrix c. */
    public static void addRowVector(int rows, int cols, float[] bias, int biasOff,
                                    float[] c, int cOff, int ldc) {
        Args.nonNegative("rows", rows);
        Args.nonNegative("cols", cols);
        Args.notNull("bias", bias);
        Args.notNull("c", c);
        Args.vector("bias", bias.length, biasOff, cols);
        Args.matrix("c", c.length, cOff, rows, cols, ldc);
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < cols; j++) {
                c[row + j] += bias[biasOff + j];
            }
        }
    }

    /** Double twin of {@link #addRowVector(int, int, float[], int, float[], int, int)}. */
    public static void addRowVector(int rows, int cols, double[] bias, int biasOff,
                                    double[] c, int cOff, int ldc) {
        Args.nonNegative("rows", rows);
        Args.nonNegative("cols", cols);
        Args.notNull("bias", bias);
        Args.notNull("c", c);
        Args.vector("bias", bias.length, biasOff, cols);
        Args.matrix("c", c.length, cOff, rows, cols, ldc);
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < cols; j++) {
                c[row + j] += bias[biasOff + j];
            }
        }
    }

    /** {@code sums[j] = sum_i a[i, j]} (overwrites sums), rows summed in order 0..rows-1. */
    public static void columnSums(int rows, int cols, float[] a, int aOff, int lda,
                                  float[] sums, int sumsOff) {
        Args.nonNegative("rows", rows);
        Args.nonNegative("cols", cols);
        Args.notNull("a", a);
        Args.notNull("sums", sums);
        Args.matrix("a", a.length, aOff, rows, cols, lda);
        Args.vector("sums", sums.length, sumsOff, cols);
        for (int j = 0; j < cols; j++) {
            sums[sumsOff + j] = 0f;
        }
        for (int i = 0; i < rows; i++) {
            int row = aOff + i * lda;
            for (int j = 0; j < cols; j++) {
                sums[sumsOff + j] += a[row + j];
            }
        }
    }

    /** Double twin of {@link #columnSums(int, int, float[], int, int, float[], int)}. */
    public static void columnSums(int rows, int cols, double[] a, int aOff, int lda,
                                  double[] sums, int sumsOff) {
        Args.nonNegative("rows", rows);
        Args.nonNegative("cols", cols);
        Args.notNull("a", a);
        Args.notNull("sums", sums);
        Args.matrix("a", a.length, aOff, rows, cols, lda);
        Args.vector("sums", sums.length, sumsOff, cols);
        for (int j = 0; j < cols; j++) {
            sums[sumsOff + j] = 0;
        }
        for (int i = 0; i < rows; i++) {
            int row = aOff + i * lda;
            for (int j = 0; j < cols; j++) {
                sums[sumsOff + j] += a[row + j];
            }
        }
    }
}
