// Generated from src/template/java/dev/vecnn/kernels/simd/SimdRelu.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.internal.ReluKernel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD ReLU (Vector API). Forward: compare {@code x <= 0} per lane and blend in +0.0 there (NaN
 * compares false and passes through, -0.0 compares true and becomes +0.0). Backward: blend dout
 * where {@code x > 0}, +0.0 elsewhere. Whole vectors first, then a scalar tail with the same
 * select, so results equal {@code ScalarRelu} bit for bit. Memory-bound: one load and one store
 * per element forward, two loads and one store backward.
 */
public final class SimdRelu implements ReluKernel {
    private static final VectorSpecies<Float> FLOATS = Species.FLOATS;
    private static final VectorSpecies<Double> DOUBLES = Species.DOUBLES;

    @Override
    public void forward(int n, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        int whole = FLOATS.loopBound(n);
        for (; i < whole; i += FLOATS.length()) {
            FloatVector v = FloatVector.fromArray(FLOATS, x, xOff + i);
            v.blend(0f, v.compare(VectorOperators.LE, 0f)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            float v = x[xOff + i];
            y[yOff + i] = v <= 0f ? 0f : v;
        }
    }

    @Override
    public void forward(int n, double[] x, int xOff, double[] y, int yOff) {
        int i = 0;
        int whole = DOUBLES.loopBound(n);
        for (; i < whole; i += DOUBLES.length()) {
            DoubleVector v = DoubleVector.fromArray(DOUBLES, x, xOff + i);
            v.blend(0d, v.compare(VectorOperators.LE, 0d)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] = v <= 0d ? 0d : v;
        }
    }

    @Override
    public void backward(int n, float[] x, int xOff, float[] dout, int doutOff, float[] dx, int dxOff) {
        FloatVector zero = FloatVector.zero(FLOATS);
        int i = 0;
        int whole = FLOATS.loopBound(n);
        for (; i < whole; i += FLOATS.length()) {
            VectorMask<Float> positive =
                    FloatVector.fromArray(FLOATS, x, xOff + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(FLOATS, dout, doutOff + i), positive)
                    .intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = x[xOff + i] > 0f ? dout[doutOff + i] : 0f;
        }
    }

    @Override
    public void backward(int n, double[] x, int xOff, double[] dout, int doutOff, double[] dx, int dxOff) {
        DoubleVector zero = DoubleVector.zero(DOUBLES);
        int i = 0;
        int whole = DOUBLES.loopBound(n);
        for (; i < whole; i += DOUBLES.length()) {
            VectorMask<Double> positive =
                    DoubleVector.fromArray(DOUBLES, x, xOff + i).compare(VectorOperators.GT, 0d);
            zero.blend(DoubleVector.fromArray(DOUBLES, dout, doutOff + i), positive)
                    .intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = x[xOff + i] > 0d ? dout[doutOff + i] : 0d;
        }
    }
}
