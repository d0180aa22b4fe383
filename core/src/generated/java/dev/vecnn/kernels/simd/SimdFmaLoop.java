// Generated from src/template/java/dev/vecnn/kernels/simd/SimdFmaLoop.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.internal.FmaLoop;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The peak-arithmetic loop of {@link FmaLoop} on vectors of the width in use ({@link Species}):
 * 12 independent vector accumulators, one FMA each per step ({@code acc = x * y + acc}, the
 * accumulator as the addend so C2 updates it in place), nothing loaded or stored. Every lane runs
 * the scalar twin's recurrence ({@code dev.vecnn.kernels.internal.ScalarFmaLoop}); the sum of the lanes at
 * the end keeps C2 from dropping the loop.
 */
public final class SimdFmaLoop implements FmaLoop {
    @Override
    public int floatLanes() {
        return Species.FLOATS.length();
    }
    @Override
    public int doubleLanes() {
        return Species.DOUBLES.length();
    }

    @Override
    public double floats(int steps, float start) {
        FloatVector x = FloatVector.broadcast(Species.FLOATS, X);
        FloatVector y = FloatVector.broadcast(Species.FLOATS, Y);
        FloatVector a0 = FloatVector.broadcast(Species.FLOATS, start), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        FloatVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int s = 0; s < steps; s++) {
            a0 = x.fma(y, a0); a1 = x.fma(y, a1); a2 = x.fma(y, a2);
            a3 = x.fma(y, a3); a4 = x.fma(y, a4); a5 = x.fma(y, a5);
            a6 = x.fma(y, a6); a7 = x.fma(y, a7); a8 = x.fma(y, a8);
            a9 = x.fma(y, a9); a10 = x.fma(y, a10); a11 = x.fma(y, a11);
        }
        return (double) a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    @Override
    public double doubles(int steps, double start) {
        DoubleVector x = DoubleVector.broadcast(Species.DOUBLES, X);
        DoubleVector y = DoubleVector.broadcast(Species.DOUBLES, Y);
        DoubleVector a0 = DoubleVector.broadcast(Species.DOUBLES, start), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        DoubleVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int s = 0; s < steps; s++) {
            a0 = x.fma(y, a0); a1 = x.fma(y, a1); a2 = x.fma(y, a2);
            a3 = x.fma(y, a3); a4 = x.fma(y, a4); a5 = x.fma(y, a5);
            a6 = x.fma(y, a6); a7 = x.fma(y, a7); a8 = x.fma(y, a8);
            a9 = x.fma(y, a9); a10 = x.fma(y, a10); a11 = x.fma(y, a11);
        }
        return (double) a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }
}
