package dev.vecnn.kernels;

/**
 * The one rule for a dropout keep probability p, as the assignment defines it: the probability of
 * KEEPING a unit, in (0, 1], where 1 keeps every unit (no dropout). Every place that takes one —
 * the dropout masks, {@code DropoutParam}, the net's builder, the model file, the inference
 * builder, the sweep's search space and the command-line flags — checks it here, so the range and
 * the message are written once. (In {@code kernels} because the mask kernels, the lowest users,
 * may import nothing above it.)
 */
public final class KeepProbability {
    private KeepProbability() {}

    /** Whether {@code p} is a keep probability: {@code 0 < p <= 1} (NaN is not). */
    public static boolean isValid(double p) {
        return p > 0 && p <= 1;
    }

    /**
     * Null when {@code p} is valid, else the message saying so, naming {@code name} (the argument,
     * field or flag that held it), e.g. {@code "keepProb must be in (0, 1] (the dropout KEEP
     * probability; 1 keeps every unit), got 0"}.
     */
    public static String problem(String name, double p) {
        if (isValid(p)) {
            return null;
        }
        return name + " must be in (0, 1] (the dropout KEEP probability; 1 keeps every unit), got " + format(p);
    }

    /** Returns {@code p}; throws {@link IllegalArgumentException} with {@link #problem} unless it is valid. */
    public static double check(String name, double p) {
        String problem = problem(name, p);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return p;
    }

    /** 0 and 2 as "0" and "2", other values as Java prints a double ("1.5", "NaN"). */
    private static String format(double p) {
        return p == Math.rint(p) && Math.abs(p) < 1e15 ? Long.toString((long) p) : Double.toString(p);
    }
}
