package dev.vecnn.layers;

/**
 * TEMPORARY bridge to numpy's global random state ({@code np.random}); replaced by
 * dev.vecnn.random.NumpyRandom once that lands.
 */
public final class NumpyGlobal {
    private static java.util.Random r = new java.util.Random(0);

    private NumpyGlobal() {}

    /** {@code np.random.seed(seed)}. */
    public static void seed(long seed) {
        r = new java.util.Random(seed);
    }

    /** Fills {@code out[0..n)} with {@code np.random.rand(n)}. */
    public static void rand(double[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = r.nextDouble();
    }

    /** Fills {@code out[0..n)} with {@code np.random.randn(n)}. */
    public static void randn(double[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = r.nextGaussian();
    }

    /** {@code np.random.randint(high, size=n)}. */
    public static int[] randint(int high, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = r.nextInt(high);
        return out;
    }

    /** {@code np.random.choice(n, size)} into {@code out[0..size)}. */
    public static void choice(int n, int[] out, int size) {
        for (int i = 0; i < size; i++) out[i] = r.nextInt(n);
    }

    /** The global state (opaque). */
    public static Object getState() {
        return null;
    }

    /** Restores a state from {@link #getState()}. */
    public static void setState(Object state) {
    }
}
