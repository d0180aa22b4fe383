package dev.vecnn.kernels;

/**
 * ReLU: forward {@code y = np.maximum(0, x)}, backward {@code dx = dout * (x > 0)}.
 *
 * <p>SCALAR PLACEHOLDER: signatures are final; SIMD twins come behind the same methods.
 * Special values: NaN in x gives NaN in y (as np.maximum) and 0 in dx; -0.0 gives 0.0.
 */
public final class Relu {
    private Relu() {}

    /** {@code y[i] = max(0, x[i])} for n elements; x and y may be the same array. */
    public static void forward(int n, float[] x, int xOff, float[] y, int yOff) {
        Args.nonNegative("n", n);
        Args.notNull("x", x);
        Args.notNull("y", y);
        Args.vector("x", x.length, xOff, n);
        Args.vector("y", y.length, yOff, n);
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = v > 0f ? v : (v != v ? v : 0f);
        }
    }

    /** Double twin of {@link #forward(int, float[], int, float[], int)}. */
    public static void forward(int n, double[] x, int xOff, double[] y, int yOff) {
        Args.nonNegative("n", n);
        Args.notNull("x", x);
        Args.notNull("y", y);
        Args.vector("x", x.length, xOff, n);
        Args.vector("y", y.length, yOff, n);
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = v > 0 ? v : (v != v ? v : 0);
        }
    }

    /**
     * {@code dx[i] = x[i] > 0 ? dout[i] : 0} for n elements. {@code x} may be the forward input
     * or its output (the sign test agrees). dout and dx may be the same array.
     */
    public static void backward(int n, float[] x, int xOff, float[] dout, int doutOff,
                                float[] dx, int dxOff) {
        Args.nonNegative("n", n);
        Args.notNull("x", x);
        Args.notNull("dout", dout);
        Args.notNull("dx", dx);
        Args.vector("x", x.length, xOff, n);
        Args.vector("dout", dout.length, doutOff, n);
        Args.vector("dx", dx.length, dxOff, n);
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] = x[xOff + i] > 0f ? dout[doutOff + i] : 0f;
        }
    }

    /** Double twin of {@link #backward(int, float[], int, float[], int, float[], int)}. */
    public static void backward(int n, double[] x, int xOff, double[] dout, int doutOff,
                                double[] dx, int dxOff) {
        Args.nonNegative("n", n);
        Args.notNull("x", x);
        Args.notNull("dout", dout);
        Args.notNull("dx", dx);
        Args.vector("x", x.length, xOff, n);
        Args.vector("dout", dout.length, doutOff, n);
        Args.vector("dx", dx.length, dxOff, n);
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] = x[xOff + i] > 0 ? dout[doutOff + i] : 0;
        }
    }
}
