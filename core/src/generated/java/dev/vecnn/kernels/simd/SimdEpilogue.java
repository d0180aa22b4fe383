// Generated from src/template/java/dev/vecnn/kernels/simd/SimdEpilogue.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.internal.EpilogueKernel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD fused epilogue (Vector API), row by row over a tile, a vector of columns at a time, then a
 * scalar tail:
 * <pre>{@code
 *   forward:  t = c + b;  r = blend(t, +0.0 where t <= 0);  c = (r * mask) * scale
 *   backward: g = (dout * mask) * scale;  dh = blend(+0.0, g where h > 0)
 * }</pre>
 * The same operations in the same order as {@code ScalarEpilogue} (and as Bias.addRowVector,
 * Relu.forward and DropoutApply.apply one after another), so results agree bit for bit. One pass
 * over c instead of three.
 *
 * <p>Each case (with a mask; scaled only; neither) has its own straight-line vector loop, and
 * masked and unmasked calls have their own row loops, chosen once per call: no vector value
 * merges two branches or lives across a loop back-edge, so C2 keeps every vector in registers whatever the profile of the other cases (a
 * merged vector was boxed, ~12 bytes per element, once training and inference had both run the
 * double kernel). And no loop reads an array under a condition the loop does not change: with the
 * mask read in a shared tail under {@code mask != null}, C2 hoisted that read's range check out of
 * the loop on the strength of a profile that had seen only masked calls, and every call without a
 * mask failed the hoisted check ("profile_predicate"), dropped the compiled code and recompiled it:
 * ~0.15-0.2 CPU-s of recompiles in {@code vecnn experiment}'s first training second (JFR, Zen 5).
 */
public final class SimdEpilogue implements EpilogueKernel {
    private static final VectorSpecies<Float> FLOATS = Species.FLOATS;
    private static final VectorSpecies<Double> DOUBLES = Species.DOUBLES;

    @Override
    public void biasReluDropout(int rows, int cols, float[] bias, int biasOff, float[] c, int cOff, int ldc,
                                float[] mask, int maskOff, int ldm, float scale) {
        int whole = FLOATS.loopBound(cols);
        // a row loop with and one without the mask, each with its own tail: no array access in a
        // loop depends on a condition the loop does not change (see the class comment)
        if (mask != null) {
            for (int i = 0; i < rows; i++) {
                int row = cOff + i * ldc;
                int mrow = maskOff + i * ldm;
                forwardMasked(whole, bias, biasOff, c, row, mask, mrow, scale);
                for (int j = whole; j < cols; j++) {
                    float t = c[row + j] + bias[biasOff + j];
                    float r = t <= 0f ? 0f : t;
                    c[row + j] = r * mask[mrow + j] * scale;
                }
            }
        } else {
            boolean scaled = scale != 1f;
            for (int i = 0; i < rows; i++) {
                int row = cOff + i * ldc;
                forwardPlain(whole, bias, biasOff, c, row, scale);
                for (int j = whole; j < cols; j++) {
                    float t = c[row + j] + bias[biasOff + j];
                    float r = t <= 0f ? 0f : t;
                    c[row + j] = scaled ? r * scale : r;
                }
            }
        }
    }

    private static void forwardMasked(int whole, float[] bias, int biasOff, float[] c, int row,
                                      float[] mask, int mrow, float scale) {
        for (int j = 0; j < whole; j += FLOATS.length()) {
            FloatVector t = FloatVector.fromArray(FLOATS, c, row + j).add(FloatVector.fromArray(FLOATS, bias, biasOff + j));
            t.blend(0f, t.compare(VectorOperators.LE, 0f))
                    .mul(FloatVector.fromArray(FLOATS, mask, mrow + j)).mul(scale)
                    .intoArray(c, row + j);
        }
    }

    /** No mask: {@code relu(c + b)}, times scale unless it is 1 (then nothing is multiplied). */
    private static void forwardPlain(int whole, float[] bias, int biasOff, float[] c, int row, float scale) {
        if (scale != 1f) {
            for (int j = 0; j < whole; j += FLOATS.length()) {
                FloatVector t = FloatVector.fromArray(FLOATS, c, row + j).add(FloatVector.fromArray(FLOATS, bias, biasOff + j));
                t.blend(0f, t.compare(VectorOperators.LE, 0f)).mul(scale).intoArray(c, row + j);
            }
        } else {
            for (int j = 0; j < whole; j += FLOATS.length()) {
                FloatVector t = FloatVector.fromArray(FLOATS, c, row + j).add(FloatVector.fromArray(FLOATS, bias, biasOff + j));
                t.blend(0f, t.compare(VectorOperators.LE, 0f)).intoArray(c, row + j);
            }
        }
    }

