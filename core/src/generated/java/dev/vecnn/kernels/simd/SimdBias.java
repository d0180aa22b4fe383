// Generated from src/template/java/dev/vecnn/kernels/simd/SimdBias.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.internal.BiasKernel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD bias kernels (Vector API).
 * <ul>
 *   <li>{@code addRowVector}: per row, {@code c[row, j:j+L] += bias[j:j+L]} a vector at a time,
 *       scalar tail per row.</li>
 *   <li>{@code columnSums}: a strip of four vectors of columns (4L wide) is summed down all rows
 *       in four register accumulators that start at zero, then stored; then single-vector
 *       strips; the last {@code cols % L} columns in scalar. Each column is still
 *       {@code ((0 + a[0,j]) + a[1,j]) + ...} in row order, so the result equals
 *       {@code ScalarBias} bit for bit.</li>
 * </ul>
 */
public final class SimdBias implements BiasKernel {
    private static final VectorSpecies<Float> FLOATS = Species.FLOATS;
    private static final VectorSpecies<Double> DOUBLES = Species.DOUBLES;

    @Override
    public void addRowVector(int rows, int cols, float[] bias, int biasOff, float[] c, int cOff, int ldc) {
        int whole = FLOATS.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            int j = 0;
            for (; j < whole; j += FLOATS.length()) {
                FloatVector.fromArray(FLOATS, c, row + j)
                        .add(FloatVector.fromArray(FLOATS, bias, biasOff + j))
                        .intoArray(c, row + j);
            }
            for (; j < cols; j++) {
                c[row + j] += bias[biasOff + j];
            }
        }
    }

    @Override
    public void addRowVector(int rows, int cols, double[] bias, int biasOff, double[] c, int cOff, int ldc) {
        int whole = DOUBLES.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            int j = 0;
            for (; j < whole; j += DOUBLES.length()) {
                DoubleVector.fromArray(DOUBLES, c, row + j)
                        .add(DoubleVector.fromArray(DOUBLES, bias, biasOff + j))
                        .intoArray(c, row + j);
            }
            for (; j < cols; j++) {
                c[row + j] += bias[biasOff + j];
            }
        }
    }

    @Override
    public void columnSums(int rows, int cols, float[] a, int aOff, int lda, float[] sums, int sumsOff) {
        int lanes = FLOATS.length();
        int j = 0;
        for (; j + 4 * lanes <= cols; j += 4 * lanes) {
            FloatVector s0 = FloatVector.zero(FLOATS);
            FloatVector s1 = FloatVector.zero(FLOATS);
            FloatVector s2 = FloatVector.zero(FLOATS);
            FloatVector s3 = FloatVector.zero(FLOATS);
            for (int i = 0; i < rows; i++) {
                int at = aOff + i * lda + j;
                s0 = s0.add(FloatVector.fromArray(FLOATS, a, at));
                s1 = s1.add(FloatVector.fromArray(FLOATS, a, at + lanes));
                s2 = s2.add(FloatVector.fromArray(FLOATS, a, at + 2 * lanes));
                s3 = s3.add(FloatVector.fromArray(FLOATS, a, at + 3 * lanes));
            }
            s0.intoArray(sums, sumsOff + j);
            s1.intoArray(sums, sumsOff + j + lanes);
            s2.intoArray(sums, sumsOff + j + 2 * lanes);
            s3.intoArray(sums, sumsOff + j + 3 * lanes);
        }
        for (; j + lanes <= cols; j += lanes) {
            FloatVector s = FloatVector.zero(FLOATS);
            for (int i = 0; i < rows; i++) {
                s = s.add(FloatVector.fromArray(FLOATS, a, aOff + i * lda + j));
            }
            s.intoArray(sums, sumsOff + j);
        }
        for (; j < cols; j++) {
            float s = 0f;
            for (int i = 0; i < rows; i++) {
                s += a[aOff + i * lda + j];
            }
            sums[sumsOff + j] = s;
        }
    }

    @Override
    public void columnSums(int rows, int cols, double[] a, int aOff, int lda, double[] sums, int sumsOff) {
        int lanes = DOUBLES.length();
        int j = 0;
        for (; j + 4 * lanes <= cols; j += 4 * lanes) {
            DoubleVector s0 = DoubleVector.zero(DOUBLES);
            DoubleVector s1 = DoubleVector.zero(DOUBLES);
            DoubleVector s2 = DoubleVector.zero(DOUBLES);
            DoubleVector s3 = DoubleVector.zero(DOUBLES);
            for (int i = 0; i < rows; i++) {
                int at = aOff + i * lda + j;
                s0 = s0.add(DoubleVector.fromArray(DOUBLES, a, at));
                s1 = s1.add(DoubleVector.fromArray(DOUBLES, a, at + lanes));
                s2 = s2.add(DoubleVector.fromArray(DOUBLES, a, at + 2 * lanes));
                s3 = s3.add(DoubleVector.fromArray(DOUBLES, a, at + 3 * lanes));
            }
            s0.intoArray(sums, sumsOff + j);
            s1.intoArray(sums, sumsOff + j + lanes);
            s2.intoArray(sums, sumsOff + j + 2 * lanes);
            s3.intoArray(sums, sumsOff + j + 3 * lanes);
        }
        for (; j + lanes <= cols; j += lanes) {
            DoubleVector s = DoubleVector.zero(DOUBLES);
            for (int i = 0; i < rows; i++) {
                s = s.add(DoubleVector.fromArray(DOUBLES, a, aOff + i * lda + j));
            }
            s.intoArray(sums, sumsOff + j);
        }
        for (; j < cols; j++) {
            double s = 0d;
            for (int i = 0; i < rows; i++) {
                s += a[aOff + i * lda + j];
            }
            sums[sumsOff + j] = s;
        }
    }
}
