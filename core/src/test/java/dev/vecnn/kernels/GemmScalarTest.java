package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.GemmKernel;
import dev.vecnn.kernels.internal.ScalarGemm;

/** The scalar twin against the triple-loop reference; runs in every mode (with or without SIMD). */
class GemmScalarTest extends GemmKernelContract {
    private static final GemmKernel SCALAR = new ScalarGemm();

    @Override
    GemmKernel kernel() {
        return SCALAR;
    }
}
