// Generated from src/template/java/dev/vecnn/kernels/internal/ScalarGemm.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.internal;

/**
 * Scalar twin of the SIMD GEMM and the fallback without the Vector API: the same blocked,
 * packed driver ({@link BlockedGemm}) with a plain-Java 4x4 micro-kernel, i.e. for each
 * 4x4 tile of C, {@code acc += np.outer(A[rows, p], B[p, cols])} for p = 0..depth-1, sixteen
 * scalar accumulators, multiply then add (no fused multiply-add).
 */
public final class ScalarGemm extends BlockedGemm {
    private static final int MR = 4;
    private static final int NR = 4;
    /** Depth block (float and double): where each element's sum restarts, so it fixes the rounding; the skinny twin reads it. */
    static final int DEPTH_BLOCK = 256;

    public ScalarGemm() {
        super(new F32(), new F64());
    }

    /** Float micro-kernels: A packed, and A read in place. */
    private static final class F32 extends FloatGemmLeaves {
        F32() {
            // row block: 128 float rows or 64 double rows, the same bytes of packed A
            super(MR, NR, DEPTH_BLOCK, 128, 1024);
        }

        @Override
        protected void microKernel(int depth, float[] ap, int aIdx, float[] bp, int bIdx, float[] acc) {
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
            acc[0] = c00; acc[1] = c01; acc[2] = c02; acc[3] = c03;
            acc[4] = c10; acc[5] = c11; acc[6] = c12; acc[7] = c13;
            acc[8] = c20; acc[9] = c21; acc[10] = c22; acc[11] = c23;
            acc[12] = c30; acc[13] = c31; acc[14] = c32; acc[15] = c33;
        }

        @Override
        protected void microKernelRows(int depth, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] acc) {
            float c00 = 0, c01 = 0, c02 = 0, c03 = 0;
            float c10 = 0, c11 = 0, c12 = 0, c13 = 0;
            float c20 = 0, c21 = 0, c22 = 0, c23 = 0;
            float c30 = 0, c31 = 0, c32 = 0, c33 = 0;
            int row1 = aIdx + lda, row2 = row1 + lda, row3 = row2 + lda;
            for (int p = 0; p < depth; p++) {
                int bi = bIdx + p * NR;
                float b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
                float a0 = a[aIdx + p];
                c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
                float a1 = a[row1 + p];
                c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
                float a2 = a[row2 + p];
                c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
                float a3 = a[row3 + p];
                c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            }
            acc[0] = c00; acc[1] = c01; acc[2] = c02; acc[3] = c03;
            acc[4] = c10; acc[5] = c11; acc[6] = c12; acc[7] = c13;
            acc[8] = c20; acc[9] = c21; acc[10] = c22; acc[11] = c23;
            acc[12] = c30; acc[13] = c31; acc[14] = c32; acc[15] = c33;
        }
    }

    /** Double micro-kernels: A packed, and A read in place. */
    private static final class F64 extends DoubleGemmLeaves {
        F64() {
            // row block: 128 float rows or 64 double rows, the same bytes of packed A
            super(MR, NR, DEPTH_BLOCK, 64, 1024);
        }

        @Override
        protected void microKernel(int depth, double[] ap, int aIdx, double[] bp, int bIdx, double[] acc) {
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
            acc[0] = c00; acc[1] = c01; acc[2] = c02; acc[3] = c03;
            acc[4] = c10; acc[5] = c11; acc[6] = c12; acc[7] = c13;
            acc[8] = c20; acc[9] = c21; acc[10] = c22; acc[11] = c23;
            acc[12] = c30; acc[13] = c31; acc[14] = c32; acc[15] = c33;
        }

        @Override
        protected void microKernelRows(int depth, double[] a, int aIdx, int lda, double[] bp, int bIdx, double[] acc) {
            double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
            double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
            double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
            double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
            int row1 = aIdx + lda, row2 = row1 + lda, row3 = row2 + lda;
            for (int p = 0; p < depth; p++) {
                int bi = bIdx + p * NR;
                double b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
                double a0 = a[aIdx + p];
                c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
                double a1 = a[row1 + p];
                c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
                double a2 = a[row2 + p];
                c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
                double a3 = a[row3 + p];
                c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
            }
            acc[0] = c00; acc[1] = c01; acc[2] = c02; acc[3] = c03;
            acc[4] = c10; acc[5] = c11; acc[6] = c12; acc[7] = c13;
            acc[8] = c20; acc[9] = c21; acc[10] = c22; acc[11] = c23;
            acc[12] = c30; acc[13] = c31; acc[14] = c32; acc[15] = c33;
        }
    }
}
