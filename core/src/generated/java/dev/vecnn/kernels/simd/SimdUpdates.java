// Generated from src/template/java/dev/vecnn/kernels/simd/SimdUpdates.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.internal.UpdatesKernel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD optimizer updates (Vector API): each rule is one fused pass over w, dw and its state,
 * a vector of lanes at a time, then a scalar tail. Every lane performs the scalar twin's
 * operations in the same order (no FMA contraction, IEEE division and square root, which are
 * correctly rounded in both), so results equal {@code ScalarUpdates} bit for bit.
 * Memory-bound except Adam, which also pays two divisions and a square root per element.
 *
 * <p>The squared gradient's products, {@code (g * g) * (1 - beta2)} in Adam and {@code (g * g) *
 * (1 - decay)} in RMSProp, are written {@code g.fma(g, -0.0).fma(1 - beta2, -0.0)}: the exact
 * product plus -0.0, rounded once, which is the product's IEEE result bit for bit (a zero product
 * keeps its sign: -0 + -0 = -0, +0 + -0 = +0). The reason is speed on tiny gradients. Once a net
 * fits its batch many gradients are below 1e-19 and {@code g * g} underflows; on AMD Zen 5 such a
 * multiply is slow and an FMA is not. Adam on the train step's gradients after 50 steps (16% of
 * dW1 below 1e-15): 1.57 ms as multiplies, 0.76 with these two FMAs at 256 bits (1.09 and 0.59 at
 * 512). The other products stay multiplies: with a subnormal input (a moment that has decayed
 * below 1e-38) the FMA is the slow one (gradients of 1e-18 held for 1 200 steps: 1.80 ms as
 * multiplies, 2.49 with every product an FMA, 1.84 as here). Ordinary gradients: no difference.
 * (bench/README, "Tiny gradients".)
 */
public final class SimdUpdates implements UpdatesKernel {
    private static final VectorSpecies<Float> FLOATS = Species.FLOATS;
    private static final VectorSpecies<Double> DOUBLES = Species.DOUBLES;

    @Override
    public void sgd(int n, float[] w, int wOff, float[] dw, int dwOff, float lr) {
        int i = 0;
        int whole = FLOATS.loopBound(n);
        for (; i < whole; i += FLOATS.length()) {
            FloatVector g = FloatVector.fromArray(FLOATS, dw, dwOff + i);
            FloatVector.fromArray(FLOATS, w, wOff + i).sub(g.mul(lr)).intoArray(w, wOff + i);
        }
        for (; i < n; i++) {
            w[wOff + i] = w[wOff + i] - lr * dw[dwOff + i];
        }
    }

    @Override
    public void sgd(int n, double[] w, int wOff, double[] dw, int dwOff, double lr) {
        int i = 0;
        int whole = DOUBLES.loopBound(n);
        for (; i < whole; i += DOUBLES.length()) {
            DoubleVector g = DoubleVector.fromArray(DOUBLES, dw, dwOff + i);
            DoubleVector.fromArray(DOUBLES, w, wOff + i).sub(g.mul(lr)).intoArray(w, wOff + i);
        }
        for (; i < n; i++) {
            w[wOff + i] = w[wOff + i] - lr * dw[dwOff + i];
        }
    }

    @Override
    public void momentum(int n, float[] w, int wOff, float[] dw, int dwOff, float[] velocity, int vOff,
                         float lr, float mu) {
        int i = 0;
        int whole = FLOATS.loopBound(n);
        for (; i < whole; i += FLOATS.length()) {
            FloatVector g = FloatVector.fromArray(FLOATS, dw, dwOff + i);
            FloatVector v = FloatVector.fromArray(FLOATS, velocity, vOff + i).mul(mu).sub(g.mul(lr));
            v.intoArray(velocity, vOff + i);
            FloatVector.fromArray(FLOATS, w, wOff + i).add(v).intoArray(w, wOff + i);
        }
        for (; i < n; i++) {
            float v = mu * velocity[vOff + i] - lr * dw[dwOff + i];
            velocity[vOff + i] = v;
            w[wOff + i] = w[wOff + i] + v;
        }
    }

