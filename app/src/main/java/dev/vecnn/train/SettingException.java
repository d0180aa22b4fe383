package dev.vecnn.train;

import java.util.Collection;

/**
 * A value a person gave (a flag, a line of a search-space file, a field of a {@link TrainSpec})
 * that cannot be used, with a one-line message naming it, what was expected and what was given.
 * The commands print the message and exit with status 2. The command line's mistakes
 * ({@code cli.UsageException}) and a sweep's ({@code sweep.SearchSpaceException}) are kinds of it.
 *
 * <p>The static checks write the range and choice messages in one form for every caller:
 * {@code --lr must be in (0, inf), got -1}, {@code --update-rule must be one of sgd, adam; got 'x'}.
 */
public class SettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SettingException(String message) {
        super(message);
    }

    /** Returns {@code v}, or throws unless it lies in the interval (a NaN never does). */
    public static double requireIn(String name, double v, double min, boolean minInclusive, double max, boolean maxInclusive) {
        boolean ok = (minInclusive ? v >= min : v > min) && (maxInclusive ? v <= max : v < max);
        if (!ok) {
            throw new SettingException(name + " must be in " + (minInclusive ? "[" : "(") + number(min) + ", " + number(max)
                    + (maxInclusive ? "]" : ")") + ", got " + number(v));
        }
        return v;
    }

    /** Returns {@code v}, or throws unless {@code min <= v <= max}. */
    public static long requireIn(String name, long v, long min, long max) {
        if (v < min || v > max) {
            throw new SettingException(name + " must be in [" + min + ", " + max + "], got " + v);
        }
        return v;
    }

    /** Returns {@code v}, or throws unless it is one of {@code allowed}. */
    public static String requireOneOf(String name, String v, Collection<String> allowed) {
        if (v == null || !allowed.contains(v)) {
            throw new SettingException(name + " must be one of " + String.join(", ", allowed) + "; got '" + v + "'");
        }
        return v;
    }

    /** A bound or value as a person reads it: 0, 1e-3 as 0.001, infinity as inf. */
    private static String number(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
