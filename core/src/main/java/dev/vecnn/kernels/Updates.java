package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.ScalarUpdates;
import dev.vecnn.kernels.internal.UpdatesKernel;

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
 * Adam's {@code t} is the step count after increment (1 on the first step).
 *
 * <p>Arithmetic. Double arrays are updated in double, exactly as numpy float64 (the reference
 * test finds numpy's values bit for bit, Adam to within Math.pow's last bit). Float arrays are
 * updated in float arithmetic, with two choices of hyperparameter type:
 * <ul>
 *   <li>{@code double} hyperparameters (overloads added for float arrays): numpy float32
 *       semantics, where optim.py's config values are Python floats; every scalar, including
 *       {@code 1 - beta} and {@code 1 - beta**t}, is computed in double and rounded to float
 *       once. Matches numpy float32 bit for bit on the reference case. Prefer these.</li>
 *   <li>{@code float} hyperparameters: used as given, {@code 1 - beta} computed in float
 *       ({@code 1 - 0.999f} = 0.00099998713, not 0.001), the corrections in double from the
 *       float beta. Within about 1e-5 relative of numpy float32.</li>
 * </ul>
 * The SIMD and scalar kernels perform the same operations in the same order and agree bit for
 * bit. The arrays must not overlap. Dispatches once to the SIMD kernel when the Vector API is
 * available, else to {@code ScalarUpdates}.
 */
public final class Updates {
    private static final UpdatesKernel IMPL = VectorSupport.choose(UpdatesKernel.class,
            "dev.vecnn.kernels.simd.SimdUpdates", new ScalarUpdates());

    private Updates() {}

    // Per rule: float arrays with float hyperparameters, float arrays with double hyperparameters
    // (numpy float32 semantics), double arrays.

    /** SGD: {@code w -= lr * dw}. */
    public static void sgd(int n, float[] w, int wOff, float[] dw, int dwOff, float lr) {
        check2(n, w, wOff, dw, dwOff);
        IMPL.sgd(n, w, wOff, dw, dwOff, lr);
    }

    /** SGD on float arrays with numpy's float32 semantics: {@code w -= float32(lr) * dw}. */
    public static void sgd(int n, float[] w, int wOff, float[] dw, int dwOff, double lr) {
        sgd(n, w, wOff, dw, dwOff, (float) lr);
    }

    /** SGD: {@code w -= lr * dw}. */
    public static void sgd(int n, double[] w, int wOff, double[] dw, int dwOff, double lr) {
        check2(n, w, wOff, dw, dwOff);
        IMPL.sgd(n, w, wOff, dw, dwOff, lr);
    }

    /** SGD with momentum: {@code v = mu * v - lr * dw; w += v}. */
    public static void momentum(int n, float[] w, int wOff, float[] dw, int dwOff,
                                float[] velocity, int vOff, float lr, float mu) {
        checkMomentum(n, w, wOff, dw, dwOff, velocity, vOff);
        IMPL.momentum(n, w, wOff, dw, dwOff, velocity, vOff, lr, mu);
    }

    /** SGD with momentum on float arrays, numpy float32 semantics (lr and mu rounded to float). */
    public static void momentum(int n, float[] w, int wOff, float[] dw, int dwOff,
                                float[] velocity, int vOff, double lr, double mu) {
        momentum(n, w, wOff, dw, dwOff, velocity, vOff, (float) lr, (float) mu);
    }

    /** SGD with momentum: {@code v = mu * v - lr * dw; w += v}. */
    public static void momentum(int n, double[] w, int wOff, double[] dw, int dwOff,
                                double[] velocity, int vOff, double lr, double mu) {
        checkMomentum(n, w, wOff, dw, dwOff, velocity, vOff);
        IMPL.momentum(n, w, wOff, dw, dwOff, velocity, vOff, lr, mu);
    }

    /** RMSProp: {@code cache = decay*cache + (1-decay)*dw^2; w -= lr*dw/(sqrt(cache)+eps)}. */
    public static void rmsprop(int n, float[] w, int wOff, float[] dw, int dwOff,
                               float[] cache, int cacheOff, float lr, float decay, float eps) {
        checkRmsprop(n, w, wOff, dw, dwOff, cache, cacheOff, decay);
        IMPL.rmsprop(n, w, wOff, dw, dwOff, cache, cacheOff, lr, decay, 1f - decay, eps);
    }

