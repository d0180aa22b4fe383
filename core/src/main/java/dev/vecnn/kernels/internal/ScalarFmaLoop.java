package dev.vecnn.kernels.internal;

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
            a0 = Math.fma(X, Y, a0); a1 = Math.fma(X, Y, a1); a2 = Math.fma(X, Y, a2);
            a3 = Math.fma(X, Y, a3); a4 = Math.fma(X, Y, a4); a5 = Math.fma(X, Y, a5);
            a6 = Math.fma(X, Y, a6); a7 = Math.fma(X, Y, a7); a8 = Math.fma(X, Y, a8);
            a9 = Math.fma(X, Y, a9); a10 = Math.fma(X, Y, a10); a11 = Math.fma(X, Y, a11);
        }
        return (double) a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }

    @Override
    public double doubles(int steps, double start) {
        double a0 = start, a1 = start, a2 = start, a3 = start, a4 = start, a5 = start;
        double a6 = start, a7 = start, a8 = start, a9 = start, a10 = start, a11 = start;
        double x = X, y = Y;
        for (int s = 0; s < steps; s++) {
            a0 = Math.fma(x, y, a0); a1 = Math.fma(x, y, a1); a2 = Math.fma(x, y, a2);
            a3 = Math.fma(x, y, a3); a4 = Math.fma(x, y, a4); a5 = Math.fma(x, y, a5);
            a6 = Math.fma(x, y, a6); a7 = Math.fma(x, y, a7); a8 = Math.fma(x, y, a8);
            a9 = Math.fma(x, y, a9); a10 = Math.fma(x, y, a10); a11 = Math.fma(x, y, a11);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }
}
