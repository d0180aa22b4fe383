package dev.vecnn.kernels;

/**
 * Optimizer update rules, each one fused pass over the weights w, their gradient dw and the
 * rule's state, in the assignment's operation order (optim.py):
 * <pre>
 *   sgd:      w -= lr * dw
 *   momentum: v = mu * v - lr * dw;  w += v
 *   rmsprop:  cache = decay * cache + (1 - decay) * dw**2;  w -= lr * dw / (sqrt(cache) + eps)
 *   adam:     m = beta1*m + (1-beta1)*dw;  v = beta2*v + (1-beta2)*dw**2
 *             w -= lr * (m / (1 - beta1**t)) / (sqrt(v / (1 - beta2**t)) + eps)
 * </pre>
 * Float arrays are updated in float arithmetic (as numpy does for float32 arrays and Python
 * float scalars), double arrays in double. Adam's {@code t} is the step count after increment
 * (1 on the first step).
 *
 * <p>SCALAR PLACEHOLDER: signatures are final; SIMD twins come behind the same methods.
 */
public final class Updates {
    private Updates() {}

    /** SGD: {@code w -= lr * dw}. */
    public static void sgd(int n, float[] w, int wOff, float[] dw, int dwOff, float lr) {
        check2(n, w, wOff, dw, dwOff);
        for (int i = 0; i < n; i++) {
            w[wOff + i] -= lr * dw[dwOff + i];
        }
    }

    /** SGD with momentum: {@code v = mu * v - lr * dw; w += v}. */
    public static void momentum(int n, float[] w, int wOff, float[] dw, int dwOff,
                                float[] velocity, int vOff, float lr, float mu) {
        check2(n, w, wOff, dw, dwOff);
        Args.notNull("velocity", velocity);
        Args.vector("velocity", velocity.length, vOff, n);
        for (int i = 0; i < n; i++) {
            float v = mu * velocity[vOff + i] - lr * dw[dwOff + i];
            velocity[vOff + i] = v;
            w[wOff + i] += v;
        }
    }

    /** RMSProp: {@code cache = decay*cache + (1-decay)*dw^2; w -= lr*dw/(sqrt(cache)+eps)}. */
    public static void rmsprop(int n, float[] w, int wOff, float[] dw, int dwOff,
                               float[] cache, int cacheOff, float lr, float decay, float eps) {
        check2(n, w, wOff, dw, dwOff);
        Args.notNull("cache", cache);
        Args.vector("cache", cache.length, cacheOff, n);
        float oneMinusDecay = 1f - decay;
        for (int i = 0; i < n; i++) {
            float g = dw[dwOff + i];
            float c = decay * cache[cacheOff + i] + oneMinusDecay * (g * g);
            cache[cacheOff + i] = c;
            w[wOff + i] -= lr * g / ((float) Math.sqrt(c) + eps);
        }
    }

    /** Adam with bias correction; {@code t >= 1} is the step number after increment. */
    public static void adam(int n, float[] w, int wOff, float[] dw, int dwOff,
                            float[] m, int mOff, float[] v, int vOff,
                            float lr, float beta1, float beta2, float eps, long t) {
        check2(n, w, wOff, dw, dwOff);
        Args.notNull("m", m);
        Args.notNull("v", v);
        Args.vector("m", m.length, mOff, n);
        Args.vector("v", v.length, vOff, n);
        if (t < 1) {
            throw new IllegalArgumentException("t must be >= 1, got " + t);
        }
        float oneMinusBeta1 = 1f - beta1;
        float oneMinusBeta2 = 1f - beta2;
        float correction1 = 1f - (float) Math.pow(beta1, t);
        float correction2 = 1f - (float) Math.pow(beta2, t);
        for (int i = 0; i < n; i++) {
            float g = dw[dwOff + i];
            float mi = beta1 * m[mOff + i] + oneMinusBeta1 * g;
            float vi = beta2 * v[vOff + i] + oneMinusBeta2 * (g * g);
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            float mHat = mi / correction1;
            float vHat = vi / correction2;
            w[wOff + i] -= lr * mHat / ((float) Math.sqrt(vHat) + eps);
        }
    }

