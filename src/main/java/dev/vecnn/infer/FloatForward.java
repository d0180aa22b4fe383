package dev.vecnn.infer;

import dev.vecnn.layers.Normalization;
import dev.vecnn.kernels.Bias;
import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Relu;

/**
 * float32 test-time forward pass. Per layer: {@code h = x @ W + b} (Gemm, with W
 * stored transposed so that small batches stream it in place, unpacked; Bias), then for hidden
 * layers the normalization in place, {@code relu} (Relu), and for vanilla dropout {@code h *= p}.
 * Activations ping-pong between the two scratch buffers; the last layer writes the scores.
 *
 * <p>Normalizations, elementwise in float32 in numpy's order so they round as numpy does:
 * batchnorm {@code (h - running_mean) / sqrt(running_var + eps) * gamma + beta}; layernorm the
 * same with the row's mean and (biased) variance, which are accumulated in double and rounded.
 */
final class FloatForward extends ForwardPass {
    /** W<k> transposed, (out, in) row-major: Gemm then streams it without packing. */
    private final float[][] wT;
    private final float[][] b;
    private final float[][] gamma;
    private final float[][] beta;
    private final float[][] mean;
    /** {@code sqrt(running_var + eps)} in float32, for batchnorm. */
    private final float[][] std;
    private final float eps;
    private final float hiddenScale;

    FloatForward(int[] dims, Param[] w, Param[] b, Normalization norm, Param[] gamma, Param[] beta,
                 Param[] mean, Param[] var, double eps, double hiddenScale) {
        super(dims, norm);
        int layers = w.length;
        this.wT = new float[layers][];
        this.b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            this.wT[l] = transpose(w[l].toFloats(), dims[l], dims[l + 1]);
            this.b[l] = b[l].toFloats();
        }
        this.eps = (float) eps;
        this.hiddenScale = (float) hiddenScale;
        this.gamma = new float[layers - 1][];
        this.beta = new float[layers - 1][];
        this.mean = new float[layers - 1][];
        this.std = new float[layers - 1][];
        for (int l = 0; l < layers - 1; l++) {
            if (norm != Normalization.NONE) {
                this.gamma[l] = gamma[l].toFloats();
                this.beta[l] = beta[l].toFloats();
            }
            if (norm == Normalization.BATCHNORM) {
                this.mean[l] = mean[l].toFloats();
                float[] v = var[l].toFloats();
                for (int j = 0; j < v.length; j++) {
                    v[j] = (float) Math.sqrt(v[j] + this.eps);
                }
                this.std[l] = v;
            }
        }
    }

    @Override
    void scores(float[] x, int xOff, int rows, float[] out, int outOff, Scratch s) {
        int layers = wT.length;
        float[] bufA = s.floatA(rows * maxHidden);
        float[] bufB = s.floatB(rows * maxHidden);
        float[] cur = x;
        int curOff = xOff;
        for (int l = 0; l < layers; l++) {
            int in = dims[l];
            int width = dims[l + 1];
            boolean last = l == layers - 1;
            float[] dst = last ? out : (l % 2 == 0 ? bufA : bufB);
            int dstOff = last ? outOff : 0;
            Gemm.sgemm(false, true, rows, width, in, 1f, cur, curOff, in, wT[l], 0, in,
                    0f, dst, dstOff, width);
            Bias.addRowVector(rows, width, b[l], 0, dst, dstOff, width);
            if (!last) {
                if (normalization == Normalization.BATCHNORM) {
                    batchnorm(l, rows, width, dst);
                } else if (normalization == Normalization.LAYERNORM) {
                    layernorm(l, rows, width, dst);
                }
                Relu.forward(rows * width, dst, 0, dst, 0);
                if (hiddenScale != 1f) {
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
    void scores(double[] x, int xOff, int rows, double[] out, int outOff, Scratch s) {
        int n = rows * dims[0];
        float[] in = s.floatIn(n);
        for (int i = 0; i < n; i++) {
            in[i] = (float) x[xOff + i];
        }
        int m = rows * classes();
        float[] sc = s.floatScores(m);
        scores(in, 0, rows, sc, 0, s);
        for (int i = 0; i < m; i++) {
            out[outOff + i] = sc[i];
        }
    }

    /** {@code (rows, cols)} row-major to {@code (cols, rows)} row-major. */
    private static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = m[i * cols + j];
            }
        }
        return t;
    }

    private void batchnorm(int l, int rows, int width, float[] h) {
        float[] mu = mean[l];
        float[] sd = std[l];
        float[] g = gamma[l];
        float[] be = beta[l];
        for (int r = 0; r < rows; r++) {
            int row = r * width;
            for (int j = 0; j < width; j++) {
                h[row + j] = (h[row + j] - mu[j]) / sd[j] * g[j] + be[j];
            }
        }
    }

    private void layernorm(int l, int rows, int width, float[] h) {
        float[] g = gamma[l];
        float[] be = beta[l];
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
            float muF = (float) mu;
            float sd = (float) Math.sqrt((float) (sq / width) + eps);
            for (int j = 0; j < width; j++) {
                h[row + j] = (h[row + j] - muF) / sd * g[j] + be[j];
            }
        }
    }
}
