// Generated from src/template/java/dev/vecnn/kernels/Gemm.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.GemmKernel;
import dev.vecnn.kernels.internal.ScalarGemm;
import dev.vecnn.kernels.internal.ScalarSkinnyGemm;
import dev.vecnn.kernels.internal.SkinnyGemmKernel;

/**
 * General matrix multiply, BLAS style: {@code C = alpha * op(A) * op(B) + beta * C}, row-major.
 *
 * <p>{@code op(A)} is {@code m x k}: when {@code transA} is false A is stored {@code m x k} with
 * leading dimension {@code lda >= k}; when true A is stored {@code k x m} with {@code lda >= m}.
 * Likewise {@code op(B)} is {@code k x n}. C is {@code m x n} with {@code ldc >= n}. As in BLAS,
 * {@code beta == 0} means C is not read (NaN in C does not propagate), and {@code alpha == 0}
 * or {@code k == 0} means {@code C = beta * C} without reading A or B.
 *
 * <p>Implementation: cache-blocked and packed, with a register-tiled micro-kernel (Vector API
 * when available, see {@link VectorSupport}; otherwise {@code ScalarGemm}), multi-threaded on
 * {@link Parallel} over tiles of C. Results are bit-identical for any thread count. C must not
 * overlap A or B. Products with at most {@value SkinnyGemm#MAX_ROWS} rows and B not transposed
 * (batch-1 inference) go to {@link SkinnyGemm}, which computes each element with the same
 * operations in the same order, so the bits never depend on which path ran.
 */
public final class Gemm {
    private static final GemmKernel IMPL =
            VectorSupport.choose(GemmKernel.class, "dev.vecnn.kernels.simd.SimdGemm", new ScalarGemm());

    /** The kernel for C with at most {@value SkinnyGemm#MAX_ROWS} rows and B not transposed (same bits). */
    private static final SkinnyGemmKernel SKINNY = VectorSupport.choose(SkinnyGemmKernel.class,
            "dev.vecnn.kernels.simd.SimdSkinnyGemm", new ScalarSkinnyGemm());

    private Gemm() {}

    /**
     * Rows of C that {@link SkinnyGemm}'s kernel multiplies in one pass over B (its tallest strip:
     * 8 with 32 vector registers, 4 with 16). More rows, up to {@value SkinnyGemm#MAX_ROWS}, take
     * further passes (strips of this height, 4, 2 or 1 rows).
     */
    public static int skinnyStripRows() {
        return SKINNY.maxStripRows();
    }

    /** GEMM in float ({@code sgemm}); see the class comment. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, Args.length(a), aOff, lda, Args.length(b), bOff, ldb, Args.length(c), cOff, ldc);
        if (SkinnyGemm.handles(transB, m, n, k, alpha)) {
            SkinnyGemm.sgemm(SKINNY, transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        IMPL.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * {@code C = alpha * A * B + beta * C}, A ({@code m x k}) not transposed, B given with its
     * column panels ({@link SkinnyPanels}, float): the bits of {@link #sgemm} on B's source. One
     * row streams the panels (when B has them), 4 and 8 rows the strip panels (when B has
     * them: every strip is then 4 or 8 rows tall), other counts use the source.
     *
     * @throws IllegalArgumentException if b is null or holds the other precision, or A or C
     *         does not fit (naming the argument and the values)
     */
    public static void sgemm(int m, float alpha, float[] a, int aOff, int lda, SkinnyPanels b,
                             float beta, float[] c, int cOff, int ldc) {
        Args.notNull("b", b);
        if (!b.isFloat()) {
            throw new IllegalArgumentException("b must hold float values, got " + (b.isFloat() ? "float" : "double"));
        }
        int n = b.n();
        int k = b.k();
        float[] source = b.floatSource();
        check(false, false, m, n, k, Args.length(a), aOff, lda, source.length, b.sourceOffset(), b.ldb(),
                Args.length(c), cOff, ldc);
        if (m == 1 && b.hasPanels() && SkinnyGemm.handles(false, m, n, k, alpha)) {
            SkinnyGemm.sgemmPanels(SKINNY, m, n, k, alpha, a, aOff, lda, b.floatPanels(), b.panelColumns(),
                    beta, c, cOff, ldc);
            return;
        }
        if (m % 4 == 0 && b.hasStripPanels() && SkinnyGemm.handles(false, m, n, k, alpha)) {
            SkinnyGemm.sgemmPanels(SKINNY, m, n, k, alpha, a, aOff, lda, b.floatStripPanels(), b.stripPanelColumns(),
                    beta, c, cOff, ldc);
            return;
        }
        if (SkinnyGemm.handles(false, m, n, k, alpha)) {
            SkinnyGemm.sgemm(SKINNY, false, m, n, k, alpha, a, aOff, lda, source, b.sourceOffset(), b.ldb(),
                    beta, c, cOff, ldc);
            return;
        }
        IMPL.sgemm(false, false, m, n, k, alpha, a, aOff, lda, source, b.sourceOffset(), b.ldb(), beta, c, cOff, ldc);
    }

