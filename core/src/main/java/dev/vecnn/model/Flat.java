package dev.vecnn.model;

import dev.vecnn.kernels.Bias;
import dev.vecnn.kernels.Epilogue;
import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.SkinnyPanels;
import dev.vecnn.kernels.SoftmaxLoss;
import dev.vecnn.kernels.DropoutMasks;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.tensor.DType;

/**
 * The engine's one place that tells float32 from float64: each method takes flat row-major
 * arrays as {@code Object} (a {@code float[]} or a {@code double[]}, offset 0, rows packed
 * back to back) and calls the kernel of that precision. Everything above it (the ops, the plan,
 * the workspace) is written once for both precisions.
 */
final class Flat {
    private Flat() {}

    static boolean isFloat(Object a) {
        return a instanceof float[];
    }

    static Object alloc(DType dtype, int size) {
        return dtype == DType.FLOAT32 ? new float[size] : new double[size];
    }

    static int length(Object a) {
        return a instanceof float[] ? ((float[]) a).length : ((double[]) a).length;
    }

    /** {@code c = op(a) @ op(b)}, op(a) m x k, op(b) k x n, c m x n (not read). */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, Object a, Object b, Object c) {
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        if (isFloat(c)) {
            Gemm.sgemm(transA, transB, m, n, k, 1f, (float[]) a, 0, lda, (float[]) b, 0, ldb, 0f, (float[]) c, 0, n);
        } else {
            Gemm.dgemm(transA, transB, m, n, k, 1.0, (double[]) a, 0, lda, (double[]) b, 0, ldb, 0.0, (double[]) c, 0, n);
        }
    }

    /** {@code c = a @ B}, a m x k, B k x n given with its column panels, c m x n (not read). */
    static void gemm(int m, Object a, SkinnyPanels b, Object c) {
        int k = b.k();
        int n = b.n();
        if (isFloat(c)) {
            Gemm.sgemm(m, 1f, (float[]) a, 0, k, b, 0f, (float[]) c, 0, n);
        } else {
            Gemm.dgemm(m, 1.0, (double[]) a, 0, k, b, 0.0, (double[]) c, 0, n);
        }
    }

    /** {@code c[i, :] += bias} for the rows x cols matrix c. */
    static void addRowVector(int rows, int cols, Object bias, Object c) {
        if (isFloat(c)) Bias.addRowVector(rows, cols, (float[]) bias, 0, (float[]) c, 0, cols);
        else Bias.addRowVector(rows, cols, (double[]) bias, 0, (double[]) c, 0, cols);
    }

    /** {@code sums = a.sum(axis=0)} for the rows x cols matrix a. */
    static void columnSums(int rows, int cols, Object a, Object sums) {
        if (isFloat(a)) Bias.columnSums(rows, cols, (float[]) a, 0, cols, (float[]) sums, 0);
        else Bias.columnSums(rows, cols, (double[]) a, 0, cols, (double[]) sums, 0);
    }

    /** Mean softmax cross-entropy of the rows x classes scores; its gradient into dscores. */
    static double softmaxLoss(int rows, int classes, Object scores, int[] labels, Object dscores) {
        if (isFloat(scores)) {
            return SoftmaxLoss.lossAndGradient(rows, classes, (float[]) scores, 0, classes, labels, 0,
                    (float[]) dscores, 0, classes);
        }
        return SoftmaxLoss.lossAndGradient(rows, classes, (double[]) scores, 0, classes, labels, 0,
                (double[]) dscores, 0, classes);
    }

    /** {@code c = relu(c + bias) * mask * scale} ({@link Epilogue}); mask may be null. */
    static void biasReluDropout(int rows, int cols, Object bias, Object c, Object mask, double scale) {
        if (isFloat(c)) {
            Epilogue.biasReluDropout(rows, cols, (float[]) bias, 0, (float[]) c, 0, cols,
                    (float[]) mask, 0, cols, (float) scale);
        } else {
            Epilogue.biasReluDropout(rows, cols, (double[]) bias, 0, (double[]) c, 0, cols,
                    (double[]) mask, 0, cols, scale);
        }
    }

    /** {@code dh = h > 0 ? dh * mask * scale : 0} in place, h being the layer's output after dropout. */
    static void reluDropoutBackward(int rows, int cols, Object h, Object dh, Object mask, double scale) {
        if (isFloat(h)) {
            float[] d = (float[]) dh;
            Epilogue.reluDropoutBackward(rows, cols, (float[]) h, 0, cols, d, 0, cols,
                    (float[]) mask, 0, cols, (float) scale, d, 0, cols);
        } else {
            double[] d = (double[]) dh;
            Epilogue.reluDropoutBackward(rows, cols, (double[]) h, 0, cols, d, 0, cols,
                    (double[]) mask, 0, cols, scale, d, 0, cols);
        }
    }

    /** Counter-based inverted dropout in place: {@code h *= keep(key, layer, step, i) / p}; bits recorded. */
    static void counterForward(long key, int layer, long step, double p, int size, Object h, long[] bits) {
        if (isFloat(h)) DropoutMasks.forward(key, layer, step, p, size, (float[]) h, 0, (float[]) h, 0, bits);
        else DropoutMasks.forward(key, layer, step, p, size, (double[]) h, 0, (double[]) h, 0, bits);
    }

    /** {@code dh *= bit / p} from the forward pass's packed bits. */
    static void counterBackward(double p, int size, long[] bits, Object dh) {
        if (isFloat(dh)) DropoutMasks.backward(p, size, bits, (float[]) dh, 0, (float[]) dh, 0);
        else DropoutMasks.backward(p, size, bits, (double[]) dh, 0, (double[]) dh, 0);
    }

    /** The assignment's {@code mask = np.random.rand(size) < p} as 0/1, drawn from {@code rng}. */
    static void fillKeepMask(NumpyRandom rng, double[] uniforms, int size, double p, Object mask) {
        rng.rand(uniforms, 0, size);
        if (isFloat(mask)) {
            float[] m = (float[]) mask;
            for (int k = 0; k < size; k++) m[k] = uniforms[k] < p ? 1f : 0f;
        } else {
            double[] m = (double[]) mask;
            for (int k = 0; k < size; k++) m[k] = uniforms[k] < p ? 1.0 : 0.0;
        }
    }

    /** {@code dst[0..n) = src[0..n)} widened to double (exact). */
    static void toDoubles(Object src, int n, double[] dst) {
        if (isFloat(src)) {
            float[] s = (float[]) src;
            for (int i = 0; i < n; i++) dst[i] = s[i];
        } else {
            System.arraycopy(src, 0, dst, 0, n);
        }
    }

    /** {@code dst[0..n) = src[0..n)} rounded to dst's precision (as {@code Tensor.set} does). */
    static void fromDoubles(double[] src, int n, Object dst) {
        if (isFloat(dst)) {
            float[] d = (float[]) dst;
            for (int i = 0; i < n; i++) d[i] = (float) src[i];
        } else {
            System.arraycopy(src, 0, dst, 0, n);
        }
    }
}
