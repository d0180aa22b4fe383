package dev.vecnn.model;

import dev.vecnn.layers.BatchnormParam;
import dev.vecnn.layers.Normalization;
import dev.vecnn.tensor.Tensor;

/**
 * Batch or layer normalization of a hidden slot, in place: {@code h = gamma * xhat + beta} with
 * {@code xhat = (h - mean) / sqrt(var + eps)}, the (biased) statistics taken per column over the
 * batch (batchnorm; test mode uses the running statistics) or per row over the features
 * (layernorm). As in {@link dev.vecnn.layers.Layers}, the arithmetic is in double on the slot's
 * values widened, and the results are rounded to the slot's precision; every sum runs in the same
 * order as there (over rows ascending for a column, over columns ascending for a row), so the
 * engine and the layer functions agree bit for bit. The loops walk the rows in memory order and
 * keep one accumulator per column.
 *
 * <p>Backward, with {@code g = dout * gamma} and K the count normalized over:
 * {@code dgamma = sum(dout * xhat)}, {@code dbeta = sum(dout)} over the rows, and
 * {@code dx = invStd / K * (K g - sum(g) - xhat * sum(g * xhat))}, in place on the slot's gradient.
 */
record NormOp(int slot, boolean perRow, Tensor gamma, Tensor beta, String gammaName, String betaName,
              BatchnormParam param) implements Op {
    /** Normalization of hidden layer {@code layer}'s output (slot layer + 1); param holds eps, momentum, running stats. */
    static NormOp of(int layer, Normalization normalization, Tensor gamma, Tensor beta, BatchnormParam param) {
        return new NormOp(layer + 1, normalization == Normalization.LAYERNORM, gamma, beta,
                "gamma" + (layer + 1), "beta" + (layer + 1), param);
    }

    @Override
    public void forward(Workspace ws) {
        int n = ws.rows();
        int d = ws.width(slot);
        double[] x = ws.widened(0, ws.act(slot), n * d);
        double[] g = ws.widened(1, gamma.data(), d);
        double[] be = ws.widened(2, beta.data(), d);
        if (perRow) {
            layernorm(n, d, x, g, be, ws.xhat(slot), ws.invStd(slot));
        } else {
            if (param.runningMean() == null) {
                param.runningStats(gamma.zerosLike(), gamma.zerosLike());
            }
            if (ws.training()) {
                batchnormTrain(n, d, x, g, be, ws.xhat(slot), ws.invStd(slot), ws.scratch(3, d), ws.scratch(4, d));
            } else {
                batchnormTest(n, d, x, g, be, ws.scratch(3, d), ws.scratch(4, d));
            }
        }
        Flat.fromDoubles(x, n * d, ws.act(slot));
    }

    /** Per column: batch mean and biased variance, normalize, scale and shift; update the running statistics. */
    private void batchnormTrain(int n, int d, double[] x, double[] g, double[] be, double[] xhat, double[] invStd,
                                double[] mean, double[] var) {
        java.util.Arrays.fill(mean, 0, d, 0.0);
        java.util.Arrays.fill(var, 0, d, 0.0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) mean[j] += x[i * d + j];
        }
        for (int j = 0; j < d; j++) mean[j] /= n;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = x[i * d + j] - mean[j];
                var[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            var[j] /= n;
            invStd[j] = 1.0 / Math.sqrt(var[j] + param.eps());
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double h = (x[i * d + j] - mean[j]) * invStd[j];
                xhat[i * d + j] = h;
                x[i * d + j] = g[j] * h + be[j];
            }
        }
        Tensor rm = param.runningMean();
        Tensor rv = param.runningVar();
        double momentum = param.momentum();
        for (int j = 0; j < d; j++) {
            rm.set(j, momentum * rm.get(j) + (1 - momentum) * mean[j]);
            rv.set(j, momentum * rv.get(j) + (1 - momentum) * var[j]);
        }
    }

    /** Per column with the running statistics: {@code (x - running_mean) / sqrt(running_var + eps) * gamma + beta}. */
    private void batchnormTest(int n, int d, double[] x, double[] g, double[] be, double[] mean, double[] inv) {
        Tensor rm = param.runningMean();
        Tensor rv = param.runningVar();
        for (int j = 0; j < d; j++) {
            mean[j] = rm.get(j);
            inv[j] = 1.0 / Math.sqrt(rv.get(j) + param.eps());
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double xh = (x[i * d + j] - mean[j]) * inv[j];
                x[i * d + j] = g[j] * xh + be[j];
            }
        }
    }

    /** Per row: mean and biased variance over the features, normalize, scale and shift. */
    private void layernorm(int n, int d, double[] x, double[] g, double[] be, double[] xhat, double[] invStd) {
        double eps = param == null ? 1e-5 : param.eps();
        for (int i = 0; i < n; i++) {
            int row = i * d;
            double mean = 0;
            for (int j = 0; j < d; j++) mean += x[row + j];
            mean /= d;
            double var = 0;
            for (int j = 0; j < d; j++) {
                double c = x[row + j] - mean;
                var += c * c;
            }
            var /= d;
            double inv = 1.0 / Math.sqrt(var + eps);
            invStd[i] = inv;
            for (int j = 0; j < d; j++) {
                double h = (x[row + j] - mean) * inv;
                xhat[row + j] = h;
                x[row + j] = g[j] * h + be[j];
            }
        }
    }

    @Override
    public void backward(Workspace ws) {
        int n = ws.rows();
        int d = ws.width(slot);
        double[] dout = ws.widened(0, ws.grad(slot), n * d);
        double[] gam = ws.widened(1, gamma.data(), d);
        double[] xhat = ws.xhat(slot);
        double[] sum = ws.scratch(2, d);
        double[] sumXhat = ws.scratch(3, d);
        scaleShiftGradients(ws, n, d, dout, xhat, sum, sumXhat);
        if (perRow) {
            dxPerRow(n, d, dout, gam, xhat, ws.invStd(slot));
        } else {
            dxPerColumn(n, d, dout, gam, xhat, ws.invStd(slot), sum, sumXhat);
        }
        Flat.fromDoubles(dout, n * d, ws.grad(slot));
    }

    /** {@code dgamma = sum(dout * xhat)}, {@code dbeta = sum(dout)} over the rows, into the caller's gradients. */
    private void scaleShiftGradients(Workspace ws, int n, int d, double[] dout, double[] xhat, double[] dg, double[] db) {
        java.util.Arrays.fill(dg, 0, d, 0.0);
        java.util.Arrays.fill(db, 0, d, 0.0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = dout[i * d + j];
                db[j] += v;
                dg[j] += v * xhat[i * d + j];
            }
        }
        Flat.fromDoubles(dg, d, ws.gradOf(gammaName).data());
        Flat.fromDoubles(db, d, ws.gradOf(betaName).data());
    }

    /** Layernorm's dx, row by row (K = d), in place on dout. */
    private static void dxPerRow(int n, int d, double[] dout, double[] gam, double[] xhat, double[] invStd) {
        for (int i = 0; i < n; i++) {
            int row = i * d;
            double sum = 0;
            double sumXhat = 0;
            for (int j = 0; j < d; j++) {
                double g = dout[row + j] * gam[j];
                sum += g;
                sumXhat += g * xhat[row + j];
            }
            double inv = invStd[i];
            for (int j = 0; j < d; j++) {
                double g = dout[row + j] * gam[j];
                dout[row + j] = inv / d * (d * g - sum - xhat[row + j] * sumXhat);
            }
        }
    }

    /** Batchnorm's dx, one accumulator per column (K = n), in place on dout; sum and sumXhat are scratch. */
    private static void dxPerColumn(int n, int d, double[] dout, double[] gam, double[] xhat, double[] invStd,
                                    double[] sum, double[] sumXhat) {
        java.util.Arrays.fill(sum, 0, d, 0.0);
        java.util.Arrays.fill(sumXhat, 0, d, 0.0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double g = dout[i * d + j] * gam[j];
                sum[j] += g;
                sumXhat[j] += g * xhat[i * d + j];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double g = dout[i * d + j] * gam[j];
                dout[i * d + j] = invStd[j] / n * (n * g - sum[j] - xhat[i * d + j] * sumXhat[j]);
            }
        }
    }
}
