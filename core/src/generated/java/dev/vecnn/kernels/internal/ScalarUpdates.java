// Generated from src/template/java/dev/vecnn/kernels/internal/ScalarUpdates.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.internal;

/**
 * Scalar twin of the optimizer updates, one element at a time, each line in the operation order
 * of the assignment's optim.py (see {@code Updates}). Also the fallback without the Vector API.
 */
public final class ScalarUpdates implements UpdatesKernel {

    @Override
    public void sgd(int n, float[] w, int wOff, float[] dw, int dwOff, float lr) {
        for (int i = 0; i < n; i++) {
            w[wOff + i] = w[wOff + i] - lr * dw[dwOff + i];
        }
    }

    @Override
    public void sgd(int n, double[] w, int wOff, double[] dw, int dwOff, double lr) {
        for (int i = 0; i < n; i++) {
            w[wOff + i] = w[wOff + i] - lr * dw[dwOff + i];
        }
    }

    @Override
    public void momentum(int n, float[] w, int wOff, float[] dw, int dwOff, float[] velocity, int vOff,
                         float lr, float mu) {
        for (int i = 0; i < n; i++) {
            float v = mu * velocity[vOff + i] - lr * dw[dwOff + i]; // v = mu * v - lr * dw
            velocity[vOff + i] = v;
            w[wOff + i] = w[wOff + i] + v;                            // next_w = w + v
        }
    }

    @Override
    public void momentum(int n, double[] w, int wOff, double[] dw, int dwOff, double[] velocity, int vOff,
                         double lr, double mu) {
        for (int i = 0; i < n; i++) {
            double v = mu * velocity[vOff + i] - lr * dw[dwOff + i]; // v = mu * v - lr * dw
            velocity[vOff + i] = v;
            w[wOff + i] = w[wOff + i] + v;                            // next_w = w + v
        }
    }

    @Override
    public void rmsprop(int n, float[] w, int wOff, float[] dw, int dwOff, float[] cache, int cacheOff,
                        float lr, float decay, float oneMinusDecay, float eps) {
        for (int i = 0; i < n; i++) {
            float g = dw[dwOff + i];
            float c = decay * cache[cacheOff + i] + oneMinusDecay * (g * g); // cache = d*cache + (1-d)*dw**2
            cache[cacheOff + i] = c;
            w[wOff + i] = w[wOff + i] - lr * g / ((float) Math.sqrt(c) + eps); // w - lr*dw/(sqrt(cache)+eps)
        }
    }

    @Override
    public void rmsprop(int n, double[] w, int wOff, double[] dw, int dwOff, double[] cache, int cacheOff,
                        double lr, double decay, double oneMinusDecay, double eps) {
        for (int i = 0; i < n; i++) {
            double g = dw[dwOff + i];
            double c = decay * cache[cacheOff + i] + oneMinusDecay * (g * g); // cache = d*cache + (1-d)*dw**2
            cache[cacheOff + i] = c;
            w[wOff + i] = w[wOff + i] - lr * g / ((double) Math.sqrt(c) + eps); // w - lr*dw/(sqrt(cache)+eps)
        }
    }

    @Override
    public void adam(int n, float[] w, int wOff, float[] dw, int dwOff, float[] m, int mOff, float[] v, int vOff,
                     float lr, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float eps,
                     float correction1, float correction2) {
        for (int i = 0; i < n; i++) {
            float g = dw[dwOff + i];
            float mi = beta1 * m[mOff + i] + oneMinusBeta1 * g;        // m = b1*m + (1-b1)*dw
            float vi = beta2 * v[vOff + i] + oneMinusBeta2 * (g * g);  // v = b2*v + (1-b2)*dw**2
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            float mHat = mi / correction1;                              // mt = m / (1 - b1**t)
            float vHat = vi / correction2;                              // vt = v / (1 - b2**t)
            w[wOff + i] = w[wOff + i] - lr * mHat / ((float) Math.sqrt(vHat) + eps);
        }
    }

    @Override
    public void adam(int n, double[] w, int wOff, double[] dw, int dwOff, double[] m, int mOff, double[] v, int vOff,
                     double lr, double beta1, double oneMinusBeta1, double beta2, double oneMinusBeta2, double eps,
                     double correction1, double correction2) {
        for (int i = 0; i < n; i++) {
            double g = dw[dwOff + i];
            double mi = beta1 * m[mOff + i] + oneMinusBeta1 * g;        // m = b1*m + (1-b1)*dw
            double vi = beta2 * v[vOff + i] + oneMinusBeta2 * (g * g);  // v = b2*v + (1-b2)*dw**2
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            double mHat = mi / correction1;                              // mt = m / (1 - b1**t)
            double vHat = vi / correction2;                              // vt = v / (1 - b2**t)
            w[wOff + i] = w[wOff + i] - lr * mHat / ((double) Math.sqrt(vHat) + eps);
        }
    }
}
