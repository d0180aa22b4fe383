package dev.vecnn.kernels;

/**
 * A matrix B ({@code k x n}, row-major, not transposed) kept beside a copy of itself in column
 * panels, for batch-1 products {@code x * B} (one row of A: batch-1 inference) on the skinny
 * kernel. Panel q holds columns {@code [q*P, min(n, (q+1)*P))} of B, its k rows back to back
 * from element {@code q*P*k}; P ({@link #panelColumns()}) is the skinny kernel's widest one-row
 * panel, so a batch-1 product streams each panel as one contiguous block instead of P columns
 * out of rows {@code n} elements apart (n = 500 floats: 256 bytes out of every 2 KB), which the
 * hardware prefetchers follow better: 6-15% more batch-1 products per second with AVX2's 16
 * vector registers (P = 64 floats; Zen 5 at -XX:UseAVX=2). Where B in place streams as fast (the
 * 32-register AVX-512 kernel, whose panel is 1 KB of each row; the scalar fallback) P is 0 and
 * nothing is copied.
 *
 * <p>Same bits: the kernel walks a panel with the same depth blocks and operation order as B in
 * place, so {@code Gemm.sgemm(m, alpha, a, aOff, lda, panels, beta, c, cOff, ldc)} gives exactly
 * the bits of {@link Gemm#sgemm} on the source matrix, for every m (2 rows and more use the
 * source: strips of several rows ran up to 10% slower over 64-column panels).
 *
 * <p>Memory: the copy is a second B ({@link #copyBytes()}; W1 of a 3072 x 500 float32 net:
 * 6 MB), made once by {@link #of}. When B is a single panel stored from element 0 with
 * {@code ldb == n}, the layouts are the same and nothing is copied. The copy is a snapshot:
 * the source must not change afterwards (else the two paths disagree); meant for frozen
 * weights such as an inference model's private copies.
 */
public final class SkinnyPanels {
    private final Object source;
    private final int sourceOff;
    private final int ldb;
    private final int k;
    private final int n;
    private final int panelColumns;
    private final Object panels;

    private SkinnyPanels(Object source, int sourceOff, int ldb, int k, int n, int panelColumns) {
        this.source = source;
        this.sourceOff = sourceOff;
        this.ldb = ldb;
        this.k = k;
        this.n = n;
        this.panelColumns = panelColumns;
        this.panels = panelColumns == 0 ? null : sourceOff == 0 && n <= panelColumns && ldb == n ? source : copy();
    }

    /**
     * B ({@code k x n} at {@code b[bOff + p*ldb + j]}, a float[] or double[]) and its panels for
     * the skinny kernel in use ({@link Gemm}'s).
     *
     * @throws IllegalArgumentException if b is null or not a float[] or double[], k or n is
     *         negative, or the matrix does not fit (naming the argument and the values)
     */
    public static SkinnyPanels of(Object b, int bOff, int ldb, int k, int n) {
        return of(b, bOff, ldb, k, n, Gemm.skinnyPanelColumns(b instanceof double[]));
    }

    /** {@link #of} with a chosen panel width, 0 for none (tests: every width must give the same bits). */
    static SkinnyPanels of(Object b, int bOff, int ldb, int k, int n, int panelColumns) {
        Args.notNull("b", b);
        if (!(b instanceof float[]) && !(b instanceof double[])) {
            throw new IllegalArgumentException("b must be a float[] or a double[], got " + b.getClass().getSimpleName());
        }
        Args.nonNegative("k", k);
        Args.nonNegative("n", n);
        if (panelColumns < 0) {
            throw new IllegalArgumentException("panelColumns must be >= 0, got " + panelColumns);
        }
        Args.matrix("b", b, bOff, k, n, ldb);
        return new SkinnyPanels(b, bOff, ldb, k, n, panelColumns);
    }

    /** The panels: each panel's rows back to back, a fresh array of k*n elements. */
    private Object copy() {
        Object out = source instanceof float[] ? new float[k * n] : new double[k * n];
        for (int col0 = 0; col0 < n; col0 += panelColumns) {
            int width = Math.min(panelColumns, n - col0);
            for (int p = 0; p < k; p++) {
                System.arraycopy(source, sourceOff + p * ldb + col0, out, col0 * k + p * width, width);
            }
        }
        return out;
    }

    /** Rows of B. */
    public int k() {
        return k;
    }

    /** Columns of B. */
    public int n() {
        return n;
    }

    /** Columns per panel (the last panel may have fewer); 0 when B is not packed (the kernel streams it as fast in place). */
    public int panelColumns() {
        return panelColumns;
    }

    /** Bytes this object holds beyond the source matrix: 0 when the layouts coincide. */
    public long copyBytes() {
        if (panels == null || panels == source) return 0;
        return (long) k * n * (source instanceof float[] ? Float.BYTES : Double.BYTES);
    }

    boolean hasPanels() {
        return panels != null;
    }

    boolean isFloat() {
        return source instanceof float[];
    }

    float[] floatSource() {
        return (float[]) source;
    }

    double[] doubleSource() {
        return (double[]) source;
    }

    float[] floatPanels() {
        return (float[]) panels;
    }

    double[] doublePanels() {
        return (double[]) panels;
    }

    int sourceOffset() {
        return sourceOff;
    }

    int ldb() {
        return ldb;
    }
}
