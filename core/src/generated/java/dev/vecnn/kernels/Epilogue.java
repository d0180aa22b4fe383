// Generated from src/template/java/dev/vecnn/kernels/Epilogue.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.EpilogueKernel;
import dev.vecnn.kernels.internal.ScalarEpilogue;

/**
 * Fused epilogue of a hidden layer for the training fast path, over a row-major tile (for
 * example one output tile of {@code h = x @ w}, right after the GEMM wrote it):
 * <pre>
 *   forward:  c = relu(c + b) * mask * scale         (Bias.addRowVector, Relu.forward, DropoutApply.apply)
 *   backward: dh = dout * mask * scale * (h > 0)     (DropoutApply.apply, then Relu.backward)
 * </pre>
 * The mask holds 1 for kept and 0 for dropped units; {@code p} is the KEEP probability, so
 * {@code scale = 1 / p} for inverted dropout. A null mask means "keep everything" (no dropout):
 * then {@code c = relu(c + b) * scale}, and nothing is multiplied when scale is 1.
 *
 * <p>Forward equals the three unfused kernels applied one after another bit for bit (same
 * operations, same order, same special-value rules: see {@link Relu} and {@link DropoutApply}).
 * Backward equals DropoutApply then Relu.backward bit for bit when {@code h} is the ReLU output
 * before dropout; when {@code h} is this kernel's own output (after dropout) it differs only at
 * dropped units, where it gives +0.0 while the unfused pair gives {@code dout * 0 * scale}
 * (-0.0 for negative dout, NaN for non-finite dout). SIMD and scalar kernels agree bit for bit.
 * Dispatches once to the SIMD kernel when the Vector API is available, else to
 * {@code ScalarEpilogue}.
 */
public final class Epilogue {
    private static final EpilogueKernel IMPL = VectorSupport.choose(EpilogueKernel.class,
            "dev.vecnn.kernels.simd.SimdEpilogue", new ScalarEpilogue());

    private Epilogue() {}

    /** {@code c = relu(c + bias) * mask * scale} over a {@code rows x cols} tile; mask may be null. */
    public static void biasReluDropout(int rows, int cols, float[] bias, int biasOff, float[] c, int cOff, int ldc,
                                       float[] mask, int maskOff, int ldm, float scale) {
        checkForward(rows, cols, Args.length(bias), biasOff, Args.length(c), cOff, ldc, Args.length(mask), maskOff, ldm, scale);
        IMPL.biasReluDropout(rows, cols, bias, biasOff, c, cOff, ldc, mask, maskOff, ldm, scale);
    }

    /** {@code c = relu(c + bias) * mask * scale} over a {@code rows x cols} tile; mask may be null. */
    public static void biasReluDropout(int rows, int cols, double[] bias, int biasOff, double[] c, int cOff, int ldc,
                                       double[] mask, int maskOff, int ldm, double scale) {
        checkForward(rows, cols, Args.length(bias), biasOff, Args.length(c), cOff, ldc, Args.length(mask), maskOff, ldm, scale);
        IMPL.biasReluDropout(rows, cols, bias, biasOff, c, cOff, ldc, mask, maskOff, ldm, scale);
    }

    /**
     * {@code dh = h > 0 ? dout * mask * scale : +0.0} over a {@code rows x cols} tile; mask may be
     * null. dh may be dout itself (same offset and leading dimension).
     */
    public static void reluDropoutBackward(int rows, int cols, float[] h, int hOff, int ldh,
                                           float[] dout, int doutOff, int ldd,
                                           float[] mask, int maskOff, int ldm, float scale,
                                           float[] dh, int dhOff, int lddh) {
        checkBackward(rows, cols, Args.length(h), hOff, ldh, Args.length(dout), doutOff, ldd, Args.length(mask), maskOff,
                ldm, scale, Args.length(dh), dhOff, lddh);
        IMPL.reluDropoutBackward(rows, cols, h, hOff, ldh, dout, doutOff, ldd, mask, maskOff, ldm, scale,
                dh, dhOff, lddh);
    }

    /**
     * {@code dh = h > 0 ? dout * mask * scale : +0.0} over a {@code rows x cols} tile; mask may be
     * null. dh may be dout itself (same offset and leading dimension).
     */
    public static void reluDropoutBackward(int rows, int cols, double[] h, int hOff, int ldh,
                                           double[] dout, int doutOff, int ldd,
                                           double[] mask, int maskOff, int ldm, double scale,
                                           double[] dh, int dhOff, int lddh) {
        checkBackward(rows, cols, Args.length(h), hOff, ldh, Args.length(dout), doutOff, ldd, Args.length(mask), maskOff,
                ldm, scale, Args.length(dh), dhOff, lddh);
        IMPL.reluDropoutBackward(rows, cols, h, hOff, ldh, dout, doutOff, ldd, mask, maskOff, ldm, scale,
                dh, dhOff, lddh);
    }

    // array lengths are -1 for null arrays
    private static void checkForward(int rows, int cols, int biasLen, int biasOff, int cLen, int cOff, int ldc,
                                     int maskLen, int maskOff, int ldm, double scale) {
        Args.nonNegative("rows", rows);
        Args.nonNegative("cols", cols);
        requireArray("bias", biasLen);
        requireArray("c", cLen);
        Args.vector("bias", biasLen, biasOff, cols);
        Args.matrix("c", cLen, cOff, rows, cols, ldc);
        if (maskLen >= 0) {
            Args.matrix("mask", maskLen, maskOff, rows, cols, ldm);
        }
        requireScale(scale);
    }

    private static void checkBackward(int rows, int cols, int hLen, int hOff, int ldh, int doutLen, int doutOff,
                                      int ldd, int maskLen, int maskOff, int ldm, double scale,
                                      int dhLen, int dhOff, int lddh) {
        Args.nonNegative("rows", rows);
        Args.nonNegative("cols", cols);
        requireArray("h", hLen);
        requireArray("dout", doutLen);
        requireArray("dh", dhLen);
        Args.matrix("h", hLen, hOff, rows, cols, ldh);
        Args.matrix("dout", doutLen, doutOff, rows, cols, ldd);
        Args.matrix("dh", dhLen, dhOff, rows, cols, lddh);
        if (maskLen >= 0) {
            Args.matrix("mask", maskLen, maskOff, rows, cols, ldm);
        }
        requireScale(scale);
    }

    private static void requireArray(String name, int length) {
        if (length < 0) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    private static void requireScale(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
        }
    }
}
