package dev.vecnn.infer;

import dev.vecnn.layers.Normalization;
import dev.vecnn.kernels.Bias;
import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Relu;

/**
 * float64 test-time forward pass. Per layer: {@code h = x @ W + b} (Gemm, with W
 * stored transposed so that small batches stream it in place, unpacked; Bias), then for hidden
 * layers the normalization in place, {@code relu} (Relu), and for vanilla dropout {@code h *= p}.
 * Activations ping-pong between the two scratch buffers; the last layer writes the scores.
 *
 * <p>Normalizations, elementwise in float64 in numpy's order so they round as numpy does:
 * batchnorm {@code (h - running_mean) / sqrt(running_var + eps) * gamma + beta}; layernorm the
 * same with the row's mean and (biased) variance.
 */
final class DoubleForward extends ForwardPass {
    /** W<k> transposed, (out, in) row-major: Gemm then streams it without packing. */
    private final double[][] wT;
    private final double[][] b;
    private final double[][] gamma;
    private final double[][] beta;
    private final double[][] mean;
    /** {@code sqrt(running_var + eps)} in float64, for batchnorm. */
    private final double[][] std;
    private final double eps;
    private final double hiddenScale;

    DoubleForward(int[] dims, Param[] w, Param[] b, Normalization norm, Param[] gamma, Param[] beta,
                 Param[] mean, Param[] var, double eps, double hiddenScale) {
        super(dims, norm);
        int layers = w.length;
        this.wT = new double[layers][];
        this.b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            this.wT[l] = transpose(w[l].toDoubles(), dims[l], dims[l + 1]);
            this.b[l] = b[l].toDoubles();
        }
        this.eps = eps;
        this.hiddenScale = hiddenScale;
        this.gamma = new double[layers - 1][];
        this.beta = new double[layers - 1][];
        this.mean = new double[layers - 1][];
        this.std = new double[layers - 1][];
        for (int l = 0; l < layers - 1; l++) {
            if (norm != Normalization.NONE) {
                this.gamma[l] = gamma[l].toDoubles();
                this.beta[l] = beta[l].toDoubles();
            }
            if (norm == Normalization.BATCHNORM) {
                this.mean[l] = mean[l].toDoubles();
                double[] v = var[l].toDoubles();
                for (int j = 0; j < v.length; j++) {
                    v[j] = Math.sqrt(v[j] + this.eps);
                }
                this.std[l] = v;
            }
        }
    }

    @Override
    void scores(double[] x, int xOff, int rows, double[] out, int outOff, Scratch s) {
        int layers = wT.length;
        double[] bufA = s.doubleA(rows * maxHidden);
        double[] bufB = s.doubleB(rows * maxHidden);
        double[] cur = x;
        int curOff = xOff;
        for (int l = 0; l < layers; l++) {
            int in = dims[l];
            int width = dims[l + 1];
            boolean last = l == layers - 1;
            double[] dst = last ? out : (l % 2 == 0 ? bufA : bufB);
            int dstOff = last ? outOff : 0;
            Gemm.dgemm(false, true, rows, width, in, 1.0, cur, curOff, in, wT[l], 0, in,
                    0.0, dst, dstOff, width);
            Bias.addRowVector(rows, width, b[l], 0, dst, dstOff, width);
            if (!last) {
                if (normalization == Normalization.BATCHNORM) {
                    batchnorm(l, rows, width, dst);
                } else if (normalization == Normalization.LAYERNORM) {
                    layernorm(l, rows, width, dst);
                }
                Relu.forward(rows * width, dst, 0, dst, 0);
                if (hiddenScale != 1.0) {
                    for (int i = 0, n = rows * width; i < n; i++) {
                        dst[i] *= hiddenScale;
                    }
                }
            }
            cur = dst;
            curOff = dstOff;
        }
    }

    @Override
    void scores(float[] x, int xOff, int rows, float[] out, int outOff, Scratch s) {
        int n = rows * dims[0];
        double[] in = s.doubleIn(n);
        for (int i = 0; i < n; i++) {
            in[i] = x[xOff + i];
        }
        int m = rows * classes();
        double[] sc = s.doubleScores(m);
        scores(in, 0, rows, sc, 0, s);
        for (int i = 0; i < m; i++) {
            out[outOff + i] = (float) sc[i];
        }
    }

    /** {@code (rows, cols)} row-major to {@code (cols, rows)} row-major. */
    private static double[] transpose(double[] m, int rows, int cols) {
        double[] t = new double[m.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = m[i * cols + j];
            }
        }
        return t;
    }

    private void batchnorm(int l, int rows, int width, double[] h) {
        double[] mu = mean[l];
        double[] sd = std[l];
        double[] g = gamma[l];
        double[] be = beta[l];
        for (int r = 0; r < rows; r++) {
            int row = r * width;
            for (int j = 0; j < width; j++) {
                h[row + j] = (h[row + j] - mu[j]) / sd[j] * g[j] + be[j];
            }
        }
    }

    private void layernorm(int l, int rows, int width, double[] h) {
        double[] g = gamma[l];
        double[] be = beta[l];
        for (int r = 0; r < rows; r++) {
            int row = r * width;
            double sum = 0;
            for (int j = 0; j < width; j++) {
                sum += h[row + j];
            }
            double mu = sum / width;
            double sq = 0;
            for (int j = 0; j < width; j++) {
                double d = h[row + j] - mu;
                sq += d * d;
            }
            double sd = Math.sqrt(sq / width + eps);
            for (int j = 0; j < width; j++) {
                h[row + j] = (h[row + j] - mu) / sd * g[j] + be[j];
            }
        }
    }
}
