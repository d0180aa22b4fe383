package dev.vecnn.random;

/**
 * numpy's legacy {@code np.random.RandomState}, bit for bit: the Mersenne Twister MT19937 with
 * numpy's seeding, and the legacy algorithms on top of it ({@code rand}, {@code randn},
 * {@code normal}, {@code uniform}, {@code randint}, {@code choice}, {@code permutation},
 * {@code shuffle}). Seeded alike, it produces the numbers the CS231n notebook prints.
 *
 * <ul>
 *   <li>Uniforms, integers, choice, permutation and shuffle are bit-identical to numpy.</li>
 *   <li>Gaussians use the legacy polar method with numpy's cached second value; they are
 *       bit-identical wherever Java's logarithm rounds like the C library's. See
 *       {@link #standardNormal()} for the measured difference.</li>
 * </ul>
 *
 * <p>{@link #global()} is the process-wide instance that plays the part of {@code np.random}
 * ({@code NumpyRandom.seed(231)} is {@code np.random.seed(231)}); code that wants its own stream
 * makes an instance and passes it. Instances are not
 * thread-safe: share one between threads only with your own locking.
 *
 * <p>Array-filling methods come in two forms: {@code (out, offset, count)} fills part of an
 * existing array, and {@code (int... shape)} returns a new flat row-major array holding
 * {@code prod(shape)} values, like numpy's {@code size} argument.
 */
public final class NumpyRandom {
    private static final int N = MT19937State.KEY_LENGTH;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;
    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

    private static final NumpyRandom GLOBAL = new NumpyRandom();

    private final int[] key = new int[N];
    private int pos;
    private boolean hasGauss;
    private double gauss;

    /** Seeded from the clock and the object's identity, like {@code RandomState()} (not reproducible). */
    public NumpyRandom() {
        setSeed((System.nanoTime() ^ System.identityHashCode(this)) & 0xffffffffL);
    }

    /** {@code RandomState(seed)}, seed in 0 .. 2^32-1. */
    public NumpyRandom(long seed) {
        setSeed(seed);
    }

    /** {@code RandomState(np.array(seedWords))}: every word in 0 .. 2^32-1, at least one word. */
    public NumpyRandom(long[] seedWords) {
        setSeed(seedWords);
    }

    /**
     * The process-wide instance that plays numpy's {@code np.random} module state: the default
     * stream of nets, dropout params and Solvers that are not given one.
     */
    public static NumpyRandom global() {
        return GLOBAL;
    }

    /** {@code np.random.seed(seed)}: reseeds {@link #global()}. */
    public static void seed(long seed) {
        global().setSeed(seed);
    }

    // ------------------------------------------------------------------ seeding and state

