package dev.vecnn.random;

/**
 * The natural logarithm used by {@link NumpyRandom#standardNormal()}: {@code Math.log}.
 *
 * <p>numpy's legacy Gaussian calls the C library's {@code log}; glibc's (2.28 and later) has an
 * error bound of about 0.52 ulp, so it is not always the correctly rounded value. Measured over
 * numpy's {@code seed(231); randn(500, 500)} block (250 000 Gaussians from 125 000 logarithms;
 * numpy 2.4.6 on glibc 2.36, x86-64), the number of Gaussians that are not bit-identical to
 * numpy's, each then 1 ulp off:
 * <ul>
 *   <li>{@code Math.log} (HotSpot intrinsic): 87 (the one used);</li>
 *   <li>{@code StrictMath.log} (fdlibm): 7 830;</li>
 *   <li>a correctly rounded log (double-double, checked against a 60-digit reference): 93.
 *       It does not close the gap: glibc's own log differs from the correctly rounded value on
 *       98 of those 125 000 arguments (Python's {@code math.log} against
 *       {@code decimal.Decimal.ln}), so exact agreement would need a port of glibc's
 *       table-driven algorithm, including the compiler's FMA contractions.</li>
 * </ul>
 */
final class Log {
    /** Measured count of values of numpy's 250 000-value block that differ (test bound). */
    static final int MAX_DIFFERING_IN_250000 = 87;

    private Log() {}

    static double log(double x) {
        return Math.log(x);
    }
}
