package dev.vecnn.random;

import java.util.Arrays;

/**
 * A saved state of {@link NumpyRandom}: what numpy's {@code RandomState.get_state()} returns,
 * {@code ('MT19937', key, pos, has_gauss, cached_gaussian)}.
 *
 * <p>{@code key} holds the 624 words of the Mersenne Twister as Java {@code int}s (numpy shows
 * them as uint32: use {@link Integer#toUnsignedLong}); {@code pos} is the index of the next
 * word to use (624 means "refill before the next draw"); {@code hasGauss}/{@code gauss} are the
 * second value of the last polar-method pair, kept for the next {@code randn}.
 * The key array is copied in and out, so a state cannot change after it is made.
 */
public record MT19937State(int[] key, int pos, boolean hasGauss, double gauss) {
    /** Number of 32-bit words in the state. */
    public static final int KEY_LENGTH = 624;

    /**
     * @param key      the 624 state words (copied)
     * @param pos      next word index, 0..624
     * @param hasGauss whether a cached Gaussian is waiting
     * @param gauss    the cached Gaussian (numpy keeps 0.0 when there is none)
     */
    public MT19937State {
        if (key == null || key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("key must have " + KEY_LENGTH + " words, got "
                    + (key == null ? "null" : key.length));
        }
        if (pos < 0 || pos > KEY_LENGTH) {
            throw new IllegalArgumentException("pos must be in 0.." + KEY_LENGTH + ", got " + pos);
        }
        key = key.clone();
    }

    /** A copy of the 624 state words. */
    @Override
    public int[] key() {
        return key.clone();
    }

    /** State word {@code i} as numpy prints it (uint32). */
    public long keyUnsigned(int i) {
        return Integer.toUnsignedLong(key[i]);
    }

    int[] keyNoCopy() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MT19937State s && pos == s.pos && hasGauss == s.hasGauss
                && Double.doubleToRawLongBits(gauss) == Double.doubleToRawLongBits(s.gauss)
                && Arrays.equals(key, s.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key) * 31 + pos;
    }

    @Override
    public String toString() {
        return "MT19937State[pos=" + pos + ", hasGauss=" + hasGauss + ", gauss=" + gauss
                + ", key[0]=" + keyUnsigned(0) + "...]";
    }
}