    private static void check2(int n, float[] w, int wOff, float[] dw, int dwOff) {
        Args.nonNegative("n", n);
        Args.notNull("w", w);
        Args.notNull("dw", dw);
        Args.vector("w", w.length, wOff, n);
        Args.vector("dw", dw.length, dwOff, n);
    }

    /** SGD: {@code w -= lr * dw}. */
    public static void sgd(int n, double[] w, int wOff, double[] dw, int dwOff, double lr) {
        check2(n, w, wOff, dw, dwOff);
        for (int i = 0; i < n; i++) {
            w[wOff + i] -= lr * dw[dwOff + i];
        }
    }

    /** SGD with momentum: {@code v = mu * v - lr * dw; w += v}. */
    public static void momentum(int n, double[] w, int wOff, double[] dw, int dwOff,
                                double[] velocity, int vOff, double lr, double mu) {
        check2(n, w, wOff, dw, dwOff);
        Args.notNull("velocity", velocity);
        Args.vector("velocity", velocity.length, vOff, n);
        for (int i = 0; i < n; i++) {
            double v = mu * velocity[vOff + i] - lr * dw[dwOff + i];
            velocity[vOff + i] = v;
            w[wOff + i] += v;
        }
    }

    /** RMSProp: {@code cache = decay*cache + (1-decay)*dw^2; w -= lr*dw/(sqrt(cache)+eps)}. */
    public static void rmsprop(int n, double[] w, int wOff, double[] dw, int dwOff,
                               double[] cache, int cacheOff, double lr, double decay, double eps) {
        check2(n, w, wOff, dw, dwOff);
        Args.notNull("cache", cache);
        Args.vector("cache", cache.length, cacheOff, n);
        double oneMinusDecay = 1 - decay;
        for (int i = 0; i < n; i++) {
            double g = dw[dwOff + i];
            double c = decay * cache[cacheOff + i] + oneMinusDecay * (g * g);
            cache[cacheOff + i] = c;
            w[wOff + i] -= lr * g / ((double) Math.sqrt(c) + eps);
        }
    }

    /** Adam with bias correction; {@code t >= 1} is the step number after increment. */
    public static void adam(int n, double[] w, int wOff, double[] dw, int dwOff,
                            double[] m, int mOff, double[] v, int vOff,
                            double lr, double beta1, double beta2, double eps, long t) {
        check2(n, w, wOff, dw, dwOff);
        Args.notNull("m", m);
        Args.notNull("v", v);
        Args.vector("m", m.length, mOff, n);
        Args.vector("v", v.length, vOff, n);
        if (t < 1) {
            throw new IllegalArgumentException("t must be >= 1, got " + t);
        }
        double oneMinusBeta1 = 1 - beta1;
        double oneMinusBeta2 = 1 - beta2;
        double correction1 = 1 - (double) Math.pow(beta1, t);
        double correction2 = 1 - (double) Math.pow(beta2, t);
        for (int i = 0; i < n; i++) {
            double g = dw[dwOff + i];
            double mi = beta1 * m[mOff + i] + oneMinusBeta1 * g;
            double vi = beta2 * v[vOff + i] + oneMinusBeta2 * (g * g);
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            double mHat = mi / correction1;
            double vHat = vi / correction2;
            w[wOff + i] -= lr * mHat / ((double) Math.sqrt(vHat) + eps);
        }
    }

    private static void check2(int n, double[] w, int wOff, double[] dw, int dwOff) {
        Args.nonNegative("n", n);
        Args.notNull("w", w);
        Args.notNull("dw", dw);
        Args.vector("w", w.length, wOff, n);
        Args.vector("dw", dw.length, dwOff, n);
    }
}
