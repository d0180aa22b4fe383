package dev.vecnn.kernels;

/**
 * A register-tile micro-kernel for the teaching GEMM ladder ({@code dev.vecnn.ladder}): adds the
 * product of a packed panel of A ({@link #rows()} rows) and a packed panel of B ({@link #cols()}
 * columns) to a {@code rows x cols} tile of C. Public only so that {@code kernels.simd} (the one
 * package that may import the Vector API) can implement it; the library's own {@link Gemm} does
 * not use it.
 */
public interface LadderTile {
    /** Rows of the tile (MR). */
    int rows();

    /** Columns of the tile (NR). */
    int cols();

    /**
     * {@code C[r][j] += sum over p < k of aPanel[aOff + p * rows + r] * bPanel[bOff + p * cols + j]}
     * for {@code r < rows()}, {@code j < cols()}; C's row r starts at {@code cOff + r * ldc}.
     */
    void tile(int k, float[] aPanel, int aOff, float[] bPanel, int bOff, float[] c, int cOff, int ldc);
}
