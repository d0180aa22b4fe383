package dev.vecnn.kernels;

/**
 * A matrix B ({@code k x n}, row-major, not transposed) kept beside copies of itself in column
 * panels, for batch-1 products {@code x * B} (one row of A: batch-1 inference) and products of
 * 4 or 8 rows (small batches: {@code BatchingModel}'s) on the skinny kernel. Panel q holds columns {@code [q*P, (q+1)*P)} of B, its k rows back to back
 * from element {@code q*P*k}; there are {@code max(1, n / P)} panels, the last one holding the
 * rest of the columns too (P to 2P - 1 of them, or all n when {@code n < P}), so that a strip's last
 * columns can be read as a whole vector ending at the panel's last column; P ({@link #panelColumns()}) is the skinny kernel's widest one-row
 * panel, so a batch-1 product streams each panel as one contiguous block instead of P columns
 * out of rows {@code n} elements apart (n = 500 floats: 256 bytes out of every 2 KB), which the
 * hardware prefetchers follow better: 6-15% more batch-1 products per second with AVX2's 16
 * vector registers (P = 64 floats; Zen 5 at -XX:UseAVX=2). Where B in place streams as fast (the
 * 32-register AVX-512 kernel, whose panel is 1 KB of each row; the scalar fallback) P is 0 and
 * nothing is copied.
 *
 * <p>Same bits: the kernel walks a panel with the same depth blocks and operation order as B in
 * place, so {@code Gemm.sgemm(m, alpha, a, aOff, lda, panels, beta, c, cOff, ldc)} gives exactly
 * the bits of {@link Gemm#sgemm} on the source matrix, for every m (strips of several rows ran
 * up to 10% slower over 64-column panels, so they do not use these).
 *
 * <p>Strip panels: a second copy in panels of S columns ({@link #stripPanelColumns()}), the
 * panel that strips of 4 and 8 rows walk (two vectors), so such a strip streams each panel as
 * one block too: 4 and 8 rows take it, other row counts (whose strips include narrower
 * ones) take the source. 5-18% more 4- and 8-row products per CPU-second (Zen 5, AVX2 and
 * AVX-512; see {@code SimdSkinnyGemm}). S is 0 (no copy) where the kernel does not use it.
 *
 * <p>Memory: each copy is another B ({@link #copyBytes()} counts them; W1 of a 3072 x 500
 * float32 net: 6 MB each, so 12 MB beside the source with AVX2's 16 registers, where both copies
 * are made, and 6 MB with AVX-512, where only the strip panels are), made once by {@link #of}.
 * When B is a single panel (fewer than 2P columns) stored from element 0 with {@code ldb == n}, the layouts are the
 * same and nothing is copied. The copy is a snapshot:
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
    private final int stripPanelColumns;
    private final Object stripPanels;

    private SkinnyPanels(Object source, int sourceOff, int ldb, int k, int n, int panelColumns, int stripPanelColumns) {
        this.source = source;
        this.sourceOff = sourceOff;
        this.ldb = ldb;
        this.k = k;
        this.n = n;
        this.panelColumns = panelColumns;
        this.panels = layout(panelColumns);
        this.stripPanelColumns = stripPanelColumns;
        this.stripPanels = layout(stripPanelColumns);
    }

    /** B in panels of {@code width} columns: null for width 0, the source where the layouts coincide, else a copy. */
    private Object layout(int width) {
        return width == 0 ? null : sourceOff == 0 && SkinnyGemm.panelCount(n, width) == 1 && ldb == n ? source : copy(width);
    }

    /**
     * B ({@code k x n} at {@code b[bOff + p*ldb + j]}, a float[] or double[]) and its panels for
     * the skinny kernel in use ({@link Gemm}'s).
     *
     * @throws IllegalArgumentException if b is null or not a float[] or double[], k or n is
     *         negative, or the matrix does not fit (naming the argument and the values)
     */
    public static SkinnyPanels of(Object b, int bOff, int ldb, int k, int n) {
        boolean doublePrecision = b instanceof double[];
        return of(b, bOff, ldb, k, n, Gemm.skinnyPanelColumns(doublePrecision), Gemm.skinnyStripPanelColumns(doublePrecision));
    }

    /** {@link #of} with a chosen panel width, 0 for none, and no strip panels (tests: every width must give the same bits). */
    static SkinnyPanels of(Object b, int bOff, int ldb, int k, int n, int panelColumns) {
        return of(b, bOff, ldb, k, n, panelColumns, 0);
    }

    /** {@link #of} with chosen widths for the one-row panels and the strip panels, 0 for none. */
    static SkinnyPanels of(Object b, int bOff, int ldb, int k, int n, int panelColumns, int stripPanelColumns) {
        Args.notNull("b", b);
        if (!(b instanceof float[]) && !(b instanceof double[])) {
            throw new IllegalArgumentException("b must be a float[] or a double[], got " + b.getClass().getSimpleName());
        }
        Args.nonNegative("k", k);
        Args.nonNegative("n", n);
        if (panelColumns < 0) {
            throw new IllegalArgumentException("panelColumns must be >= 0, got " + panelColumns);
        }
        if (stripPanelColumns < 0) {
            throw new IllegalArgumentException("stripPanelColumns must be >= 0, got " + stripPanelColumns);
        }
        Args.matrix("b", b, bOff, k, n, ldb);
        return new SkinnyPanels(b, bOff, ldb, k, n, panelColumns, stripPanelColumns);
    }

    /** Panels of {@code panelWidth} columns: each panel's rows back to back, a fresh array of k*n elements. */
    private Object copy(int panelWidth) {
        Object out = source instanceof float[] ? new float[k * n] : new double[k * n];
        for (int q = 0; n > 0 && q < SkinnyGemm.panelCount(n, panelWidth); q++) {
            int col0 = q * panelWidth;
            int width = SkinnyGemm.panelWidth(q, n, panelWidth);
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

    /** Columns per strip panel (for 4 and 8 rows; the last panel may have fewer); 0 when there are none. */
    public int stripPanelColumns() {
        return stripPanelColumns;
    }

    /** Bytes this object holds beyond the source matrix (both copies): 0 when the layouts coincide. */
    public long copyBytes() {
        long copies = (panels == null || panels == source ? 0 : 1) + (stripPanels == null || stripPanels == source ? 0 : 1);
        return copies * k * n * (source instanceof float[] ? Float.BYTES : Double.BYTES);
    }

    boolean hasPanels() {
        return panels != null;
    }

    boolean hasStripPanels() {
        return stripPanels != null;
    }

    float[] floatStripPanels() {
        return (float[]) stripPanels;
    }

    double[] doubleStripPanels() {
        return (double[]) stripPanels;
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