    @Override
    public void momentum(int n, double[] w, int wOff, double[] dw, int dwOff, double[] velocity, int vOff,
                         double lr, double mu) {
        int i = 0;
        int whole = DOUBLES.loopBound(n);
        for (; i < whole; i += DOUBLES.length()) {
            DoubleVector g = DoubleVector.fromArray(DOUBLES, dw, dwOff + i);
            DoubleVector v = DoubleVector.fromArray(DOUBLES, velocity, vOff + i).mul(mu).sub(g.mul(lr));
            v.intoArray(velocity, vOff + i);
            DoubleVector.fromArray(DOUBLES, w, wOff + i).add(v).intoArray(w, wOff + i);
        }
        for (; i < n; i++) {
            double v = mu * velocity[vOff + i] - lr * dw[dwOff + i];
            velocity[vOff + i] = v;
            w[wOff + i] = w[wOff + i] + v;
        }
    }

    @Override
    public void rmsprop(int n, float[] w, int wOff, float[] dw, int dwOff, float[] cache, int cacheOff,
                        float lr, float decay, float oneMinusDecay, float eps) {
        int i = 0;
        int whole = FLOATS.loopBound(n);
        float negZero = (float) -0.0; // x.fma(y, negZero) is x * y (class comment)
        FloatVector negZeros = FloatVector.broadcast(FLOATS, negZero);
        for (; i < whole; i += FLOATS.length()) {
            FloatVector g = FloatVector.fromArray(FLOATS, dw, dwOff + i);
            FloatVector c = FloatVector.fromArray(FLOATS, cache, cacheOff + i).mul(decay)
                    .add(g.fma(g, negZeros).fma(oneMinusDecay, negZero));
            c.intoArray(cache, cacheOff + i);
            FloatVector step = g.mul(lr).div(c.lanewise(VectorOperators.SQRT).add(eps));
            FloatVector.fromArray(FLOATS, w, wOff + i).sub(step).intoArray(w, wOff + i);
        }
        for (; i < n; i++) {
            float g = dw[dwOff + i];
            float c = decay * cache[cacheOff + i] + oneMinusDecay * (g * g);
            cache[cacheOff + i] = c;
            w[wOff + i] = w[wOff + i] - lr * g / ((float) Math.sqrt(c) + eps);
        }
    }

    @Override
    public void rmsprop(int n, double[] w, int wOff, double[] dw, int dwOff, double[] cache, int cacheOff,
                        double lr, double decay, double oneMinusDecay, double eps) {
        int i = 0;
        int whole = DOUBLES.loopBound(n);
        double negZero = (double) -0.0; // x.fma(y, negZero) is x * y (class comment)
        DoubleVector negZeros = DoubleVector.broadcast(DOUBLES, negZero);
        for (; i < whole; i += DOUBLES.length()) {
            DoubleVector g = DoubleVector.fromArray(DOUBLES, dw, dwOff + i);
            DoubleVector c = DoubleVector.fromArray(DOUBLES, cache, cacheOff + i).mul(decay)
                    .add(g.fma(g, negZeros).fma(oneMinusDecay, negZero));
            c.intoArray(cache, cacheOff + i);
            DoubleVector step = g.mul(lr).div(c.lanewise(VectorOperators.SQRT).add(eps));
            DoubleVector.fromArray(DOUBLES, w, wOff + i).sub(step).intoArray(w, wOff + i);
        }
        for (; i < n; i++) {
            double g = dw[dwOff + i];
            double c = decay * cache[cacheOff + i] + oneMinusDecay * (g * g);
            cache[cacheOff + i] = c;
            w[wOff + i] = w[wOff + i] - lr * g / ((double) Math.sqrt(c) + eps);
        }
    }

