// Generated from src/template/java/dev/vecnn/kernels/internal/ScalarEpilogue.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.internal;

/**
 * Scalar twin of the fused epilogue, element by element over a tile, in the order of the
 * unfused kernels it replaces:
 * <pre>{@code
 *   forward:  t = c + b;  r = t <= 0 ? +0.0 : t  (relu, NaN passes);  c = (r * mask) * scale
 *   backward: dh = h > 0 ? (dout * mask) * scale : +0.0
 * }</pre>
 * With a null mask the mask factor is left out ({@code r * scale}, and nothing at all when
 * scale is 1). Also the fallback without the Vector API.
 */
public final class ScalarEpilogue implements EpilogueKernel {

    @Override
    public void biasReluDropout(int rows, int cols, float[] bias, int biasOff, float[] c, int cOff, int ldc,
                                float[] mask, int maskOff, int ldm, float scale) {
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            int mrow = maskOff + i * ldm;
            for (int j = 0; j < cols; j++) {
                float t = c[row + j] + bias[biasOff + j];
                float r = t <= 0f ? 0f : t;
                if (mask != null) {
                    r = r * mask[mrow + j] * scale;
                } else if (scale != 1f) {
                    r = r * scale;
                }
                c[row + j] = r;
            }
        }
    }

    @Override
    public void biasReluDropout(int rows, int cols, double[] bias, int biasOff, double[] c, int cOff, int ldc,
                                double[] mask, int maskOff, int ldm, double scale) {
        for (int i = 0; i < rows; i++) {
            int row = cOff + i * ldc;
            int mrow = maskOff + i * ldm;
            for (int j = 0; j < cols; j++) {
                double t = c[row + j] + bias[biasOff + j];
                double r = t <= 0d ? 0d : t;
                if (mask != null) {
                    r = r * mask[mrow + j] * scale;
                } else if (scale != 1d) {
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
        for (int i = 0; i < rows; i++) {
            int hrow = hOff + i * ldh;
            int drow = doutOff + i * ldd;
            int mrow = maskOff + i * ldm;
            int outRow = dhOff + i * lddh;
            for (int j = 0; j < cols; j++) {
                float g = dout[drow + j];
                if (mask != null) {
                    g = g * mask[mrow + j] * scale;
                } else if (scale != 1f) {
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
        for (int i = 0; i < rows; i++) {
            int hrow = hOff + i * ldh;
            int drow = doutOff + i * ldd;
            int mrow = maskOff + i * ldm;
            int outRow = dhOff + i * lddh;
            for (int j = 0; j < cols; j++) {
                double g = dout[drow + j];
                if (mask != null) {
                    g = g * mask[mrow + j] * scale;
                } else if (scale != 1d) {
                    g = g * scale;
                }
                dh[outRow + j] = h[hrow + j] > 0d ? g : 0d;
            }
        }
    }
}
