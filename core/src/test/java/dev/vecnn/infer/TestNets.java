package dev.vecnn.infer;

import dev.vecnn.layers.Normalization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random nets for the tests, and an independent reference forward pass: a naive loop in
 * double precision written straight from the assignment's numpy code (affine_forward,
 * batchnorm_forward in test mode, layernorm_forward, relu_forward, dropout_forward in test mode).
 */
final class TestNets {
    private TestNets() {}

    /** Named parameters (float64 values) of a random net with the given widths. */
    static Map<String, double[]> randomParams(long seed, int[] dims, Normalization norm) {
        Random r = new Random(seed);
        Map<String, double[]> p = new LinkedHashMap<>();
        for (int k = 1; k < dims.length; k++) {
            int in = dims[k - 1];
            int out = dims[k];
            double scale = 1.0 / Math.sqrt(in);
            p.put("W" + k, gaussian(r, in * out, scale));
            p.put("b" + k, gaussian(r, out, 0.1));
            if (k < dims.length - 1 && norm != Normalization.NONE) {
                double[] gamma = gaussian(r, out, 0.2);
                for (int j = 0; j < out; j++) {
                    gamma[j] += 1.0;
                }
                p.put("gamma" + k, gamma);
                p.put("beta" + k, gaussian(r, out, 0.2));
                if (norm == Normalization.BATCHNORM) {
                    p.put("running_mean" + k, gaussian(r, out, 0.3));
                    double[] var = new double[out];
                    for (int j = 0; j < out; j++) {
                        var[j] = 0.5 + r.nextDouble();
                    }
                    p.put("running_var" + k, var);
                }
            }
        }
        return p;
    }

    static double[] gaussian(Random r, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian() * scale;
        }
        return v;
    }

    static float[] gaussianFloats(long seed, int n) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    static int[] shapeOf(String name, int[] dims) {
        int k = Integer.parseInt(name.replaceAll("\\D", ""));
        return name.startsWith("W") ? new int[] {dims[k - 1], dims[k]} : new int[] {dims[k]};
    }

    /** A builder holding {@code params} as float32 (or float64) arrays. */
    static InferenceModelBuilder builder(Map<String, double[]> params, int[] dims, boolean asFloat) {
        InferenceModelBuilder b = InferenceModel.builder();
        params.forEach((name, v) -> {
            if (asFloat) {
                b.param(name, toFloats(v), shapeOf(name, dims));
            } else {
                b.param(name, v, shapeOf(name, dims));
            }
        });
        return b;
    }

    /** Reference scores, double precision, of {@code batch} rows of x. */
    static double[] referenceScores(Map<String, double[]> p, int[] dims, Normalization norm,
                                    double hiddenScale, double[] x, int batch) {
        double eps = 1e-5;
        double[] cur = x;
        int layers = dims.length - 1;
        for (int k = 1; k <= layers; k++) {
            int in = dims[k - 1];
            int out = dims[k];
            double[] w = p.get("W" + k);
            double[] b = p.get("b" + k);
            double[] h = new double[batch * out];
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < out; j++) {
                    double s = 0;
                    for (int q = 0; q < in; q++) {
                        s += cur[i * in + q] * w[q * out + j];
                    }
                    h[i * out + j] = s + b[j];
                }
            }
            if (k < layers) {
                for (int i = 0; i < batch; i++) {
                    double mu = 0;
                    double var = 0;
                    if (norm == Normalization.LAYERNORM) {
                        for (int j = 0; j < out; j++) {
                            mu += h[i * out + j];
                        }
                        mu /= out;
                        for (int j = 0; j < out; j++) {
                            var += (h[i * out + j] - mu) * (h[i * out + j] - mu);
                        }
                        var /= out;
                    }
                    for (int j = 0; j < out; j++) {
                        double v = h[i * out + j];
                        if (norm == Normalization.BATCHNORM) {
                            v = (v - p.get("running_mean" + k)[j])
                                    / Math.sqrt(p.get("running_var" + k)[j] + eps)
                                    * p.get("gamma" + k)[j] + p.get("beta" + k)[j];
                        } else if (norm == Normalization.LAYERNORM) {
                            v = (v - mu) / Math.sqrt(var + eps) * p.get("gamma" + k)[j]
                                    + p.get("beta" + k)[j];
                        }
                        h[i * out + j] = Math.max(0, v) * hiddenScale;
                    }
                }
            }
            cur = h;
        }
        return cur;
    }

    static double[] toDoubles(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