    /** GEMM in double ({@code dgemm}); see the class comment. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double alpha, double[] a, int aOff, int lda,
                             double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, Args.length(a), aOff, lda, Args.length(b), bOff, ldb, Args.length(c), cOff, ldc);
        if (SkinnyGemm.handles(transB, m, n, k, alpha)) {
            SkinnyGemm.dgemm(SKINNY, transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        IMPL.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * {@code C = alpha * A * B + beta * C}, A ({@code m x k}) not transposed, B given with its
     * column panels ({@link SkinnyPanels}, double): the bits of {@link #dgemm} on B's source. One
     * row streams the panels (when B has them), 4 and 8 rows the strip panels (when B has
     * them: every strip is then 4 or 8 rows tall), other counts use the source.
     *
     * @throws IllegalArgumentException if b is null or holds the other precision, or A or C
     *         does not fit (naming the argument and the values)
     */
    public static void dgemm(int m, double alpha, double[] a, int aOff, int lda, SkinnyPanels b,
                             double beta, double[] c, int cOff, int ldc) {
        Args.notNull("b", b);
        if (b.isFloat()) {
            throw new IllegalArgumentException("b must hold double values, got " + (b.isFloat() ? "float" : "double"));
        }
        int n = b.n();
        int k = b.k();
        double[] source = b.doubleSource();
        check(false, false, m, n, k, Args.length(a), aOff, lda, source.length, b.sourceOffset(), b.ldb(),
                Args.length(c), cOff, ldc);
        if (m == 1 && b.hasPanels() && SkinnyGemm.handles(false, m, n, k, alpha)) {
            SkinnyGemm.dgemmPanels(SKINNY, m, n, k, alpha, a, aOff, lda, b.doublePanels(), b.panelColumns(),
                    beta, c, cOff, ldc);
            return;
        }
        if (m % 4 == 0 && b.hasStripPanels() && SkinnyGemm.handles(false, m, n, k, alpha)) {
            SkinnyGemm.dgemmPanels(SKINNY, m, n, k, alpha, a, aOff, lda, b.doubleStripPanels(), b.stripPanelColumns(),
                    beta, c, cOff, ldc);
            return;
        }
        if (SkinnyGemm.handles(false, m, n, k, alpha)) {
            SkinnyGemm.dgemm(SKINNY, false, m, n, k, alpha, a, aOff, lda, source, b.sourceOffset(), b.ldb(),
                    beta, c, cOff, ldc);
            return;
        }
        IMPL.dgemm(false, false, m, n, k, alpha, a, aOff, lda, source, b.sourceOffset(), b.ldb(), beta, c, cOff, ldc);
    }

    /** Columns per panel of a {@link SkinnyPanels} for the skinny kernel in use; 0: B is not packed. */
    static int skinnyPanelColumns(boolean doublePrecision) {
        return doublePrecision ? SKINNY.doublePanelColumns() : SKINNY.floatPanelColumns();
    }

    /**
     * Columns per strip panel of a {@link SkinnyPanels} ({@link SkinnyPanels#stripPanelColumns()},
     * read by products of 4 and 8 rows) for the skinny kernel in use; 0: B is not packed for them.
     */
    public static int skinnyStripPanelColumns(boolean doublePrecision) {
        return doublePrecision ? SKINNY.doubleStripPanelColumns() : SKINNY.floatStripPanelColumns();
    }

    /** Name of the implementation in use: "simd" or "scalar". */
    public static String implementation() {
        return IMPL instanceof ScalarGemm ? "scalar" : "simd";
    }

    static void check(boolean transA, boolean transB, int m, int n, int k,
                      int aLen, int aOff, int lda, int bLen, int bOff, int ldb,
                      int cLen, int cOff, int ldc) {
        Args.nonNegative("m", m);
        Args.nonNegative("n", n);
        Args.nonNegative("k", k);
        if (aLen < 0) throw new IllegalArgumentException("a must not be null");
        if (bLen < 0) throw new IllegalArgumentException("b must not be null");
        if (cLen < 0) throw new IllegalArgumentException("c must not be null");
        if (transA) Args.matrix("a", aLen, aOff, k, m, lda); else Args.matrix("a", aLen, aOff, m, k, lda);
        if (transB) Args.matrix("b", bLen, bOff, n, k, ldb); else Args.matrix("b", bLen, bOff, k, n, ldb);
        Args.matrix("c", cLen, cOff, m, n, ldc);
    }
}
