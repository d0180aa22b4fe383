// Generated from src/template/java/dev/vecnn/kernels/simd/SimdDropoutApply.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.internal.DropoutApplyKernel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD dropout mask apply (Vector API): {@code out = (x * mask) * scale}, two multiplies per
 * lane in the scalar twin's order, whole vectors then a scalar tail, so results equal
 * {@code ScalarDropoutApply} bit for bit. Memory-bound: two loads and one store per element.
 */
public final class SimdDropoutApply implements DropoutApplyKernel {
    private static final VectorSpecies<Float> FLOATS = Species.FLOATS;
    private static final VectorSpecies<Double> DOUBLES = Species.DOUBLES;

    @Override
    public void apply(int n, float[] x, int xOff, float[] mask, int maskOff, float scale,
                      float[] out, int outOff) {
        int i = 0;
        int whole = FLOATS.loopBound(n);
        for (; i < whole; i += FLOATS.length()) {
            FloatVector.fromArray(FLOATS, x, xOff + i)
                    .mul(FloatVector.fromArray(FLOATS, mask, maskOff + i))
                    .mul(scale)
                    .intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = x[xOff + i] * mask[maskOff + i] * scale;
        }
    }

    @Override
    public void apply(int n, double[] x, int xOff, double[] mask, int maskOff, double scale,
                      double[] out, int outOff) {
        int i = 0;
        int whole = DOUBLES.loopBound(n);
        for (; i < whole; i += DOUBLES.length()) {
            DoubleVector.fromArray(DOUBLES, x, xOff + i)
                    .mul(DoubleVector.fromArray(DOUBLES, mask, maskOff + i))
                    .mul(scale)
                    .intoArray(out, outOff + i);
        }
        for (; i < n; i++) {
            out[outOff + i] = x[xOff + i] * mask[maskOff + i] * scale;
        }
    }
}