    /** RMSProp on float arrays, numpy float32 semantics ({@code 1 - decay} in double, then float). */
    public static void rmsprop(int n, float[] w, int wOff, float[] dw, int dwOff,
                               float[] cache, int cacheOff, double lr, double decay, double eps) {
        checkRmsprop(n, w, wOff, dw, dwOff, cache, cacheOff, decay);
        IMPL.rmsprop(n, w, wOff, dw, dwOff, cache, cacheOff, (float) lr, (float) decay, (float) (1 - decay),
                (float) eps);
    }

    /** RMSProp: {@code cache = decay*cache + (1-decay)*dw^2; w -= lr*dw/(sqrt(cache)+eps)}. */
    public static void rmsprop(int n, double[] w, int wOff, double[] dw, int dwOff,
                               double[] cache, int cacheOff, double lr, double decay, double eps) {
        checkRmsprop(n, w, wOff, dw, dwOff, cache, cacheOff, decay);
        IMPL.rmsprop(n, w, wOff, dw, dwOff, cache, cacheOff, lr, decay, 1 - decay, eps);
    }

    /** Adam with bias correction; {@code t >= 1} is the step number after increment. */
    public static void adam(int n, float[] w, int wOff, float[] dw, int dwOff,
                            float[] m, int mOff, float[] v, int vOff,
                            float lr, float beta1, float beta2, float eps, long t) {
        checkAdam(n, w, wOff, dw, dwOff, m, mOff, v, vOff, beta1, beta2, t);
        IMPL.adam(n, w, wOff, dw, dwOff, m, mOff, v, vOff, lr, beta1, 1f - beta1, beta2, 1f - beta2, eps,
                (float) (1 - Math.pow(beta1, t)), (float) (1 - Math.pow(beta2, t)));
    }

    /**
     * Adam on float arrays, numpy float32 semantics: {@code 1 - beta} and {@code 1 - beta**t}
     * computed in double, each rounded to float once. {@code t >= 1} is the step after increment.
     */
    public static void adam(int n, float[] w, int wOff, float[] dw, int dwOff,
                            float[] m, int mOff, float[] v, int vOff,
                            double lr, double beta1, double beta2, double eps, long t) {
        checkAdam(n, w, wOff, dw, dwOff, m, mOff, v, vOff, beta1, beta2, t);
        IMPL.adam(n, w, wOff, dw, dwOff, m, mOff, v, vOff, (float) lr,
                (float) beta1, (float) (1 - beta1), (float) beta2, (float) (1 - beta2), (float) eps,
                (float) (1 - Math.pow(beta1, t)), (float) (1 - Math.pow(beta2, t)));
    }

    /** Adam with bias correction; {@code t >= 1} is the step number after increment. */
    public static void adam(int n, double[] w, int wOff, double[] dw, int dwOff,
                            double[] m, int mOff, double[] v, int vOff,
                            double lr, double beta1, double beta2, double eps, long t) {
        checkAdam(n, w, wOff, dw, dwOff, m, mOff, v, vOff, beta1, beta2, t);
        IMPL.adam(n, w, wOff, dw, dwOff, m, mOff, v, vOff, lr, beta1, 1 - beta1, beta2, 1 - beta2, eps,
                1 - Math.pow(beta1, t), 1 - Math.pow(beta2, t));
    }

    // ---- checks: the arrays are float[] or double[] ------------------------------------------

    private static void check2(int n, Object w, int wOff, Object dw, int dwOff) {
        Args.nonNegative("n", n);
        Args.vector("w", w, wOff, n);
        Args.vector("dw", dw, dwOff, n);
    }

    private static void checkMomentum(int n, Object w, int wOff, Object dw, int dwOff, Object velocity, int vOff) {
        check2(n, w, wOff, dw, dwOff);
        Args.vector("velocity", velocity, vOff, n);
    }

    private static void checkRmsprop(int n, Object w, int wOff, Object dw, int dwOff, Object cache, int cacheOff,
                                     double decay) {
        check2(n, w, wOff, dw, dwOff);
        Args.vector("cache", cache, cacheOff, n);
        requireUnitInterval("decay", decay, true);
    }

    private static void checkAdam(int n, Object w, int wOff, Object dw, int dwOff, Object m, int mOff,
                                  Object v, int vOff, double beta1, double beta2, long t) {
        check2(n, w, wOff, dw, dwOff);
        Args.vector("m", m, mOff, n);
        Args.vector("v", v, vOff, n);
        if (t < 1) {
            throw new IllegalArgumentException("t must be >= 1, got " + t);
        }
        requireUnitInterval("beta1", beta1, false);
        requireUnitInterval("beta2", beta2, false);
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