    /**
     * {@code seed(seed)}: numpy's legacy integer seeding (MT19937 {@code init_genrand}); the
     * cached Gaussian is dropped.
     *
     * @throws IllegalArgumentException unless {@code 0 <= seed <= 2^32-1} (numpy's ValueError)
     */
    public void setSeed(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1, got " + seed);
        }
        initGenrand((int) seed);
        hasGauss = false;
        gauss = 0.0;
    }

    /**
     * {@code seed(np.array(seedWords))}: numpy's legacy array seeding (MT19937
     * {@code init_by_array}); the cached Gaussian is dropped. Like numpy, a one-element array
     * is squeezed to a scalar and seeds as {@link #setSeed(long)} does.
     *
     * @throws IllegalArgumentException when the array is empty or a word is outside 0 .. 2^32-1
     */
    public void setSeed(long[] seedWords) {
        if (seedWords == null || seedWords.length == 0) {
            throw new IllegalArgumentException("seed array must be non-empty, got "
                    + (seedWords == null ? "null" : "length 0"));
        }
        if (seedWords.length == 1) {
            // numpy squeezes a one-element array to a scalar and seeds with init_genrand
            setSeed(seedWords[0]);
            return;
        }
        int[] words = new int[seedWords.length];
        for (int i = 0; i < words.length; i++) {
            long w = seedWords[i];
            if (w < 0 || w > 0xffffffffL) {
                throw new IllegalArgumentException("seed array element " + i
                        + " must be between 0 and 2**32 - 1, got " + w);
            }
            words[i] = (int) w;
        }
        initByArray(words);
        hasGauss = false;
        gauss = 0.0;
    }

    private void initGenrand(int seed) {
        int s = seed;
        for (int i = 0; i < N; i++) {
            key[i] = s;
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = N;
    }

    private void initByArray(int[] initKey) {
        initGenrand(19650218);
        int[] mt = key;
        int i = 1;
        int j = 0;
        int keyLength = initKey.length;
        for (int k = Math.max(N, keyLength); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + initKey[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= keyLength) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
        pos = N;
    }

    /** {@code get_state()}: a snapshot that {@link #setState} can resume from. */
    public MT19937State getState() {
        return new MT19937State(key, pos, hasGauss, gauss);
    }

    /** {@code set_state(state)}: continues exactly where {@code state} was taken. */
    public void setState(MT19937State state) {
        if (state == null) {
            throw new IllegalArgumentException("state must not be null");
        }
        System.arraycopy(state.keyNoCopy(), 0, key, 0, N);
        pos = state.pos();
        hasGauss = state.hasGauss();
        gauss = state.gauss();
    }

    // ------------------------------------------------------------------ raw words

    /** Regenerates all 624 words (the standard MT19937 "genrand" step). */
    private void refill() {
        int[] mt = key;
        int i = 0;
        int y;
        for (; i < N - M; i++) {
            y = (mt[i] & UPPER_MASK) | (mt[i + 1] & LOWER_MASK);
            mt[i] = mt[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; i < N - 1; i++) {
            y = (mt[i] & UPPER_MASK) | (mt[i + 1] & LOWER_MASK);
            mt[i] = mt[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        pos = 0;
    }

    /** The next 32-bit output ({@code mt19937_next32}), as a Java int (bits of numpy's uint32). */
    public int nextInt32() {
        if (pos == N) {
            refill();
        }
        return temper(key[pos++]);
    }

    /** The next 64-bit output ({@code mt19937_next64}: first word high, second word low). */
    public long nextInt64() {
        long hi = Integer.toUnsignedLong(nextInt32());
        return hi << 32 | Integer.toUnsignedLong(nextInt32());
    }

    // ------------------------------------------------------------------ uniform doubles

    /**
     * {@code random_sample()}: a double in [0, 1) from two words,
     * {@code ((a >> 5) * 67108864 + (b >> 6)) / 9007199254740992}.
     */
    public double randomSample() {
        long a = nextInt32() >>> 5;
        long b = nextInt32() >>> 6;
        return (a << 26 | b) * TWO_POW_MINUS_53; // exact: same value as numpy's expression
    }

    /** {@code rand(n)} into {@code out[off .. off+n)}. */
    public void rand(double[] out, int off, int n) {
        checkRange("out", out == null ? -1 : out.length, off, n);
        int i = off;
        int end = off + n;
        int[] mt = key;
        while (i < end) {
            if (N - pos < 2) {
                out[i++] = randomSample(); // the pair straddles a refill (or pos == N)
                continue;
            }
            // as many doubles as the words left before the next refill allow, without re-checking pos
            int count = Math.min(end - i, (N - pos) >>> 1);
            int p = pos;
            for (int stop = i + count; i < stop; i++, p += 2) {
                long a = temper(mt[p]) >>> 5;
                long b = temper(mt[p + 1]) >>> 6;
                out[i] = (a << 26 | b) * TWO_POW_MINUS_53;
            }
            pos = p;
        }
    }

    /** MT19937 output tempering of one state word. */
    private static int temper(int y) {
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        return y ^ (y >>> 18);
    }

    /** {@code np.random.rand(*shape)} as a new flat row-major array. */
    public double[] rand(int... shape) {
        double[] out = new double[size(shape)];
        rand(out, 0, out.length);
        return out;
    }

    /** {@code rand(n)} into a float array (each double draw rounded to float: {@code .astype(np.float32)}). */
    public void rand(float[] out, int off, int n) {
        checkRange("out", out == null ? -1 : out.length, off, n);
        for (int i = off, end = off + n; i < end; i++) {
            out[i] = (float) randomSample();
        }
    }

    /** {@code uniform(low, high)}: {@code low + (high - low) * random_sample()}. */
    public double uniform(double low, double high) {
        return low + (high - low) * randomSample();
    }

    /** {@code uniform(low, high, n)} into {@code out[off .. off+n)}. */
    public void uniform(double low, double high, double[] out, int off, int n) {
        checkRange("out", out == null ? -1 : out.length, off, n);
        double range = high - low;
        if (!Double.isFinite(range)) {
            throw new IllegalArgumentException("high - low must be finite (numpy: OverflowError), got "
                    + high + " - " + low);
        }
        for (int i = off, end = off + n; i < end; i++) {
            out[i] = low + range * randomSample();
        }
    }

    /** {@code uniform(low, high, size=shape)} as a new flat array. */
    public double[] uniform(double low, double high, int... shape) {
        double[] out = new double[size(shape)];
        uniform(low, high, out, 0, out.length);
        return out;
    }

    // ------------------------------------------------------------------ Gaussians

    /**
     * {@code standard_normal()} / {@code randn()}: numpy's {@code legacy_gauss}. Draws pairs
     * {@code x1, x2} uniform in (-1, 1) until {@code 0 < r2 = x1^2 + x2^2 < 1}, returns
     * {@code f * x2} with {@code f = sqrt(-2 log(r2) / r2)} and keeps {@code f * x1} for the next
     * call.
     *
     * <p>Exactness: the only operation that is not correctly rounded in both languages is
     * {@code log}. {@link Log#log} is the logarithm that matched glibc best (see its comment
     * for the counts measured over numpy's 250 000-value {@code randn(500, 500)} block).
     */
    public double standardNormal() {
        if (hasGauss) {
            double cached = gauss;
            hasGauss = false;
            gauss = 0.0;
            return cached;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * randomSample() - 1.0;
            x2 = 2.0 * randomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Log.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code randn(n)} into {@code out[off .. off+n)}. */
    public void randn(double[] out, int off, int n) {
        checkRange("out", out == null ? -1 : out.length, off, n);
        for (int i = off, end = off + n; i < end; i++) {
            out[i] = standardNormal();
        }
    }

    /** {@code np.random.randn(*shape)} as a new flat row-major array. */
    public double[] randn(int... shape) {
        double[] out = new double[size(shape)];
        randn(out, 0, out.length);
        return out;
    }

    /** {@code normal(loc, scale)}: {@code loc + scale * standard_normal()} (scale >= 0). */
    public double normal(double loc, double scale) {
        checkScale(scale);
        return loc + scale * standardNormal();
    }

    /** {@code normal(loc, scale, n)} into {@code out[off .. off+n)}. */
    public void normal(double loc, double scale, double[] out, int off, int n) {
        checkScale(scale);
        checkRange("out", out == null ? -1 : out.length, off, n);
        for (int i = off, end = off + n; i < end; i++) {
            out[i] = loc + scale * standardNormal();
        }
    }

    /** {@code normal(loc, scale, size=shape)} as a new flat array. */
    public double[] normal(double loc, double scale, int... shape) {
        double[] out = new double[size(shape)];
        normal(loc, scale, out, 0, out.length);
        return out;
    }

    private static void checkScale(double scale) {
        if (!(scale >= 0.0)) {
            throw new IllegalArgumentException("scale must be >= 0, got " + scale);
        }
    }

    // ------------------------------------------------------------------ integers

    /**
     * {@code randint(low, high)} (int64, high exclusive): numpy's legacy masked rejection
     * sampling on {@code range = high - 1 - low}. Ranges that fit in 32 bits use one 32-bit word
     * per try, larger ones one 64-bit word.
     *
     * @throws IllegalArgumentException when low >= high (numpy's ValueError)
     */
    public long randint(long low, long high) {
        checkLowHigh(low, high);
        return low + bounded(high - 1 - low);
    }

    /** {@code randint(low, high, n)} into {@code out[off .. off+n)}. */
    public void randint(long low, long high, long[] out, int off, int n) {
        checkLowHigh(low, high);
        checkRange("out", out == null ? -1 : out.length, off, n);
        long range = high - 1 - low;
        for (int i = off, end = off + n; i < end; i++) {
            out[i] = low + bounded(range);
        }
    }

    /** {@code randint(low, high, size=shape)} as a new flat array of int64 values. */
    public long[] randint(long low, long high, int... shape) {
        long[] out = new long[size(shape)];
        randint(low, high, out, 0, out.length);
        return out;
    }

    /** {@code randint(low, high, n)} into an int array (same stream; low and high must be ints). */
    public void randint(int low, int high, int[] out, int off, int n) {
        checkLowHigh(low, high);
        checkRange("out", out == null ? -1 : out.length, off, n);
        long range = (long) high - 1 - low;
        for (int i = off, end = off + n; i < end; i++) {
            out[i] = (int) (low + bounded(range));
        }
    }

    /**
     * A value in [0, range] (range read as unsigned 64-bit): numpy's
     * {@code random_bounded_uint64_fill} with {@code use_masked=True}.
     */
    private long bounded(long range) {
        if (range == 0) {
            return 0;
        }
        if (Long.compareUnsigned(range, 0xffffffffL) <= 0) {
            if (range == 0xffffffffL) {
                return Integer.toUnsignedLong(nextInt32());
            }
            long mask = mask(range);
            long value;
            do {
                value = Integer.toUnsignedLong(nextInt32()) & mask;
            } while (value > range);
            return value;
        }
        if (range == -1L) {
            return nextInt64();
        }
        long mask = mask(range);
        long value;
        do {
            value = nextInt64() & mask;
        } while (Long.compareUnsigned(value, range) > 0);
        return value;
    }

    /** Smallest all-ones bit mask >= max (numpy's {@code gen_mask}). */
    private static long mask(long max) {
        return max == 0 ? 0 : -1L >>> Long.numberOfLeadingZeros(max);
    }

    /** numpy's {@code random_interval(max)}: a value in [0, max], used by shuffle. */
    private long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = mask(max);
        long value;
        if (max <= 0xffffffffL) {
            do {
                value = Integer.toUnsignedLong(nextInt32()) & mask;
            } while (value > max);
        } else {
            do {
                value = nextInt64() & mask;
            } while (Long.compareUnsigned(value, max) > 0);
        }
        return value;
    }

    private static void checkLowHigh(long low, long high) {
        if (low >= high) {
            throw new IllegalArgumentException("low must be < high (high is exclusive), got low="
                    + low + ", high=" + high);
        }
    }

    // ------------------------------------------------------------------ permutations

    /**
     * {@code shuffle(x)} for a 1-D array section: numpy's legacy Fisher–Yates, for i from n-1
     * down to 1 swap element i with element {@code random_interval(i)}.
     */
    public void shuffle(int[] a, int off, int n) {
        checkRange("a", a == null ? -1 : a.length, off, n);
        for (int i = n - 1; i >= 1; i--) {
            int j = (int) interval(i);
            int t = a[off + j];
            a[off + j] = a[off + i];
            a[off + i] = t;
        }
    }

    /** {@link #shuffle(int[], int, int)} for long elements. */
    public void shuffle(long[] a, int off, int n) {
        checkRange("a", a == null ? -1 : a.length, off, n);
        for (int i = n - 1; i >= 1; i--) {
            int j = (int) interval(i);
            long t = a[off + j];
            a[off + j] = a[off + i];
            a[off + i] = t;
        }
    }

    /** {@link #shuffle(int[], int, int)} for double elements. */
    public void shuffle(double[] a, int off, int n) {
        checkRange("a", a == null ? -1 : a.length, off, n);
        for (int i = n - 1; i >= 1; i--) {
            int j = (int) interval(i);
            double t = a[off + j];
            a[off + j] = a[off + i];
            a[off + i] = t;
        }
    }

    /**
     * {@code shuffle(x)} for a 2-D row-major array {@code rows x rowLength} at {@code off}:
     * shuffles whole rows with the same random sequence numpy uses for {@code x.ndim > 1}.
     */
    public void shuffleRows(double[] a, int off, int rows, int rowLength) {
        if (rowLength < 0) {
            throw new IllegalArgumentException("rowLength must be >= 0, got " + rowLength);
        }
        checkRange("a", a == null ? -1 : a.length, off, Math.multiplyExact(rows, rowLength));
        double[] buf = new double[rowLength];
        for (int i = rows - 1; i >= 1; i--) {
            int j = (int) interval(i);
            System.arraycopy(a, off + j * rowLength, buf, 0, rowLength);
            System.arraycopy(a, off + i * rowLength, a, off + j * rowLength, rowLength);
            System.arraycopy(buf, 0, a, off + i * rowLength, rowLength);
        }
    }

    /** {@code permutation(n)}: {@code arange(n)} shuffled. */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a, 0, n);
        return a;
    }

    /**
     * {@code choice(n, size, replace)} into {@code out[off .. off+size)}: with replacement
     * {@code randint(0, n, size)}; without, {@code permutation(n)[:size]} (legacy RandomState).
     */
    public void choice(int n, boolean replace, int[] out, int off, int size) {
        if (n <= 0) {
            throw new IllegalArgumentException("n (population size) must be > 0, got " + n);
        }
        checkRange("out", out == null ? -1 : out.length, off, size);
        if (replace) {
            randint(0, n, out, off, size);
        } else {
            if (size > n) {
                throw new IllegalArgumentException("size must be <= n when replace=false "
                        + "(Cannot take a larger sample than population), got size=" + size + ", n=" + n);
            }
            int[] perm = permutation(n);
            System.arraycopy(perm, 0, out, off, size);
        }
    }

    /** {@code choice(n, size, replace)} as a new array of indices. */
    public int[] choice(int n, int size, boolean replace) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
        int[] out = new int[size];
        choice(n, replace, out, 0, size);
        return out;
    }

    // ------------------------------------------------------------------ helpers

    /** Number of elements of {@code shape} (numpy's {@code size}); no dimensions means 1 value. */
    static int size(int... shape) {
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape[" + i + "] must be >= 0, got " + shape[i]);
            }
            count *= shape[i];
            if (count > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape)
                        + " has more elements than a Java array holds");
            }
        }
        return (int) count;
    }

    private static void checkRange(String name, int arrayLength, int off, int n) {
        if (arrayLength < 0) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (n < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + n);
        }
        if (off < 0) {
            throw new IllegalArgumentException(name + " offset must be >= 0, got " + off);
        }
        if ((long) off + n > arrayLength) {
            throw new IllegalArgumentException(name + " too short: need " + ((long) off + n)
                    + " elements (offset " + off + " + count " + n + "), got " + arrayLength);
        }
    }
}
