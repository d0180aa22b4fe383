package dev.vecnn.kernels;

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
    }

    @Override
    GemmKernel kernel() {
        return SIMD;
    }
}