    @Override
    public void adam(int n, float[] w, int wOff, float[] dw, int dwOff, float[] m, int mOff, float[] v, int vOff,
                     float lr, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float eps,
                     float correction1, float correction2) {
        int i = 0;
        int whole = FLOATS.loopBound(n);
        float negZero = (float) -0.0; // x.fma(y, negZero) is x * y (class comment)
        FloatVector negZeros = FloatVector.broadcast(FLOATS, negZero);
        for (; i < whole; i += FLOATS.length()) {
            FloatVector g = FloatVector.fromArray(FLOATS, dw, dwOff + i);
            FloatVector mi = FloatVector.fromArray(FLOATS, m, mOff + i).mul(beta1).add(g.mul(oneMinusBeta1));
            FloatVector vi = FloatVector.fromArray(FLOATS, v, vOff + i).mul(beta2)
                    .add(g.fma(g, negZeros).fma(oneMinusBeta2, negZero));
            mi.intoArray(m, mOff + i);
            vi.intoArray(v, vOff + i);
            FloatVector mHat = mi.div(correction1);
            FloatVector vHat = vi.div(correction2);
            FloatVector step = mHat.mul(lr).div(vHat.lanewise(VectorOperators.SQRT).add(eps));
            FloatVector.fromArray(FLOATS, w, wOff + i).sub(step).intoArray(w, wOff + i);
        }
        for (; i < n; i++) {
            float g = dw[dwOff + i];
            float mi = beta1 * m[mOff + i] + oneMinusBeta1 * g;
            float vi = beta2 * v[vOff + i] + oneMinusBeta2 * (g * g);
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            float mHat = mi / correction1;
            float vHat = vi / correction2;
            w[wOff + i] = w[wOff + i] - lr * mHat / ((float) Math.sqrt(vHat) + eps);
        }
    }

    @Override
    public void adam(int n, double[] w, int wOff, double[] dw, int dwOff, double[] m, int mOff, double[] v, int vOff,
                     double lr, double beta1, double oneMinusBeta1, double beta2, double oneMinusBeta2, double eps,
                     double correction1, double correction2) {
        int i = 0;
        int whole = DOUBLES.loopBound(n);
        double negZero = (double) -0.0; // x.fma(y, negZero) is x * y (class comment)
        DoubleVector negZeros = DoubleVector.broadcast(DOUBLES, negZero);
        for (; i < whole; i += DOUBLES.length()) {
            DoubleVector g = DoubleVector.fromArray(DOUBLES, dw, dwOff + i);
            DoubleVector mi = DoubleVector.fromArray(DOUBLES, m, mOff + i).mul(beta1).add(g.mul(oneMinusBeta1));
            DoubleVector vi = DoubleVector.fromArray(DOUBLES, v, vOff + i).mul(beta2)
                    .add(g.fma(g, negZeros).fma(oneMinusBeta2, negZero));
            mi.intoArray(m, mOff + i);
            vi.intoArray(v, vOff + i);
            DoubleVector mHat = mi.div(correction1);
            DoubleVector vHat = vi.div(correction2);
            DoubleVector step = mHat.mul(lr).div(vHat.lanewise(VectorOperators.SQRT).add(eps));
            DoubleVector.fromArray(DOUBLES, w, wOff + i).sub(step).intoArray(w, wOff + i);
        }
        for (; i < n; i++) {
            double g = dw[dwOff + i];
            double mi = beta1 * m[mOff + i] + oneMinusBeta1 * g;
            double vi = beta2 * v[vOff + i] + oneMinusBeta2 * (g * g);
            m[mOff + i] = mi;
            v[vOff + i] = vi;
            double mHat = mi / correction1;
            double vHat = vi / correction2;
            w[wOff + i] = w[wOff + i] - lr * mHat / ((double) Math.sqrt(vHat) + eps);
        }
    }
}
