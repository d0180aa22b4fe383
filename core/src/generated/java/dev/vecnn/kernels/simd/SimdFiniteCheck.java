// Generated from src/template/java/dev/vecnn/kernels/simd/SimdFiniteCheck.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.internal.FiniteCheckKernel;
import dev.vecnn.kernels.internal.ScalarFiniteCheck;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD finite check (Vector API). {@code x * 0} is ±0 for a finite x and NaN for NaN or ±Inf, and
 * NaN sticks in a sum: so the kernel adds {@code x * 0} into two accumulators over whole vectors
 * (two, so the adds of neighbouring vectors do not wait on each other), reduces them once, and
 * checks the tail one element at a time. Only when the sum is NaN does it look for the index,
 * with the scalar twin, so both return the same index. One load, a multiply and an add per
 * vector: about a quarter of a microsecond for a 3072-value CIFAR-10 row.
 */
public final class SimdFiniteCheck implements FiniteCheckKernel {
    private static final VectorSpecies<Float> FLOATS = Species.FLOATS;
    private static final VectorSpecies<Double> DOUBLES = Species.DOUBLES;
    private static final ScalarFiniteCheck SCALAR = new ScalarFiniteCheck();

    @Override
    public int firstNonFinite(int n, float[] x, int off) {
        int lanes = FLOATS.length();
        FloatVector acc0 = FloatVector.zero(FLOATS);
        FloatVector acc1 = FloatVector.zero(FLOATS);
        int i = 0;
        int pairs = n - n % (2 * lanes);
        for (; i < pairs; i += 2 * lanes) {
            acc0 = acc0.add(FloatVector.fromArray(FLOATS, x, off + i).mul(0f));
            acc1 = acc1.add(FloatVector.fromArray(FLOATS, x, off + i + lanes).mul(0f));
        }
        if (i + lanes <= n) {
            acc0 = acc0.add(FloatVector.fromArray(FLOATS, x, off + i).mul(0f));
            i += lanes;
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += x[off + i] * 0f;
        }
        return Float.isNaN(sum) ? SCALAR.firstNonFinite(n, x, off) : -1;
    }

    @Override
    public int firstNonFinite(int n, double[] x, int off) {
        int lanes = DOUBLES.length();
        DoubleVector acc0 = DoubleVector.zero(DOUBLES);
        DoubleVector acc1 = DoubleVector.zero(DOUBLES);
        int i = 0;
        int pairs = n - n % (2 * lanes);
        for (; i < pairs; i += 2 * lanes) {
            acc0 = acc0.add(DoubleVector.fromArray(DOUBLES, x, off + i).mul(0d));
            acc1 = acc1.add(DoubleVector.fromArray(DOUBLES, x, off + i + lanes).mul(0d));
        }
        if (i + lanes <= n) {
            acc0 = acc0.add(DoubleVector.fromArray(DOUBLES, x, off + i).mul(0d));
            i += lanes;
        }
        double sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += x[off + i] * 0d;
        }
        return Double.isNaN(sum) ? SCALAR.firstNonFinite(n, x, off) : -1;
    }
}
