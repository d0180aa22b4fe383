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
 * (1 on the first step); its bias corrections {@code 1 - beta**t} are computed once per call in
 * double and, for float arrays, rounded to float once.
 *
 * <p>The SIMD and scalar kernels perform the same operations in the same order and agree bit
 * for bit. Float64 results match numpy's optim.py to the last bit or so (see UpdatesReferenceTest);
 * float32 results agree with numpy float32 to a few ulps (numpy rounds {@code 1 - beta} from a
 * double, here {@code 1f - beta} is computed from the float {@code beta}).
 * The arrays must not overlap. Dispatches once to the SIMD kernel when the Vector API is
 * available, else to {@link ScalarUpdates}.
 */
public final class Updates {
    private static final UpdatesKernel IMPL = VectorSupport.choose(UpdatesKernel.class,
            "dev.vecnn.kernels.simd.SimdUpdates", new ScalarUpdates());

    private Updates() {}

    /** SGD: {@code w -= lr * dw}. */
    public static void sgd(int n, float[] w, int wOff, float[] dw, int dwOff, float lr) {
        check2(n, w, wOff, dw, dwOff);
        IMPL.sgd(n, w, wOff, dw, dwOff, lr);
    }

    /** SGD with momentum: {@code v = mu * v - lr * dw; w += v}. */
    public static void momentum(int n, float[] w, int wOff, float[] dw, int dwOff,
                                float[] velocity, int vOff, float lr, float mu) {
        check2(n, w, wOff, dw, dwOff);
        Args.notNull("velocity", velocity);
        Args.vector("velocity", velocity.length, vOff, n);
        IMPL.momentum(n, w, wOff, dw, dwOff, velocity, vOff, lr, mu);
    }

    /** RMSProp: {@code cache = decay*cache + (1-decay)*dw^2; w -= lr*dw/(sqrt(cache)+eps)}. */
    public static void rmsprop(int n, float[] w, int wOff, float[] dw, int dwOff,
                               float[] cache, int cacheOff, float lr, float decay, float eps) {
        check2(n, w, wOff, dw, dwOff);
        Args.notNull("cache", cache);
        Args.vector("cache", cache.length, cacheOff, n);
        requireUnitInterval("decay", decay, true);
        IMPL.rmsprop(n, w, wOff, dw, dwOff, cache, cacheOff, lr, decay, eps);
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
        requireUnitInterval("beta1", beta1, false);
        requireUnitInterval("beta2", beta2, false);
        float correction1 = (float) (1 - Math.pow(beta1, t));
        float correction2 = (float) (1 - Math.pow(beta2, t));
        IMPL.adam(n, w, wOff, dw, dwOff, m, mOff, v, vOff, lr, beta1, beta2, eps, correction1, correction2);
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
        IMPL.sgd(n, w, wOff, dw, dwOff, lr);
    }

    /** SGD with momentum: {@code v = mu * v - lr * dw; w += v}. */
    public static void momentum(int n, double[] w, int wOff, double[] dw, int dwOff,
                                double[] velocity, int vOff, double lr, double mu) {
        check2(n, w, wOff, dw, dwOff);
        Args.notNull("velocity", velocity);
        Args.vector("velocity", velocity.length, vOff, n);
        IMPL.momentum(n, w, wOff, dw, dwOff, velocity, vOff, lr, mu);
    }

    /** RMSProp: {@code cache = decay*cache + (1-decay)*dw^2; w -= lr*dw/(sqrt(cache)+eps)}. */
    public static void rmsprop(int n, double[] w, int wOff, double[] dw, int dwOff,
                               double[] cache, int cacheOff, double lr, double decay, double eps) {
        check2(n, w, wOff, dw, dwOff);
        Args.notNull("cache", cache);
        Args.vector("cache", cache.length, cacheOff, n);
        requireUnitInterval("decay", decay, true);
        IMPL.rmsprop(n, w, wOff, dw, dwOff, cache, cacheOff, lr, decay, eps);
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
        requireUnitInterval("beta1", beta1, false);
        requireUnitInterval("beta2", beta2, false);
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        IMPL.adam(n, w, wOff, dw, dwOff, m, mOff, v, vOff, lr, beta1, beta2, eps, correction1, correction2);
    }

    private static void check2(int n, double[] w, int wOff, double[] dw, int dwOff) {
        Args.nonNegative("n", n);
        Args.notNull("w", w);
        Args.notNull("dw", dw);
        Args.vector("w", w.length, wOff, n);
        Args.vector("dw", dw.length, dwOff, n);
    }

    /** Requires {@code 0 <= value < 1} (or {@code <= 1} when {@code oneAllowed}); NaN fails. */
    private static void requireUnitInterval(String name, double value, boolean oneAllowed) {
        boolean ok = value >= 0 && (oneAllowed ? value <= 1 : value < 1);
        if (!ok) {
            throw new IllegalArgumentException(name + " must be in [0, 1" + (oneAllowed ? "]" : ")")
                    + ", got " + value);
        }
    }
}
