package dev.vecnn.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Shared inputs for the element-wise kernel tests: seeded random arrays sprinkled with special
 * values, every tail length 0..2*lanes+1, odd offsets, and bitwise array comparison.
 */
final class ElementwiseTestData {
    private ElementwiseTestData() {}

    /** Offsets the tests place arrays at: aligned, odd, and odd past a vector. */
    static final int[] OFFSETS = {0, 1, 3, 11};

    /** Sentinel written around the region a kernel may touch. */
    static final float FLOAT_SENTINEL = 12345.678f;
    static final double DOUBLE_SENTINEL = 12345.678;

    private static final float[] FLOAT_SPECIALS = {
        Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f
    };
    private static final double[] DOUBLE_SPECIALS = {
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1, -1
    };

    /** Lengths 0..2*lanes+1: no vector, a partial, one whole vector, whole vectors plus tails. */
    static IntStream tailLengths(int lanes) {
        return IntStream.rangeClosed(0, 2 * Math.max(lanes, 8) + 1);
    }

    /** {@code offset + n + 2} floats: gaussian values at [offset, offset + n), sentinels elsewhere. */
    static float[] floats(Random random, int offset, int n, boolean specials) {
        float[] a = new float[offset + n + 2];
        Arrays.fill(a, FLOAT_SENTINEL);
        for (int i = 0; i < n; i++) {
            a[offset + i] = specials && random.nextInt(4) == 0
                    ? FLOAT_SPECIALS[random.nextInt(FLOAT_SPECIALS.length)]
                    : (float) random.nextGaussian();
        }
        return a;
    }

    /** Double twin of {@link #floats}. */
    static double[] doubles(Random random, int offset, int n, boolean specials) {
        double[] a = new double[offset + n + 2];
        Arrays.fill(a, DOUBLE_SENTINEL);
        for (int i = 0; i < n; i++) {
            a[offset + i] = specials && random.nextInt(4) == 0
                    ? DOUBLE_SPECIALS[random.nextInt(DOUBLE_SPECIALS.length)]
                    : random.nextGaussian();
        }
        return a;
    }

    /** A 0/1 keep-mask region (keep probability 0.6) at [offset, offset + n), sentinels elsewhere. */
    static float[] floatMask(Random random, int offset, int n) {
        float[] a = new float[offset + n + 2];
        Arrays.fill(a, FLOAT_SENTINEL);
        for (int i = 0; i < n; i++) {
            a[offset + i] = random.nextDouble() < 0.6 ? 1f : 0f;
        }
        return a;
    }

    /** Double twin of {@link #floatMask}. */
    static double[] doubleMask(Random random, int offset, int n) {
        double[] a = new double[offset + n + 2];
        Arrays.fill(a, DOUBLE_SENTINEL);
        for (int i = 0; i < n; i++) {
            a[offset + i] = random.nextDouble() < 0.6 ? 1 : 0;
        }
        return a;
    }

    /** Same raw bits everywhere (NaN payloads included). */
    static void assertSameRawBits(float[] actual, float[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToRawIntBits(actual[i])).as("%s at %d: %s vs %s", what, i, actual[i], expected[i])
                    .isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
    }

    /** Same raw bits everywhere (NaN payloads included). */
    static void assertSameRawBits(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToRawLongBits(actual[i])).as("%s at %d: %s vs %s", what, i, actual[i], expected[i])
                    .isEqualTo(Double.doubleToRawLongBits(expected[i]));
        }
    }

    /** Same bits everywhere, every NaN counted as the same NaN (payloads may differ). */
    static void assertSameBits(float[] actual, float[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToIntBits(actual[i])).as("%s at %d: %s vs %s", what, i, actual[i], expected[i])
                    .isEqualTo(Float.floatToIntBits(expected[i]));
        }
    }

    /** Same bits everywhere, every NaN counted as the same NaN (payloads may differ). */
    static void assertSameBits(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToLongBits(actual[i])).as("%s at %d: %s vs %s", what, i, actual[i], expected[i])
                    .isEqualTo(Double.doubleToLongBits(expected[i]));
        }
    }
}