    @Override
    public void biasReluDropout(int rows, int cols, double[] bias, int biasOff, double[] c, int cOff, int ldc,
                                double[] mask, int maskOff, int ldm, double scale) {
        int whole = DOUBLES.loopBound(cols);
        // a row loop with and one without the mask, each with its own tail: no array access in a
        // loop depends on a condition the loop does not change (see the class comment)
        if (mask != null) {
            for (int i = 0; i < rows; i++) {
                int row = cOff + i * ldc;
                int mrow = maskOff + i * ldm;
                forwardMasked(whole, bias, biasOff, c, row, mask, mrow, scale);
                for (int j = whole; j < cols; j++) {
                    double t = c[row + j] + bias[biasOff + j];
                    double r = t <= 0d ? 0d : t;
                    c[row + j] = r * mask[mrow + j] * scale;
                }
            }
        } else {
            boolean scaled = scale != 1d;
            for (int i = 0; i < rows; i++) {
                int row = cOff + i * ldc;
                forwardPlain(whole, bias, biasOff, c, row, scale);
                for (int j = whole; j < cols; j++) {
                    double t = c[row + j] + bias[biasOff + j];
                    double r = t <= 0d ? 0d : t;
                    c[row + j] = scaled ? r * scale : r;
                }
            }
        }
    }

    private static void forwardMasked(int whole, double[] bias, int biasOff, double[] c, int row,
                                      double[] mask, int mrow, double scale) {
        for (int j = 0; j < whole; j += DOUBLES.length()) {
            DoubleVector t = DoubleVector.fromArray(DOUBLES, c, row + j).add(DoubleVector.fromArray(DOUBLES, bias, biasOff + j));
            t.blend(0d, t.compare(VectorOperators.LE, 0d))
                    .mul(DoubleVector.fromArray(DOUBLES, mask, mrow + j)).mul(scale)
                    .intoArray(c, row + j);
        }
    }

    /** No mask: {@code relu(c + b)}, times scale unless it is 1 (then nothing is multiplied). */
    private static void forwardPlain(int whole, double[] bias, int biasOff, double[] c, int row, double scale) {
        if (scale != 1d) {
            for (int j = 0; j < whole; j += DOUBLES.length()) {
                DoubleVector t = DoubleVector.fromArray(DOUBLES, c, row + j).add(DoubleVector.fromArray(DOUBLES, bias, biasOff + j));
                t.blend(0d, t.compare(VectorOperators.LE, 0d)).mul(scale).intoArray(c, row + j);
            }
        } else {
            for (int j = 0; j < whole; j += DOUBLES.length()) {
                DoubleVector t = DoubleVector.fromArray(DOUBLES, c, row + j).add(DoubleVector.fromArray(DOUBLES, bias, biasOff + j));
                t.blend(0d, t.compare(VectorOperators.LE, 0d)).intoArray(c, row + j);
            }
        }
    }

    @Override
    public void reluDropoutBackward(int rows, int cols, float[] h, int hOff, int ldh, float[] dout, int doutOff,
                                    int ldd, float[] mask, int maskOff, int ldm, float scale,
                                    float[] dh, int dhOff, int lddh) {
        int whole = FLOATS.loopBound(cols);
        // a row loop with and one without the mask, each with its own tail (as in biasReluDropout)
        if (mask != null) {
            for (int i = 0; i < rows; i++) {
                int hrow = hOff + i * ldh;
                int drow = doutOff + i * ldd;
                int mrow = maskOff + i * ldm;
                int outRow = dhOff + i * lddh;
                backwardMasked(whole, h, hrow, dout, drow, mask, mrow, scale, dh, outRow);
                for (int j = whole; j < cols; j++) {
                    float g = dout[drow + j] * mask[mrow + j] * scale;
                    dh[outRow + j] = h[hrow + j] > 0f ? g : 0f;
                }
            }
        } else {
            boolean scaled = scale != 1f;
            for (int i = 0; i < rows; i++) {
                int hrow = hOff + i * ldh;
                int drow = doutOff + i * ldd;
                int outRow = dhOff + i * lddh;
                backwardPlain(whole, h, hrow, dout, drow, scale, dh, outRow);
                for (int j = whole; j < cols; j++) {
                    float g = dout[drow + j];
                    if (scaled) g = g * scale;
                    dh[outRow + j] = h[hrow + j] > 0f ? g : 0f;
                }
            }
        }
    }

