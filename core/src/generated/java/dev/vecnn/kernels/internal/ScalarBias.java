// Generated from src/template/java/dev/vecnn/kernels/internal/ScalarBias.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.internal;

/**
 * Scalar twin of the bias kernels: {@code c += b} (row broadcast) and
 * {@code db = dout.sum(axis=0)} with the rows added in order 0..rows-1 into a sum that starts
 * at 0. Also the fallback without the Vector API.
 */
public final class ScalarBias implements BiasKernel {

    @Override
    public void addRowVector(int rows, int cols, float[] bias, int biasOff, float[] c, int cOff, int ldc) {
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < cols; j++) {
                c[row + j] += bias[biasOff + j];
            }
        }
    }

    @Override
    public void addRowVector(int rows, int cols, double[] bias, int biasOff, double[] c, int cOff, int ldc) {
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < cols; j++) {
                c[row + j] += bias[biasOff + j];
            }
        }
    }

    @Override
    public void columnSums(int rows, int cols, float[] a, int aOff, int lda, float[] sums, int sumsOff) {
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

    @Override
    public void columnSums(int rows, int cols, double[] a, int aOff, int lda, double[] sums, int sumsOff) {
        for (int j = 0; j < cols; j++) {
            sums[sumsOff + j] = 0d;
        }
        for (int i = 0; i < rows; i++) {
            int row = aOff + i * lda;
            for (int j = 0; j < cols; j++) {
                sums[sumsOff + j] += a[row + j];
            }
        }
    }
}
