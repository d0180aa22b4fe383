package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.ReluKernel;
import dev.vecnn.kernels.internal.ScalarRelu;

/**
 * ReLU: forward {@code y = np.maximum(0, x)}, backward {@code dx = dout * (x > 0)}.
 *
 * <p>Special values (defined, and identical in the SIMD and scalar kernels):
 * <ul>
 *   <li>forward: NaN stays NaN (same bits, as np.maximum propagates NaN); -0.0 and every
 *       negative value including -Inf give +0.0; +Inf stays +Inf.</li>
 *   <li>backward: {@code dx = dout} where {@code x > 0} (including x = +Inf), exactly +0.0
 *       elsewhere: where x is NaN, -0.0, +0.0 or negative, even when dout there is NaN or
 *       infinite (a select, not numpy's product {@code dout * (x > 0)}, which would give NaN or
 *       -0.0 there).</li>
 * </ul>
 * Input and output may be the same array at the same offset; other overlaps are not supported.
 * Dispatches once to the SIMD kernel when the Vector API is available, else to
 * {@code ScalarRelu}.
 */
public final class Relu {
    private static final ReluKernel IMPL =
            VectorSupport.choose(ReluKernel.class, "dev.vecnn.kernels.simd.SimdRelu", new ScalarRelu());

    private Relu() {}

    /** {@code y[i] = max(0, x[i])} for n elements; x and y may be the same array. */
    public static void forward(int n, float[] x, int xOff, float[] y, int yOff) {
        checkForward(n, x, xOff, y, yOff);
        IMPL.forward(n, x, xOff, y, yOff);
    }

    /** Double twin of {@link #forward(int, float[], int, float[], int)}. */
    public static void forward(int n, double[] x, int xOff, double[] y, int yOff) {
        checkForward(n, x, xOff, y, yOff);
        IMPL.forward(n, x, xOff, y, yOff);
    }

    /**
     * {@code dx[i] = x[i] > 0 ? dout[i] : 0} for n elements. {@code x} may be the forward input
     * or its output (the sign test agrees). dout and dx may be the same array.
     */
    public static void backward(int n, float[] x, int xOff, float[] dout, int doutOff,
                                float[] dx, int dxOff) {
        checkBackward(n, x, xOff, dout, doutOff, dx, dxOff);
        IMPL.backward(n, x, xOff, dout, doutOff, dx, dxOff);
    }

    /** Double twin of {@link #backward(int, float[], int, float[], int, float[], int)}. */
    public static void backward(int n, double[] x, int xOff, double[] dout, int doutOff,
                                double[] dx, int dxOff) {
        checkBackward(n, x, xOff, dout, doutOff, dx, dxOff);
        IMPL.backward(n, x, xOff, dout, doutOff, dx, dxOff);
    }

    private static void checkForward(int n, Object x, int xOff, Object y, int yOff) {
        Args.nonNegative("n", n);
        Args.vector("x", x, xOff, n);
        Args.vector("y", y, yOff, n);
    }

    private static void checkBackward(int n, Object x, int xOff, Object dout, int doutOff, Object dx, int dxOff) {
        Args.nonNegative("n", n);
        Args.vector("x", x, xOff, n);
        Args.vector("dout", dout, doutOff, n);
        Args.vector("dx", dx, dxOff, n);
    }
}
