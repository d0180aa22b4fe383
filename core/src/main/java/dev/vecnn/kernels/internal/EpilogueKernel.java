package dev.vecnn.kernels.internal;

/**
 * Fused hidden-layer epilogue kernels behind the {@code Epilogue} facade: the scalar twin
 * {@link ScalarEpilogue} and {@code dev.vecnn.kernels.simd.SimdEpilogue}. No argument checks
 * here; the facade does them. Public only so the SIMD package can implement it.
 */
public interface EpilogueKernel {
    /** {@code c = relu(c + bias) * mask * scale} over a tile; mask null means all ones. */
    void biasReluDropout(int rows, int cols, float[] bias, int biasOff, float[] c, int cOff, int ldc,
                         float[] mask, int maskOff, int ldm, float scale);

    /** Double twin. */
    void biasReluDropout(int rows, int cols, double[] bias, int biasOff, double[] c, int cOff, int ldc,
                         double[] mask, int maskOff, int ldm, double scale);

    /** {@code dh = h > 0 ? dout * mask * scale : +0.0} over a tile; mask null means all ones. */
    void reluDropoutBackward(int rows, int cols, float[] h, int hOff, int ldh, float[] dout, int doutOff,
                             int ldd, float[] mask, int maskOff, int ldm, float scale,
                             float[] dh, int dhOff, int lddh);

    /** Double twin. */
    void reluDropoutBackward(int rows, int cols, double[] h, int hOff, int ldh, double[] dout, int doutOff,
                             int ldd, double[] mask, int maskOff, int ldm, double scale,
                             double[] dh, int dhOff, int lddh);
}
