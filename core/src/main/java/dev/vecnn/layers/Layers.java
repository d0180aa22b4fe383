package dev.vecnn.layers;

import dev.vecnn.random.NumpyRandom;
import dev.vecnn.tensor.Tensor;

import java.util.Arrays;

/**
 * The assignment's {@code layers.py}, function for function: each forward returns
 * {@code (out, cache)}, each backward takes {@code (dout, cache)}. Matrix work goes to the
 * kernels through {@link Ops}; the normalizations compute in double and store in the input's
 * dtype. Every function checks shapes and dtypes and says what is wrong.
 */
public final class Layers {
    private Layers() {}

    // ---------------------------------------------------------------- affine

    /**
     * {@code out = x.reshape(N, D) @ w + b}: x of shape (N, d1, ..., dk) with D = d1*...*dk,
     * w (D, M), b (M,). Returns out (N, M) and the cache (x, w, b).
     */
    public static Forward<AffineCache> affineForward(Tensor x, Tensor w, Tensor b) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("affine: x must have shape (N, d1, ...), got " + Arrays.toString(x.shape()));
        }
        int n = x.rows();
        int d = x.rowLength();
        if (w.rank() != 2) {
            throw new IllegalArgumentException("affine: w must have shape (D, M), got " + Arrays.toString(w.shape()));
        }
        if (w.dim(0) != d) {
            throw new IllegalArgumentException("affine: x has " + d + " features per row (shape "
                    + Arrays.toString(x.shape()) + ") but w has " + w.dim(0) + " rows (shape "
                    + Arrays.toString(w.shape()) + ")");
        }
        int m = w.dim(1);
        if (b.rank() != 1 || b.dim(0) != m) {
            throw new IllegalArgumentException("affine: b must have shape [" + m + "] to match w "
                    + Arrays.toString(w.shape()) + ", got " + Arrays.toString(b.shape()));
        }
        requireDType("affine", "x", x, "w", w);
        requireDType("affine", "x", x, "b", b);
        Tensor out = Tensor.zeros(x.dtype(), n, m);
        Ops.gemm(false, false, n, m, d, x, w, 0, out);
        Ops.addRowVector(n, m, b, out);
        return new Forward<>(out, new AffineCache(x, w, b));
    }

    /** {@code dx = dout @ w.T} (x's shape), {@code dw = x2.T @ dout}, {@code db = dout.sum(0)}. */
    public static AffineGrads affineBackward(Tensor dout, AffineCache cache) {
        Tensor x = cache.x();
        Tensor w = cache.w();
        int n = x.rows();
        int d = w.dim(0);
        int m = w.dim(1);
        if (dout.rank() != 2 || dout.dim(0) != n || dout.dim(1) != m) {
            throw new IllegalArgumentException("affine backward: dout must have shape [" + n + ", " + m
                    + "], got " + Arrays.toString(dout.shape()));
        }
        requireDType("affine backward", "x", x, "dout", dout);
        Tensor dx = Tensor.zeros(x.dtype(), n, d);
        Ops.gemm(false, true, n, d, m, dout, w, 0, dx);
        Tensor dw = Tensor.zeros(x.dtype(), d, m);
        Ops.gemm(true, false, d, m, n, x, dout, 0, dw);
        Tensor db = Tensor.zeros(x.dtype(), m);
        Ops.columnSums(n, m, dout, db);
        return new AffineGrads(dx.reshape(x.shape()), dw, db);
    }

    // ---------------------------------------------------------------- relu

    /** {@code out = np.maximum(0, x)}; the cache is x. */
    public static Forward<Tensor> reluForward(Tensor x) {
        Tensor out = x.zerosLike();
        Ops.reluForward(x, out);
        return new Forward<>(out, x);
    }

    /** {@code dx = dout * (x > 0)}. */
    public static Tensor reluBackward(Tensor dout, Tensor cache) {
        cache.requireSameShape("relu backward: dout", dout);
        requireDType("relu backward", "x", cache, "dout", dout);
        Tensor dx = dout.zerosLike();
        Ops.reluBackward(cache, dout, dx);
        return dx;
    }

    // ---------------------------------------------------------------- dropout

    /**
     * Dropout; {@code param.p()} is the KEEP probability. Train mode: reseeds the param's stream
     * ({@link DropoutParam#random()}, numpy's global state by default) when the param has a seed,
     * draws {@code mask = rand(*x.shape) < p} from it and returns
     * {@code x * mask / p} (inverted) or {@code x * mask} (vanilla). Test mode: {@code x}
     * (inverted) or {@code x * p} (vanilla).
     */
    public static Forward<DropoutCache> dropoutForward(Tensor x, DropoutParam param) {
        if (param == null) throw new IllegalArgumentException("dropout: param must not be null");
        double p = DropoutParam.checkKeepProbability(param.p());
        Tensor out = x.zerosLike();
        Tensor mask = null;
        if (param.mode() == DropoutParam.Mode.TRAIN) {
            NumpyRandom rng = param.random();
            if (param.hasSeed()) {
                rng.setSeed(param.seedValue());
            }
            mask = x.zerosLike();
            fillKeepMask(mask, p, rng);
            Ops.dropoutApply(x, mask, param.isInverted() ? 1.0 / p : 1.0, out);
        } else if (param.isInverted()) {
            out.copyFrom(x);
        } else {
            scaleInto(x, p, out);
        }
        return new Forward<>(out, new DropoutCache(param.mode(), p, param.isInverted(), mask));
    }

    /**
     * Dropout with a keep-mask the caller drew (1 = keep, 0 = drop; same shape and dtype as x),
     * e.g. from the counter-based generator: train mode returns {@code x * mask / p} (inverted)
     * or {@code x * mask} (vanilla); test mode ignores the mask. The param's seed is not used.
     */
    public static Forward<DropoutCache> dropoutForward(Tensor x, DropoutParam param, Tensor keepMask) {
        if (param == null) throw new IllegalArgumentException("dropout: param must not be null");
        if (param.mode() == DropoutParam.Mode.TEST) {
            return dropoutForward(x, param);
        }
        if (keepMask == null) throw new IllegalArgumentException("dropout: keep mask must not be null in train mode");
        x.requireSameShape("dropout: keep mask", keepMask);
        requireDType("dropout", "x", x, "keep mask", keepMask);
        double p = DropoutParam.checkKeepProbability(param.p());
        Tensor out = x.zerosLike();
        Ops.dropoutApply(x, keepMask, param.isInverted() ? 1.0 / p : 1.0, out);
        return new Forward<>(out, new DropoutCache(param.mode(), p, param.isInverted(), keepMask));
    }

    /** Train: {@code dx = dout * mask (/ p when inverted)}; test: {@code dout} (inverted) or {@code dout * p}. */
    public static Tensor dropoutBackward(Tensor dout, DropoutCache cache) {
        Tensor dx = dout.zerosLike();
        if (cache.mode() == DropoutParam.Mode.TRAIN) {
            cache.mask().requireSameShape("dropout backward: dout", dout);
            requireDType("dropout backward", "mask", cache.mask(), "dout", dout);
            Ops.dropoutApply(dout, cache.mask(), cache.inverted() ? 1.0 / cache.p() : 1.0, dx);
        } else if (cache.inverted()) {
            dx.copyFrom(dout);
        } else {
            scaleInto(dout, cache.p(), dx);
        }
        return dx;
    }

    /** {@code mask = (np.random.rand(*mask.shape) < p)} as 0/1 in mask's dtype, from the global numpy state. */
    public static void fillKeepMask(Tensor mask, double p) {
        fillKeepMask(mask, p, NumpyRandom.global());
    }

    /** {@code mask = (rng.rand(*mask.shape) < p)} as 0/1 in mask's dtype. */
    public static void fillKeepMask(Tensor mask, double p, NumpyRandom rng) {
        double[] u = new double[mask.size()];
        rng.rand(u, 0, u.length);
        for (int i = 0; i < u.length; i++) {
            mask.set(i, u[i] < p ? 1.0 : 0.0);
        }
    }

    private static void scaleInto(Tensor x, double s, Tensor out) {
        if (x.isFloat32()) {
            float[] a = x.floats();
            float[] o = out.floats();
            float sf = (float) s;
            for (int i = 0; i < a.length; i++) o[i] = a[i] * sf;
        } else {
            double[] a = x.doubles();
            double[] o = out.doubles();
            for (int i = 0; i < a.length; i++) o[i] = a[i] * s;
        }
    }

    // ---------------------------------------------------------------- losses

    /** Softmax cross-entropy: x (N, C) scores, y labels in [0, C). Returns mean loss and dx. */
    public static Loss softmaxLoss(Tensor x, int[] y) {
        checkScoresAndLabels("softmax loss", x, y);
        Tensor dx = x.zerosLike();
        double loss = Ops.softmaxLoss(x.dim(0), x.dim(1), x, y, dx);
        return new Loss(loss, dx);
    }

    /** Multiclass SVM (hinge, margin 1) loss: x (N, C), y in [0, C). Returns mean loss and dx. */
    public static Loss svmLoss(Tensor x, int[] y) {
        checkScoresAndLabels("svm loss", x, y);
        int n = x.dim(0);
        int c = x.dim(1);
        Tensor dx = x.zerosLike();
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double correct = x.get(i * c + y[i]);
            int positive = 0;
            for (int j = 0; j < c; j++) {
                if (j == y[i]) continue;
                double margin = x.get(i * c + j) - correct + 1.0;
                if (margin > 0) {
                    loss += margin;
                    positive++;
                    dx.set(i * c + j, 1.0 / n);
                }
            }
            dx.set(i * c + y[i], -(double) positive / n);
        }
        return new Loss(loss / n, dx);
    }

    // ---------------------------------------------------------------- batch normalization

    /**
     * Batch normalization of x (N, D) with gamma, beta (D,). Train: normalize with the batch
     * mean and biased variance, update {@code running = momentum * running + (1 - momentum) *
     * batch}; test: normalize with the running statistics. eps and momentum come from the param.
     */
    public static Forward<NormCache> batchnormForward(Tensor x, Tensor gamma, Tensor beta, BatchnormParam param) {
        int n = checkNormArgs("batchnorm", x, gamma, beta);
        int d = x.dim(1);
        if (param.runningMean() == null) {
            param.runningStats(Tensor.zeros(x.dtype(), d), Tensor.zeros(x.dtype(), d));
        }
        Tensor rm = param.runningMean();
        Tensor rv = param.runningVar();
        Tensor out = x.zerosLike();
        double eps = param.eps();
        if (param.mode() == DropoutParam.Mode.TEST) {
            for (int j = 0; j < d; j++) {
                double inv = 1.0 / Math.sqrt(rv.get(j) + eps);
                for (int i = 0; i < n; i++) {
                    double xhat = (x.get(i * d + j) - rm.get(j)) * inv;
                    out.set(i * d + j, gamma.get(j) * xhat + beta.get(j));
                }
            }
            return new Forward<>(out, null);
        }
        double[] xhat = new double[n * d];
        double[] invStd = new double[d];
        double momentum = param.momentum();
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += x.get(i * d + j);
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                double c = x.get(i * d + j) - mean;
                var += c * c;
            }
            var /= n;
            double inv = 1.0 / Math.sqrt(var + eps);
            invStd[j] = inv;
            for (int i = 0; i < n; i++) {
                double h = (x.get(i * d + j) - mean) * inv;
                xhat[i * d + j] = h;
                out.set(i * d + j, gamma.get(j) * h + beta.get(j));
            }
            rm.set(j, momentum * rm.get(j) + (1 - momentum) * mean);
            rv.set(j, momentum * rv.get(j) + (1 - momentum) * var);
        }
        return new Forward<>(out, new NormCache(xhat, invStd, gamma, x, false));
    }

    /** Backward of train-mode batchnorm: dx, dgamma, dbeta. */
    public static NormGrads batchnormBackward(Tensor dout, NormCache cache) {
        return normBackward("batchnorm backward", dout, cache);
    }

    // ---------------------------------------------------------------- layer normalization

    /** Layer normalization of x (N, D): each row to mean 0, variance 1 (biased), then gamma, beta (D,). */
    public static Forward<NormCache> layernormForward(Tensor x, Tensor gamma, Tensor beta, double eps) {
        int n = checkNormArgs("layernorm", x, gamma, beta);
        if (!(eps > 0)) throw new IllegalArgumentException("layernorm eps must be > 0, got " + eps);
        int d = x.dim(1);
        Tensor out = x.zerosLike();
        double[] xhat = new double[n * d];
        double[] invStd = new double[n];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (int j = 0; j < d; j++) mean += x.get(i * d + j);
            mean /= d;
            double var = 0;
            for (int j = 0; j < d; j++) {
                double c = x.get(i * d + j) - mean;
                var += c * c;
            }
            var /= d;
            double inv = 1.0 / Math.sqrt(var + eps);
            invStd[i] = inv;
            for (int j = 0; j < d; j++) {
                double h = (x.get(i * d + j) - mean) * inv;
                xhat[i * d + j] = h;
                out.set(i * d + j, gamma.get(j) * h + beta.get(j));
            }
        }
        return new Forward<>(out, new NormCache(xhat, invStd, gamma, x, true));
    }

    /** Layer normalization with the assignment's eps = 1e-5. */
    public static Forward<NormCache> layernormForward(Tensor x, Tensor gamma, Tensor beta) {
        return layernormForward(x, gamma, beta, 1e-5);
    }

    /** Backward of layernorm: dx, dgamma, dbeta. */
    public static NormGrads layernormBackward(Tensor dout, NormCache cache) {
        return normBackward("layernorm backward", dout, cache);
    }

    /**
     * Shared backward of both normalizations. With {@code g = dout * gamma} and K the count
     * normalized over (N for batchnorm, D for layernorm):
     * {@code dx = invStd / K * (K g - sum(g) - xhat * sum(g * xhat))}.
     */
    private static NormGrads normBackward(String what, Tensor dout, NormCache cache) {
        if (cache == null) {
            throw new IllegalArgumentException(what + ": no cache (forward ran in test mode)");
        }
        Tensor x = cache.x();
        x.requireSameShape(what + ": dout", dout);
        requireDType(what, "x", x, "dout", dout);
        int n = x.dim(0);
        int d = x.dim(1);
        double[] xhat = cache.xhat();
        Tensor gamma = cache.gamma();
        Tensor dgamma = Tensor.zeros(x.dtype(), d);
        Tensor dbeta = Tensor.zeros(x.dtype(), d);
        double[] dg = new double[d];
        double[] db = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double g = dout.get(i * d + j);
                db[j] += g;
                dg[j] += g * xhat[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            dgamma.set(j, dg[j]);
            dbeta.set(j, db[j]);
        }
        Tensor dx = x.zerosLike();
        if (cache.perRow()) {
            for (int i = 0; i < n; i++) {
                double sum = 0;
                double sumXhat = 0;
                for (int j = 0; j < d; j++) {
                    double g = dout.get(i * d + j) * gamma.get(j);
                    sum += g;
                    sumXhat += g * xhat[i * d + j];
                }
                double inv = cache.invStd()[i];
                for (int j = 0; j < d; j++) {
                    double g = dout.get(i * d + j) * gamma.get(j);
                    dx.set(i * d + j, inv / d * (d * g - sum - xhat[i * d + j] * sumXhat));
                }
            }
        } else {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                double sumXhat = 0;
                for (int i = 0; i < n; i++) {
                    double g = dout.get(i * d + j) * gamma.get(j);
                    sum += g;
                    sumXhat += g * xhat[i * d + j];
                }
                double inv = cache.invStd()[j];
                for (int i = 0; i < n; i++) {
                    double g = dout.get(i * d + j) * gamma.get(j);
                    dx.set(i * d + j, inv / n * (n * g - sum - xhat[i * d + j] * sumXhat));
                }
            }
        }
        return new NormGrads(dx, dgamma, dbeta);
    }

    // ---------------------------------------------------------------- checks

    private static int checkNormArgs(String what, Tensor x, Tensor gamma, Tensor beta) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException(what + ": x must have shape (N, D), got " + Arrays.toString(x.shape()));
        }
        int d = x.dim(1);
        if (gamma.rank() != 1 || gamma.dim(0) != d) {
            throw new IllegalArgumentException(what + ": gamma must have shape [" + d + "], got " + Arrays.toString(gamma.shape()));
        }
        if (beta.rank() != 1 || beta.dim(0) != d) {
            throw new IllegalArgumentException(what + ": beta must have shape [" + d + "], got " + Arrays.toString(beta.shape()));
        }
        requireDType(what, "x", x, "gamma", gamma);
        requireDType(what, "x", x, "beta", beta);
        return x.dim(0);
    }

    /** Throws unless the scores are (N, C) and the N labels lie in [0, C). */
    public static void checkScoresAndLabels(String what, Tensor x, int[] y) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException(what + ": scores must have shape (N, C), got " + Arrays.toString(x.shape()));
        }
        checkLabels(what, y, x.dim(0), x.dim(1));
    }

    /** Throws unless there are {@code n} labels, each in [0, classes). */
    public static void checkLabels(String what, int[] y, int n, int classes) {
        if (y == null) throw new IllegalArgumentException(what + ": labels y must not be null");
        if (y.length != n) {
            throw new IllegalArgumentException(what + ": labels y must have length " + n + " (one per row), got " + y.length);
        }
        for (int i = 0; i < n; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException(what + ": labels must be in [0, " + classes + "), got y[" + i + "] = " + y[i]);
            }
        }
    }

    /** Throws unless two tensors share a dtype (numpy would silently promote; we refuse). */
    public static void requireDType(String what, String aName, Tensor a, String bName, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(what + ": dtype mismatch: " + aName + " is " + a.dtype()
                    + " but " + bName + " is " + b.dtype() + " (convert with astype)");
        }
    }

}