    private static void backwardMasked(int whole, float[] h, int hrow, float[] dout, int drow, float[] mask, int mrow,
                                       float scale, float[] dh, int outRow) {
        for (int j = 0; j < whole; j += FLOATS.length()) {
            FloatVector g = FloatVector.fromArray(FLOATS, dout, drow + j)
                    .mul(FloatVector.fromArray(FLOATS, mask, mrow + j)).mul(scale);
            FloatVector.zero(FLOATS).blend(g, FloatVector.fromArray(FLOATS, h, hrow + j).compare(VectorOperators.GT, 0f))
                    .intoArray(dh, outRow + j);
        }
    }

    private static void backwardPlain(int whole, float[] h, int hrow, float[] dout, int drow, float scale,
                                      float[] dh, int outRow) {
        if (scale != 1f) {
            for (int j = 0; j < whole; j += FLOATS.length()) {
                FloatVector g = FloatVector.fromArray(FLOATS, dout, drow + j).mul(scale);
                FloatVector.zero(FLOATS).blend(g, FloatVector.fromArray(FLOATS, h, hrow + j).compare(VectorOperators.GT, 0f))
                        .intoArray(dh, outRow + j);
            }
        } else {
            for (int j = 0; j < whole; j += FLOATS.length()) {
                FloatVector g = FloatVector.fromArray(FLOATS, dout, drow + j);
                FloatVector.zero(FLOATS).blend(g, FloatVector.fromArray(FLOATS, h, hrow + j).compare(VectorOperators.GT, 0f))
                        .intoArray(dh, outRow + j);
            }
        }
    }

    @Override
    public void reluDropoutBackward(int rows, int cols, double[] h, int hOff, int ldh, double[] dout, int doutOff,
                                    int ldd, double[] mask, int maskOff, int ldm, double scale,
                                    double[] dh, int dhOff, int lddh) {
        int whole = DOUBLES.loopBound(cols);
        // a row loop with and one without the mask, each with its own tail (as in biasReluDropout)
        if (mask != null) {
            for (int i = 0; i < rows; i++) {
                int hrow = hOff + i * ldh;
                int drow = doutOff + i * ldd;
                int mrow = maskOff + i * ldm;
                int outRow = dhOff + i * lddh;
                backwardMasked(whole, h, hrow, dout, drow, mask, mrow, scale, dh, outRow);
                for (int j = whole; j < cols; j++) {
                    double g = dout[drow + j] * mask[mrow + j] * scale;
                    dh[outRow + j] = h[hrow + j] > 0d ? g : 0d;
                }
            }
        } else {
            boolean scaled = scale != 1d;
            for (int i = 0; i < rows; i++) {
                int hrow = hOff + i * ldh;
                int drow = doutOff + i * ldd;
                int outRow = dhOff + i * lddh;
                backwardPlain(whole, h, hrow, dout, drow, scale, dh, outRow);
                for (int j = whole; j < cols; j++) {
                    double g = dout[drow + j];
                    if (scaled) g = g * scale;
                    dh[outRow + j] = h[hrow + j] > 0d ? g : 0d;
                }
            }
        }
    }

    private static void backwardMasked(int whole, double[] h, int hrow, double[] dout, int drow, double[] mask, int mrow,
                                       double scale, double[] dh, int outRow) {
        for (int j = 0; j < whole; j += DOUBLES.length()) {
            DoubleVector g = DoubleVector.fromArray(DOUBLES, dout, drow + j)
                    .mul(DoubleVector.fromArray(DOUBLES, mask, mrow + j)).mul(scale);
            DoubleVector.zero(DOUBLES).blend(g, DoubleVector.fromArray(DOUBLES, h, hrow + j).compare(VectorOperators.GT, 0d))
                    .intoArray(dh, outRow + j);
        }
    }

    private static void backwardPlain(int whole, double[] h, int hrow, double[] dout, int drow, double scale,
                                      double[] dh, int outRow) {
        if (scale != 1d) {
            for (int j = 0; j < whole; j += DOUBLES.length()) {
                DoubleVector g = DoubleVector.fromArray(DOUBLES, dout, drow + j).mul(scale);
                DoubleVector.zero(DOUBLES).blend(g, DoubleVector.fromArray(DOUBLES, h, hrow + j).compare(VectorOperators.GT, 0d))
                        .intoArray(dh, outRow + j);
            }
        } else {
            for (int j = 0; j < whole; j += DOUBLES.length()) {
                DoubleVector g = DoubleVector.fromArray(DOUBLES, dout, drow + j);
                DoubleVector.zero(DOUBLES).blend(g, DoubleVector.fromArray(DOUBLES, h, hrow + j).compare(VectorOperators.GT, 0d))
                        .intoArray(dh, outRow + j);
            }
        }
    }
}
