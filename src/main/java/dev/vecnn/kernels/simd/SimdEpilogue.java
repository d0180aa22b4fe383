package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.EpilogueKernel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD fused epilogue (Vector API), row by row over a tile, a vector of columns at a time, then a
 * scalar tail:
 * <pre>
 *   forward:  t = c + b;  r = blend(t, +0.0 where t <= 0);  c = (r * mask) * scale
 *   backward: g = (dout * mask) * scale;  dh = blend(+0.0, g where h > 0)
 * </pre>
 * The same operations in the same order as {@code ScalarEpilogue} (and as Bias.addRowVector,
 * Relu.forward and DropoutApply.apply one after another), so results agree bit for bit. One pass
 * over c instead of three.
 */
public final class SimdEpilogue implements EpilogueKernel {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void biasReluDropout(int rows, int cols, float[] bias, int biasOff, float[] c, int cOff, int ldc,
                                float[] mask, int maskOff, int ldm, float scale) {
        int whole = FLOATS.loopBound(cols);
        boolean scaled = scale != 1f;
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            int mrow = maskOff + i * ldm;
            int j = 0;
            for (; j < whole; j += FLOATS.length()) {
                FloatVector t = FloatVector.fromArray(FLOATS, c, row + j)
                        .add(FloatVector.fromArray(FLOATS, bias, biasOff + j));
                FloatVector r = t.blend(0f, t.compare(VectorOperators.LE, 0f));
                if (mask != null) {
                    r = r.mul(FloatVector.fromArray(FLOATS, mask, mrow + j)).mul(scale);
                } else if (scaled) {
                    r = r.mul(scale);
                }
                r.intoArray(c, row + j);
            }
            for (; j < cols; j++) {
                float t = c[row + j] + bias[biasOff + j];
                float r = t <= 0f ? 0f : t;
                if (mask != null) {
                    r = r * mask[mrow + j] * scale;
                } else if (scaled) {
                    r = r * scale;
                }
                c[row + j] = r;
            }
        }
    }

    @Override
    public void biasReluDropout(int rows, int cols, double[] bias, int biasOff, double[] c, int cOff, int ldc,
                                double[] mask, int maskOff, int ldm, double scale) {
        int whole = DOUBLES.loopBound(cols);
        boolean scaled = scale != 1;
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            int mrow = maskOff + i * ldm;
            int j = 0;
            for (; j < whole; j += DOUBLES.length()) {
                DoubleVector t = DoubleVector.fromArray(DOUBLES, c, row + j)
                        .add(DoubleVector.fromArray(DOUBLES, bias, biasOff + j));
                DoubleVector r = t.blend(0d, t.compare(VectorOperators.LE, 0d));
                if (mask != null) {
                    r = r.mul(DoubleVector.fromArray(DOUBLES, mask, mrow + j)).mul(scale);
                } else if (scaled) {
                    r = r.mul(scale);
                }
                r.intoArray(c, row + j);
            }
            for (; j < cols; j++) {
                double t = c[row + j] + bias[biasOff + j];
                double r = t <= 0 ? 0 : t;
                if (mask != null) {
                    r = r * mask[mrow + j] * scale;
                } else if (scaled) {
                    r = r * scale;
                }
                c[row + j] = r;
            }
        }
    }

    @Override
    public void reluDropoutBackward(int rows, int cols, float[] h, int hOff, int ldh, float[] dout, int doutOff,
                                    int ldd, float[] mask, int maskOff, int ldm, float scale,
                                    float[] dh, int dhOff, int lddh) {
        int whole = FLOATS.loopBound(cols);
        boolean scaled = scale != 1f;
        FloatVector zero = FloatVector.zero(FLOATS);
        for (int i = 0; i < rows; i++) {
            int hrow = hOff + i * ldh;
            int drow = doutOff + i * ldd;
            int mrow = maskOff + i * ldm;
            int outRow = dhOff + i * lddh;
            int j = 0;
            for (; j < whole; j += FLOATS.length()) {
                FloatVector g = FloatVector.fromArray(FLOATS, dout, drow + j);
                if (mask != null) {
                    g = g.mul(FloatVector.fromArray(FLOATS, mask, mrow + j)).mul(scale);
                } else if (scaled) {
                    g = g.mul(scale);
                }
                zero.blend(g, FloatVector.fromArray(FLOATS, h, hrow + j).compare(VectorOperators.GT, 0f))
                        .intoArray(dh, outRow + j);
            }
            for (; j < cols; j++) {
                float g = dout[drow + j];
                if (mask != null) {
                    g = g * mask[mrow + j] * scale;
                } else if (scaled) {
                    g = g * scale;
                }
                dh[outRow + j] = h[hrow + j] > 0f ? g : 0f;
            }
        }
    }

    @Override
    public void reluDropoutBackward(int rows, int cols, double[] h, int hOff, int ldh, double[] dout, int doutOff,
                                    int ldd, double[] mask, int maskOff, int ldm, double scale,
                                    double[] dh, int dhOff, int lddh) {
        int whole = DOUBLES.loopBound(cols);
        boolean scaled = scale != 1;
        DoubleVector zero = DoubleVector.zero(DOUBLES);
        for (int i = 0; i < rows; i++) {
            int hrow = hOff + i * ldh;
            int drow = doutOff + i * ldd;
            int mrow = maskOff + i * ldm;
            int outRow = dhOff + i * lddh;
            int j = 0;
            for (; j < whole; j += DOUBLES.length()) {
                DoubleVector g = DoubleVector.fromArray(DOUBLES, dout, drow + j);
                if (mask != null) {
                    g = g.mul(DoubleVector.fromArray(DOUBLES, mask, mrow + j)).mul(scale);
                } else if (scaled) {
                    g = g.mul(scale);
                }
                zero.blend(g, DoubleVector.fromArray(DOUBLES, h, hrow + j).compare(VectorOperators.GT, 0d))
                        .intoArray(dh, outRow + j);
            }
            for (; j < cols; j++) {
                double g = dout[drow + j];
                if (mask != null) {
                    g = g * mask[mrow + j] * scale;
                } else if (scaled) {
                    g = g * scale;
                }
                dh[outRow + j] = h[hrow + j] > 0 ? g : 0;
            }
        }
    }
}
