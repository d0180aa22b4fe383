package dev.vecnn.kernels.simd;

/**
 * Reports the vector shape in use. Loaded reflectively by
 * {@link dev.vecnn.kernels.VectorSupport} only when {@code jdk.incubator.vector} is readable.
 *
 * <p>Everything in package {@code dev.vecnn.kernels.simd} references the Vector API and must
 * only be reached through {@code VectorSupport.choose}.
 */
public final class SimdProbe {
    private SimdProbe() {}

    /**
     * {float lanes, double lanes, vector bits} of the species the kernels use ({@link Species}:
     * the preferred width unless {@code -Dvecnn.vectorBits} narrows it), then the machine's
     * preferred vector bits.
     */
    public static int[] shape() {
        return new int[] {
            Species.FLOATS.length(),
            Species.DOUBLES.length(),
            Species.BITS,
            Species.PREFERRED_BITS
        };
    }
}
