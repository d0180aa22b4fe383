// Generated from src/template/java/dev/vecnn/kernels/internal/ScalarSkinnyGemm.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.internal;

/**
 * Scalar twin of the SIMD skinny GEMM and the fallback without the Vector API: for each row r of
 * the strip and each column j, {@code acc += A[r][p] * B[p][j]} for p ascending over the depth
 * block (multiply, then add; no fused multiply-add), four columns at a time, then the blocked
 * GEMM's tile write. These are the operations {@link ScalarGemm} does on every element, in the
 * same order and with the same depth blocks ({@code kc} = 256), so the skinny path and the
 * blocked path give the same bits.
 */
public final class ScalarSkinnyGemm implements SkinnyGemmKernel {
    /** {@link ScalarGemm}'s depth block (float and double); the skinny tests hold the bits equal. */
    private static final int DEPTH_BLOCK = ScalarGemm.DEPTH_BLOCK;

    @Override
    public int depthBlock() {
        return DEPTH_BLOCK;
    }

    @Override
    public int maxStripRows() {
        return 8;
    }

    /** None: B is not packed for the scalar fallback (not measured faster; the tests pack it at every width). */
    @Override
    public int floatPanelColumns() {
        return 0;
    }

    @Override
    public int doublePanelColumns() {
        return 0;
    }

    @Override
    public int floatStripPanelColumns() {
        return 0;
    }

    @Override
    public int doubleStripPanelColumns() {
        return 0;
    }

    @Override
    public void floatStrip(int rows, int depth, float[] a, int aIdx, int aRow, int aStep, float[] b, int bIdx,
                           int ldb, int cols, float[] c, int cIdx, int ldc, float alpha, float beta, boolean first) {
        for (int r = 0; r < rows; r++) {
            int aStart = aIdx + r * aRow;
            int cRow = cIdx + r * ldc;
            int j = 0;
            for (; j + 4 <= cols; j += 4) {
                float t0 = 0, t1 = 0, t2 = 0, t3 = 0;
                for (int p = 0, bi = bIdx + j, ai = aStart; p < depth; p++, bi += ldb, ai += aStep) {
                    float x = a[ai];
                    t0 += x * b[bi];
                    t1 += x * b[bi + 1];
                    t2 += x * b[bi + 2];
                    t3 += x * b[bi + 3];
                }
                FloatGemmLeaves.store(c, cRow + j, t0, alpha, beta, first);
                FloatGemmLeaves.store(c, cRow + j + 1, t1, alpha, beta, first);
                FloatGemmLeaves.store(c, cRow + j + 2, t2, alpha, beta, first);
                FloatGemmLeaves.store(c, cRow + j + 3, t3, alpha, beta, first);
            }
            for (; j < cols; j++) {
                float t = 0;
                for (int p = 0, bi = bIdx + j, ai = aStart; p < depth; p++, bi += ldb, ai += aStep) {
                    t += a[ai] * b[bi];
                }
                FloatGemmLeaves.store(c, cRow + j, t, alpha, beta, first);
            }
        }
    }

    @Override
    public void doubleStrip(int rows, int depth, double[] a, int aIdx, int aRow, int aStep, double[] b, int bIdx,
                           int ldb, int cols, double[] c, int cIdx, int ldc, double alpha, double beta, boolean first) {
        for (int r = 0; r < rows; r++) {
            int aStart = aIdx + r * aRow;
            int cRow = cIdx + r * ldc;
            int j = 0;
            for (; j + 4 <= cols; j += 4) {
                double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
                for (int p = 0, bi = bIdx + j, ai = aStart; p < depth; p++, bi += ldb, ai += aStep) {
                    double x = a[ai];
                    t0 += x * b[bi];
                    t1 += x * b[bi + 1];
                    t2 += x * b[bi + 2];
                    t3 += x * b[bi + 3];
                }
                DoubleGemmLeaves.store(c, cRow + j, t0, alpha, beta, first);
                DoubleGemmLeaves.store(c, cRow + j + 1, t1, alpha, beta, first);
                DoubleGemmLeaves.store(c, cRow + j + 2, t2, alpha, beta, first);
                DoubleGemmLeaves.store(c, cRow + j + 3, t3, alpha, beta, first);
            }
            for (; j < cols; j++) {
                double t = 0;
                for (int p = 0, bi = bIdx + j, ai = aStart; p < depth; p++, bi += ldb, ai += aStep) {
                    t += a[ai] * b[bi];
                }
                DoubleGemmLeaves.store(c, cRow + j, t, alpha, beta, first);
            }
        }
    }
}
