package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.FmaLoop;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The peak-arithmetic loop of {@link FmaLoop} on vectors of the width in use ({@link Species}):
 * 12 independent vector accumulators, one FMA each per step, nothing loaded or stored. Every
 * lane runs the scalar twin's recurrence ({@code dev.vecnn.kernels.ScalarFmaLoop}); the sum of
 * the lanes at the end keeps C2 from dropping the loop.
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
        FloatVector mul = FloatVector.broadcast(Species.FLOATS, MUL);
        FloatVector add = FloatVector.broadcast(Species.FLOATS, ADD);
        FloatVector a0 = FloatVector.broadcast(Species.FLOATS, start), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        FloatVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int s = 0; s < steps; s++) {
            a0 = a0.fma(mul, add); a1 = a1.fma(mul, add); a2 = a2.fma(mul, add);
            a3 = a3.fma(mul, add); a4 = a4.fma(mul, add); a5 = a5.fma(mul, add);
            a6 = a6.fma(mul, add); a7 = a7.fma(mul, add); a8 = a8.fma(mul, add);
            a9 = a9.fma(mul, add); a10 = a10.fma(mul, add); a11 = a11.fma(mul, add);
        }
        return (double) a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    @Override
    public double doubles(int steps, double start) {
        DoubleVector mul = DoubleVector.broadcast(Species.DOUBLES, (double) MUL);
        DoubleVector add = DoubleVector.broadcast(Species.DOUBLES, (double) ADD);
        DoubleVector a0 = DoubleVector.broadcast(Species.DOUBLES, start), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        DoubleVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int s = 0; s < steps; s++) {
            a0 = a0.fma(mul, add); a1 = a1.fma(mul, add); a2 = a2.fma(mul, add);
            a3 = a3.fma(mul, add); a4 = a4.fma(mul, add); a5 = a5.fma(mul, add);
            a6 = a6.fma(mul, add); a7 = a7.fma(mul, add); a8 = a8.fma(mul, add);
            a9 = a9.fma(mul, add); a10 = a10.fma(mul, add); a11 = a11.fma(mul, add);
        }
        return (double) a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }
}
