// Generated from src/template/java/dev/vecnn/kernels/internal/ScalarDropoutApply.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.internal;

/**
 * Scalar twin of the dropout mask apply, {@code out = x * mask * scale} (numpy:
 * {@code out = x * mask} with {@code mask = (rand(*x.shape) < p) / p}), evaluated left to right
 * as {@code (x * mask) * scale} in IEEE arithmetic. Also the fallback without the Vector API.
 */
public final class ScalarDropoutApply implements DropoutApplyKernel {

    @Override
    public void apply(int n, float[] x, int xOff, float[] mask, int maskOff, float scale,
                      float[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] * mask[maskOff + i] * scale;
        }
    }

    @Override
    public void apply(int n, double[] x, int xOff, double[] mask, int maskOff, double scale,
                      double[] out, int outOff) {
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] * mask[maskOff + i] * scale;
        }
    }
}
