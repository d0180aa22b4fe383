// Generated from src/template/java/dev/vecnn/kernels/internal/ScalarRelu.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.internal;

/**
 * Scalar twin of the ReLU kernels, one element at a time:
 * forward {@code y = np.maximum(0, x)}, backward {@code dx = dout * (x > 0)} (as a select, so a
 * dropped position is exactly +0.0 even when dout there is NaN or infinite).
 * Also the fallback when the Vector API is not available.
 */
public final class ScalarRelu implements ReluKernel {

    @Override
    public void forward(int n, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = v <= 0f ? 0f : v; // NaN fails the test and passes through
        }
    }

    @Override
    public void forward(int n, double[] x, int xOff, double[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = v <= 0d ? 0d : v; // NaN fails the test and passes through
        }
    }

    @Override
    public void backward(int n, float[] x, int xOff, float[] dout, int doutOff, float[] dx, int dxOff) {
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] = x[xOff + i] > 0f ? dout[doutOff + i] : 0f;
        }
    }

    @Override
    public void backward(int n, double[] x, int xOff, double[] dout, int doutOff, double[] dx, int dxOff) {
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] = x[xOff + i] > 0d ? dout[doutOff + i] : 0d;
        }
    }
}
