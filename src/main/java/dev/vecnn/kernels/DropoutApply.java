package dev.vecnn.kernels;

/**
 * Applies a stored dropout keep-mask: {@code out = x * mask * scale}. Forward uses it with the
 * layer input, backward with {@code dout} and the same mask ({@code dx = dout * mask * scale}).
 * For inverted dropout {@code scale = 1 / keepProb}; for vanilla dropout {@code scale = 1}.
 * The mask holds 1 for kept and 0 for dropped units (numpy's {@code rand(shape) < p}).
 *
 * <p>SCALAR PLACEHOLDER: signatures are final; SIMD twins come behind the same methods.
 */
public final class DropoutApply {
    private DropoutApply() {}

    /** {@code out[i] = x[i] * mask[i] * scale}; x and out may be the same array. */
    public static void apply(int n, float[] x, int xOff, float[] mask, int maskOff, float scale,
                             float[] out, int outOff) {
        Args.nonNegative("n", n);
        Args.notNull("x", x);
        Args.notNull("mask", mask);
        Args.notNull("out", out);
        Args.vector("x", x.length, xOff, n);
        Args.vector("mask", mask.length, maskOff, n);
        Args.vector("out", out.length, outOff, n);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] * mask[maskOff + i] * scale;
        }
    }

    /** Double twin of {@link #apply(int, float[], int, float[], int, float, float[], int)}. */
    public static void apply(int n, double[] x, int xOff, double[] mask, int maskOff, double scale,
                             double[] out, int outOff) {
        Args.nonNegative("n", n);
        Args.notNull("x", x);
        Args.notNull("mask", mask);
        Args.notNull("out", out);
        Args.vector("x", x.length, xOff, n);
        Args.vector("mask", mask.length, maskOff, n);
        Args.vector("out", out.length, outOff, n);
        for (int i = 0; i < n; i++) {
            out[outOff + i] = x[xOff + i] * mask[maskOff + i] * scale;
        }
    }
}
