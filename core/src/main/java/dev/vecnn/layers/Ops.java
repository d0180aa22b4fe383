package dev.vecnn.layers;

import dev.vecnn.kernels.Bias;
import dev.vecnn.kernels.DropoutApply;
import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Relu;
import dev.vecnn.kernels.SoftmaxLoss;
import dev.vecnn.tensor.Tensor;

/**
 * Hands tensors to the kernels, choosing the float or double overload by dtype. No math here:
 * every line is one kernel call over the tensors' flat arrays (offset 0, row-major).
 */
public final class Ops {
    private Ops() {}

    /**
     * {@code c = op(a) @ op(b) + beta * c} with {@code op(a)} m x k and {@code op(b)} k x n;
     * a stored m x k (or k x m when transA), b stored k x n (or n x k when transB).
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            Tensor a, Tensor b, double beta, Tensor c) {
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        if (c.isFloat32()) {
            Gemm.sgemm(transA, transB, m, n, k, 1f, a.floats(), 0, lda, b.floats(), 0, ldb,
                    (float) beta, c.floats(), 0, n);
        } else {
            Gemm.dgemm(transA, transB, m, n, k, 1.0, a.doubles(), 0, lda, b.doubles(), 0, ldb,
                    beta, c.doubles(), 0, n);
        }
    }

    /** {@code c[i, :] += bias} for each of the rows of the rows x cols matrix c. */
    public static void addRowVector(int rows, int cols, Tensor bias, Tensor c) {
        if (c.isFloat32()) Bias.addRowVector(rows, cols, bias.floats(), 0, c.floats(), 0, cols);
        else Bias.addRowVector(rows, cols, bias.doubles(), 0, c.doubles(), 0, cols);
    }

    /** {@code sums = a.sum(axis=0)} for a rows x cols matrix. */
    public static void columnSums(int rows, int cols, Tensor a, Tensor sums) {
        if (a.isFloat32()) Bias.columnSums(rows, cols, a.floats(), 0, cols, sums.floats(), 0);
        else Bias.columnSums(rows, cols, a.doubles(), 0, cols, sums.doubles(), 0);
    }

    /** {@code y = max(0, x)}. */
    public static void reluForward(Tensor x, Tensor y) {
        if (x.isFloat32()) Relu.forward(x.size(), x.floats(), 0, y.floats(), 0);
        else Relu.forward(x.size(), x.doubles(), 0, y.doubles(), 0);
    }

    /** {@code dx = dout * (x > 0)}. */
    public static void reluBackward(Tensor x, Tensor dout, Tensor dx) {
        if (x.isFloat32()) Relu.backward(x.size(), x.floats(), 0, dout.floats(), 0, dx.floats(), 0);
        else Relu.backward(x.size(), x.doubles(), 0, dout.doubles(), 0, dx.doubles(), 0);
    }

    /** {@code out = x * mask * scale}. */
    public static void dropoutApply(Tensor x, Tensor mask, double scale, Tensor out) {
        if (x.isFloat32()) DropoutApply.apply(x.size(), x.floats(), 0, mask.floats(), 0, (float) scale, out.floats(), 0);
        else DropoutApply.apply(x.size(), x.doubles(), 0, mask.doubles(), 0, scale, out.doubles(), 0);
    }

    /** Mean softmax cross-entropy of the rows x classes scores; gradient into dscores unless null. */
    public static double softmaxLoss(int rows, int classes, Tensor scores, int[] labels, Tensor dscores) {
        if (scores.isFloat32()) {
            return SoftmaxLoss.lossAndGradient(rows, classes, scores.floats(), 0, classes, labels, 0,
                    dscores == null ? null : dscores.floats(), 0, classes);
        }
        return SoftmaxLoss.lossAndGradient(rows, classes, scores.doubles(), 0, classes, labels, 0,
                dscores == null ? null : dscores.doubles(), 0, classes);
    }
}
