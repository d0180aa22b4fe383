package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.DropoutApplyKernel;
import dev.vecnn.kernels.internal.ScalarDropoutApply;

/**
 * Applies a stored dropout keep-mask: {@code out = x * mask * scale}. Forward uses it with the
 * layer input, backward with {@code dout} and the same mask ({@code dx = dout * mask * scale}).
 * For inverted dropout {@code scale = 1 / keepProb}; for vanilla dropout {@code scale = 1}.
 * The mask holds 1 for kept and 0 for dropped units (numpy's {@code rand(shape) < p}).
 *
 *
 * <p>Special values follow IEEE multiplication exactly as numpy's {@code x * mask} does
 * (identical in the SIMD and scalar kernels, which both compute {@code (x * mask) * scale}):
 * a kept NaN or ±Inf passes through (scaled); a dropped NaN or ±Inf gives NaN
 * ({@code NaN * 0}, {@code Inf * 0}); a dropped negative value or -0.0 gives -0.0, which
 * compares equal to 0 (so "fraction of zeros" counts it). The mask is not checked to be 0/1.
 *
 * <p>Input and output may be the same array at the same offset; other overlaps are not
 * supported. Dispatches once to the SIMD kernel when the Vector API is available, else to
 * {@code ScalarDropoutApply}.
 */
public final class DropoutApply {
    private static final DropoutApplyKernel IMPL = VectorSupport.choose(DropoutApplyKernel.class,
            "dev.vecnn.kernels.simd.SimdDropoutApply", new ScalarDropoutApply());

    private DropoutApply() {}

    /** {@code out[i] = x[i] * mask[i] * scale}; x and out may be the same array; p is the KEEP probability, so {@code scale = 1 / p} for inverted dropout. */
    public static void apply(int n, float[] x, int xOff, float[] mask, int maskOff, float scale,
                             float[] out, int outOff) {
        check(n, x, xOff, mask, maskOff, out, outOff);
        IMPL.apply(n, x, xOff, mask, maskOff, scale, out, outOff);
    }

    /** Double twin of {@link #apply(int, float[], int, float[], int, float, float[], int)}. */
    public static void apply(int n, double[] x, int xOff, double[] mask, int maskOff, double scale,
                             double[] out, int outOff) {
        check(n, x, xOff, mask, maskOff, out, outOff);
        IMPL.apply(n, x, xOff, mask, maskOff, scale, out, outOff);
    }

    private static void check(int n, Object x, int xOff, Object mask, int maskOff, Object out, int outOff) {
        Args.nonNegative("n", n);
        Args.vector("x", x, xOff, n);
        Args.vector("mask", mask, maskOff, n);
        Args.vector("out", out, outOff, n);
    }
}
