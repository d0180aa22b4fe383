package dev.vecnn.ladder;

import dev.vecnn.kernels.Gemm;

/**
 * Rung 8, the library's own {@link Gemm#sgemm}: the same ideas with tiles and block sizes chosen
 * from the vector width, the edges handled without a buffer, packing shared between threads,
 * and the full BLAS contract (transposes, alpha, beta).
 */
public final class LibraryGemm implements Rung {
    @Override
    public String name() {
        return "8 library Gemm.sgemm";
    }

    @Override
    public String change() {
        return "vecnn's GEMM (" + Gemm.implementation() + "): tuned tiles, all transposes, alpha and beta";
    }

    @Override
    public void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc) {
        Gemm.sgemm(false, false, m, n, k, 1f, a, aOff, lda, b, bOff, ldb, 0f, c, cOff, ldc);
    }
}
