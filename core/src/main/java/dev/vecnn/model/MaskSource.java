package dev.vecnn.model;

/**
 * Where a FullyConnectedNet's training-time dropout masks come from.
 * <ul>
 *   <li>{@link #NUMPY}: the assignment's {@code np.random.rand(*shape) < p} from the global
 *       NumpyRandom (reseeded by the dropout seed when set), so numbers match numpy's.</li>
 *   <li>{@link #COUNTER}: a counter-based generator keyed by (seed, layer, step, element): the
 *       fast path; the mask is a pure function of its position, so it can be regenerated.</li>
 * </ul>
 */
public enum MaskSource {
    NUMPY, COUNTER;

    /** Parses "numpy"/"counter". */
    public static MaskSource parse(String s) {
        switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "numpy": return NUMPY;
            case "counter": case "philox": return COUNTER;
            default: throw new IllegalArgumentException("dropout masks must be numpy or counter, got '" + s + "'");
        }
    }
}
