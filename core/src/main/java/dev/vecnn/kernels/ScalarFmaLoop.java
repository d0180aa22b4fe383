package dev.vecnn.kernels;

/** Scalar twin of the peak-arithmetic loop (see {@link FmaLoop}): 12 scalar accumulators, {@link Math#fma}. */
public final class ScalarFmaLoop implements FmaLoop {
    @Override
    public int floatLanes() {
        return 1;
    }

    @Override
    public int doubleLanes() {
        return 1;
    }

    @Override
    public double floats(int steps, float start) {
        float[] acc = new float[ACCUMULATORS];
        java.util.Arrays.fill(acc, start);
        float a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3], a4 = acc[4], a5 = acc[5];
        float a6 = acc[6], a7 = acc[7], a8 = acc[8], a9 = acc[9], a10 = acc[10], a11 = acc[11];
        for (int s = 0; s < steps; s++) {
            a0 = Math.fma(a0, MUL, ADD); a1 = Math.fma(a1, MUL, ADD); a2 = Math.fma(a2, MUL, ADD);
            a3 = Math.fma(a3, MUL, ADD); a4 = Math.fma(a4, MUL, ADD); a5 = Math.fma(a5, MUL, ADD);
            a6 = Math.fma(a6, MUL, ADD); a7 = Math.fma(a7, MUL, ADD); a8 = Math.fma(a8, MUL, ADD);
            a9 = Math.fma(a9, MUL, ADD); a10 = Math.fma(a10, MUL, ADD); a11 = Math.fma(a11, MUL, ADD);
        }
        return (double) a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }

    @Override
    public double doubles(int steps, double start) {
        double a0 = start, a1 = start, a2 = start, a3 = start, a4 = start, a5 = start;
        double a6 = start, a7 = start, a8 = start, a9 = start, a10 = start, a11 = start;
        double mul = MUL, add = ADD;
        for (int s = 0; s < steps; s++) {
            a0 = Math.fma(a0, mul, add); a1 = Math.fma(a1, mul, add); a2 = Math.fma(a2, mul, add);
            a3 = Math.fma(a3, mul, add); a4 = Math.fma(a4, mul, add); a5 = Math.fma(a5, mul, add);
            a6 = Math.fma(a6, mul, add); a7 = Math.fma(a7, mul, add); a8 = Math.fma(a8, mul, add);
            a9 = Math.fma(a9, mul, add); a10 = Math.fma(a10, mul, add); a11 = Math.fma(a11, mul, add);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }
}
