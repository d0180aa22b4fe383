package dev.vecnn.random;

/**
 * The natural logarithm used by {@link NumpyRandom#standardNormal()}.
 *
 * <p>numpy's legacy Gaussian calls the C library's {@code log} (glibc: error below 0.52 ulp).
 * Measured over numpy's {@code seed(231); randn(500, 500)} block (250 000 values, 125 000
 * logarithms), the number of Gaussians that are not bit-identical to numpy's:
 * <ul>
 *   <li>{@code Math.log} (HotSpot intrinsic): 87 values, each 1 ulp off;</li>
 *   <li>{@code StrictMath.log} (fdlibm): 7 830 values.</li>
 * </ul>
 */
final class Log {
    /** Measured count of values of the 250 000-value block that differ from numpy (test bound). */
    static final int MAX_DIFFERING_IN_250000 = 87;

    private Log() {}

    static double log(double x) {
        return Math.log(x);
    }
}
