package dev.vecnn.kernels;

/**
 * Scalar twin of the SIMD GEMM and the fallback without the Vector API: the same blocked,
 * packed driver ({@link BlockedGemm}) with a plain-Java 4x4 micro-kernel, i.e. for each
 * 4x4 tile of C, {@code acc += np.outer(A[rows, p], B[p, cols])} for p = 0..depth-1, sixteen
 * scalar accumulators, multiply then add (no fused multiply-add).
 */
public final class ScalarGemm extends BlockedGemm {
    private static final int MR = 4;
    private static final int NR = 4;

    public ScalarGemm() {
        super(new Blocking(MR, NR, 256, 128, 1024), new Blocking(MR, NR, 256, 64, 1024));
    }

    @Override
    protected void microKernel(int depth, float[] ap, int aIdx, float[] bp, int bIdx,
                               float[] c, int cIdx, int ldc, float alpha, float beta,
                               boolean first) {
        float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        float c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < depth; p++) {
            int ai = aIdx + p * MR;
            int bi = bIdx + p * NR;
            float b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
            float a0 = ap[ai];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            float a1 = ap[ai + 1];
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            float a2 = ap[ai + 2];
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            float a3 = ap[ai + 3];
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        store(c, cIdx, c00, c01, c02, c03, alpha, beta, first);
        store(c, cIdx + ldc, c10, c11, c12, c13, alpha, beta, first);
        store(c, cIdx + 2 * ldc, c20, c21, c22, c23, alpha, beta, first);
        store(c, cIdx + 3 * ldc, c30, c31, c32, c33, alpha, beta, first);
    }

    private static void store(float[] c, int i, float a0, float a1, float a2, float a3,
                              float alpha, float beta, boolean first) {
        c[i] = combine(c, i, a0, alpha, beta, first);
        c[i + 1] = combine(c, i + 1, a1, alpha, beta, first);
        c[i + 2] = combine(c, i + 2, a2, alpha, beta, first);
        c[i + 3] = combine(c, i + 3, a3, alpha, beta, first);
    }

    private static float combine(float[] c, int i, float acc, float alpha, float beta, boolean first) {
        if (!first) return c[i] + alpha * acc;
        return beta == 0f ? alpha * acc : alpha * acc + beta * c[i];
    }

    @Override
    protected void microKernel(int depth, double[] ap, int aIdx, double[] bp, int bIdx,
                               double[] c, int cIdx, int ldc, double alpha, double beta,
                               boolean first) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0; p < depth; p++) {
            int ai = aIdx + p * MR;
            int bi = bIdx + p * NR;
            double b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
            double a0 = ap[ai];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            double a1 = ap[ai + 1];
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            double a2 = ap[ai + 2];
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            double a3 = ap[ai + 3];
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        store(c, cIdx, c00, c01, c02, c03, alpha, beta, first);
        store(c, cIdx + ldc, c10, c11, c12, c13, alpha, beta, first);
        store(c, cIdx + 2 * ldc, c20, c21, c22, c23, alpha, beta, first);
        store(c, cIdx + 3 * ldc, c30, c31, c32, c33, alpha, beta, first);
    }

    private static void store(double[] c, int i, double a0, double a1, double a2, double a3,
                              double alpha, double beta, boolean first) {
        c[i] = combine(c, i, a0, alpha, beta, first);
        c[i + 1] = combine(c, i + 1, a1, alpha, beta, first);
        c[i + 2] = combine(c, i + 2, a2, alpha, beta, first);
        c[i + 3] = combine(c, i + 3, a3, alpha, beta, first);
    }

    private static double combine(double[] c, int i, double acc, double alpha, double beta,
                                  boolean first) {
        if (!first) return c[i] + alpha * acc;
        return beta == 0 ? alpha * acc : alpha * acc + beta * c[i];
    }
}
