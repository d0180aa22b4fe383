package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.GemmKernel;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;

/**
 * The SIMD GEMM against the triple-loop reference. Reached only through
 * {@link VectorSupport#simdOrNull}; skipped when SIMD is not enabled (scalar CI run).
 */
class GemmSimdTest extends GemmKernelContract {
    private static final GemmKernel SIMD =
            VectorSupport.simdOrNull(GemmKernel.class, "dev.vecnn.kernels.simd.SimdGemm");

    @BeforeEach
    void requireSimd() {
        assumeTrue(SIMD != null, "SIMD disabled: " + VectorSupport.describe());
        // Compiled by C2 before any comparison: every transpose case on a shape with full tiles
        // and tails in each dimension (small, so the warm-up stays short).
        float[] af = new float[24 * 40], bf = new float[24 * 40], cf = new float[24 * 40];
        double[] ad = new double[24 * 40], bd = new double[24 * 40], cd = new double[24 * 40];
        JitWarmup.warm("gemm", 2_000, () -> {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 2) != 0, tb = (t & 1) != 0;
                SIMD.sgemm(ta, tb, 11, 37, 19, 1f, af, 0, ta ? 11 : 19, bf, 0, tb ? 19 : 37, 0.5f, cf, 0, 37);
                SIMD.dgemm(ta, tb, 11, 37, 19, 1, ad, 0, ta ? 11 : 19, bd, 0, tb ? 19 : 37, 0.5, cd, 0, 37);
            }
        });
    }

    @Override
    GemmKernel kernel() {
        return SIMD;
    }
}
