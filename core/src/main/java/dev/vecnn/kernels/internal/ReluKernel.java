package dev.vecnn.kernels.internal;

/**
 * ReLU kernels behind the {@code Relu} facade: one scalar twin ({@link ScalarRelu}) and one
 * SIMD implementation ({@code dev.vecnn.kernels.simd.SimdRelu}). Implementations do not check
 * their arguments; the facade does. Public only so the SIMD package can implement it.
 */
public interface ReluKernel {
    /** {@code y[i] = x[i] > 0 || isNaN(x[i]) ? x[i] : +0.0}. */
    void forward(int n, float[] x, int xOff, float[] y, int yOff);

    /** Double twin of {@link #forward(int, float[], int, float[], int)}. */
    void forward(int n, double[] x, int xOff, double[] y, int yOff);

    /** {@code dx[i] = x[i] > 0 ? dout[i] : +0.0}. */
    void backward(int n, float[] x, int xOff, float[] dout, int doutOff, float[] dx, int dxOff);

    /** Double twin of {@link #backward(int, float[], int, float[], int, float[], int)}. */
    void backward(int n, double[] x, int xOff, double[] dout, int doutOff, double[] dx, int dxOff);
}
