package dev.vecnn.kernels.internal;

/**
 * Optimizer update kernels behind the {@code Updates} facade: the scalar twin
 * {@link ScalarUpdates} and {@code dev.vecnn.kernels.simd.SimdUpdates}. No argument checks
 * here; the facade does them. The constants {@code 1 - decay}, {@code 1 - beta} and Adam's bias
 * corrections {@code 1 - beta^t} arrive already computed by the facade (once per call), so how
 * they are rounded is decided in one place.
 * Public only so the SIMD package can implement it.
 */
public interface UpdatesKernel {
    void sgd(int n, float[] w, int wOff, float[] dw, int dwOff, float lr);

    void sgd(int n, double[] w, int wOff, double[] dw, int dwOff, double lr);

    void momentum(int n, float[] w, int wOff, float[] dw, int dwOff, float[] velocity, int vOff,
                  float lr, float mu);

    void momentum(int n, double[] w, int wOff, double[] dw, int dwOff, double[] velocity, int vOff,
                  double lr, double mu);

    void rmsprop(int n, float[] w, int wOff, float[] dw, int dwOff, float[] cache, int cacheOff,
                 float lr, float decay, float oneMinusDecay, float eps);

    void rmsprop(int n, double[] w, int wOff, double[] dw, int dwOff, double[] cache, int cacheOff,
                 double lr, double decay, double oneMinusDecay, double eps);

    void adam(int n, float[] w, int wOff, float[] dw, int dwOff, float[] m, int mOff, float[] v, int vOff,
              float lr, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float eps,
              float correction1, float correction2);

    void adam(int n, double[] w, int wOff, double[] dw, int dwOff, double[] m, int mOff, double[] v, int vOff,
              double lr, double beta1, double oneMinusBeta1, double beta2, double oneMinusBeta2, double eps,
              double correction1, double correction2);
}
