package dev.vecnn.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * Reports the preferred vector shape. Loaded reflectively by
 * {@link dev.vecnn.kernels.VectorSupport} only when {@code jdk.incubator.vector} is readable.
 *
 * <p>Everything in package {@code dev.vecnn.kernels.simd} references the Vector API and must
 * only be reached through {@code VectorSupport.choose}.
 */
public final class SimdProbe {
    private SimdProbe() {}

    /** {float lanes, double lanes, vector bits} of the preferred species. */
    public static int[] shape() {
        return new int[] {
            FloatVector.SPECIES_PREFERRED.length(),
            DoubleVector.SPECIES_PREFERRED.length(),
            FloatVector.SPECIES_PREFERRED.vectorBitSize()
        };
    }
}
