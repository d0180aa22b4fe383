package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.DropoutMaskKernel;
import dev.vecnn.kernels.internal.Pool;
import dev.vecnn.kernels.internal.ScalarDropoutMask;
import dev.vecnn.random.Philox4x32;
import java.util.function.IntConsumer;

/**
 * Inverted-dropout masks from a counter-based generator: mask, scale and multiply in one pass,
 * {@code out = x * mask} with {@code mask = keep ? 1/p : 0} (numpy: {@code mask = (rand < p) / p;
 * out = x * mask}). {@code keepProb} is the probability of KEEPING a unit, as in the CS231n
 * assignment ({@code p = 1} means no dropout); PyTorch's {@code p} is the drop probability.
 *
 * <h2>The keep decision</h2>
 * Whether element {@code i} (index into the flattened activation) of mask {@code layer} at
 * training step {@code step} is kept is a pure function of {@code (seed, layer, step, i)}, so
 * the same mask comes out for any thread count, SIMD width or chunking, and the backward pass
 * can recompute it instead of storing it:
 * <ul>
 *   <li>elements are taken in groups of 64: {@code g = i / 64}, {@code r = i % 64};</li>
 *   <li>{@code word} = word {@code (r / 8) % 4} of Philox4x32-10 with counter
 *       {@code (8 g + r % 8, layer, step_lo32, step_hi32)} and key
 *       {@code (seed_lo32, seed_hi32)};</li>
 *   <li>{@code half} = the low 16 bits of {@code word} for {@code r < 32}, the high 16 bits for
 *       {@code r >= 32} (so one block's 4 words give 8 decisions, 8 blocks the 64 of a group, and
 *       a SIMD lane per block yields elements 8 apart that a lane-wise shift packs into bits);</li>
 *   <li>keep iff {@code half < ceil(keepProb * 2^16)}, i.e. iff the uniform
 *       {@code u = half / 2^16} satisfies {@code u < keepProb}. The keep fraction is
 *       {@code ceil(keepProb 2^16) / 2^16}: at most 2^-16 (1.5e-5) above keepProb, and exact
 *       for multiples of 2^-16 such as 0.25, 0.5, 0.75. (16-bit uniforms take two decisions from
 *       each Philox word, halving the generator's cost; the bias is 10x below the 4-sigma
 *       noise of 10^7 draws, which the tests check.)</li>
 * </ul>
 * A group's 64 decisions are also one {@code long} of the packed bitmask (bit {@code r} of
 * {@code bits[g]}), which forward can write (1 bit per element) and backward can read.
 *
 * <p>Multi-threaded methods split the elements into runs of whole chunks of {@link #CHUNK} (a
 * multiple of 64, so no two threads write the same bitmask word), at most 4 runs per thread of
 * {@link Parallel}; no call allocates more than those few task objects (the call's arguments
 * sit in a per-thread {@code Job}).
 */
public final class DropoutMasks {
    /** Parallel tasks cover whole chunks of this many elements (a multiple of 64). */
    public static final int CHUNK = 1 << 15;

    /** At most this many parallel tasks per thread of {@link Parallel}. */
    private static final int TASKS_PER_THREAD = 4;

    static final DropoutMaskKernel IMPL = VectorSupport.choose(DropoutMaskKernel.class,
            "dev.vecnn.kernels.simd.SimdDropoutMask", new ScalarDropoutMask());

    private DropoutMasks() {}

    /**
     * The 16-bit keep threshold {@code ceil(keepProb * 2^16)}, 1 .. 2^16.
     *
     * @param keepProb probability of keeping a unit, in (0, 1]
     */
    public static int threshold(double keepProb) {
        KeepProbability.check("keepProb", keepProb);
        return (int) Math.ceil(keepProb * 0x1p16);
    }

    /** Number of {@code long}s of a packed bitmask for {@code n} elements. */
    public static int bitsLength(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        return (n + 63) >>> 6;
    }

    /**
     * Whether element {@code index} of mask {@code layer} at {@code step} is kept (the
     * definition above, computed directly; for tests and for reading single decisions).
     */
    public static boolean keep(long seed, int layer, long step, double keepProb, long index) {
        int threshold = threshold(keepProb);
        long g = index >>> 6;
        int r = (int) (index & 63);
        int word = Philox4x32.word((int) ((g << 3) | (r & 7)), layer, (int) step, (int) (step >>> 32),
                (int) seed, (int) (seed >>> 32), (r >>> 3) & 3);
        int half = r < 32 ? word & 0xffff : word >>> 16;
        return half < threshold;
    }

    // ------------------------------------------------------------------ multi-threaded

    /**
     * Forward, multi-threaded: {@code out[outOff+i] = x[xOff+i] * (keep(i) ? 1/keepProb : 0)}
     * for i in [0, n), and, when {@code bits} is not null, the packed keep bits into
     * {@code bits[0 .. bitsLength(n))}. {@code x} and {@code out} may be the same array.
     *
     * @param keepProb probability of keeping a unit, in (0, 1]
     */
    public static void forward(long seed, int layer, long step, double keepProb, int n,
            float[] x, int xOff, float[] out, int outOff, long[] bits) {
        forwardAll(seed, layer, step, keepProb, n, x, xOff, out, outOff, bits);
    }

    /** Double version of {@link #forward(long, int, long, double, int, float[], int, float[], int, long[])}. */
    public static void forward(long seed, int layer, long step, double keepProb, int n,
            double[] x, int xOff, double[] out, int outOff, long[] bits) {
        forwardAll(seed, layer, step, keepProb, n, x, xOff, out, outOff, bits);
    }

    /**
     * Backward by regenerating the mask: {@code dx = dout * mask}, the same computation as
     * forward with the same (seed, layer, step, keepProb).
     */
    public static void backward(long seed, int layer, long step, double keepProb, int n,
            float[] dout, int doutOff, float[] dx, int dxOff) {
        forwardAll(seed, layer, step, keepProb, n, dout, doutOff, dx, dxOff, null);
    }

    /** Double version of {@link #backward(long, int, long, double, int, float[], int, float[], int)}. */
    public static void backward(long seed, int layer, long step, double keepProb, int n,
            double[] dout, int doutOff, double[] dx, int dxOff) {
        forwardAll(seed, layer, step, keepProb, n, dout, doutOff, dx, dxOff, null);
    }

    /**
     * Backward from a packed bitmask written by forward: {@code dx = dout * (bit ? 1/keepProb : 0)}.
     *
     * @param keepProb the forward pass's probability of keeping a unit, in (0, 1]
     */
    public static void backward(double keepProb, int n, long[] bits, float[] dout, int doutOff,
            float[] dx, int dxOff) {
        backwardAll(keepProb, n, bits, dout, doutOff, dx, dxOff);
    }

    /** Double version of {@link #backward(double, int, long[], float[], int, float[], int)}. */
    public static void backward(double keepProb, int n, long[] bits, double[] dout, int doutOff,
            double[] dx, int dxOff) {
        backwardAll(keepProb, n, bits, dout, doutOff, dx, dxOff);
    }

    /** {@link #forward} for either precision: x and out are both float[] or both double[]. */
    private static void forwardAll(long seed, int layer, long step, double keepProb, int n,
            Object x, int xOff, Object out, int outOff, long[] bits) {
        int threshold = threshold(keepProb);
        checkArrays(n, length(x), xOff, length(out), outOff, bits, false);
        Job job = JOBS.get();
        job.set(seed, layer, step, threshold, n, bits, null, x, xOff, 1.0 / keepProb, out, outOff);
        job.run();
    }

    /** {@link #backward(double, int, long[], float[], int, float[], int)} for either precision. */
    private static void backwardAll(double keepProb, int n, long[] bits, Object dout, int doutOff,
            Object dx, int dxOff) {
        threshold(keepProb);
        checkArrays(n, length(dout), doutOff, length(dx), dxOff, bits, true);
        Job job = JOBS.get();
        job.set(0, 0, 0, 0, n, null, bits, dout, doutOff, 1.0 / keepProb, dx, dxOff);
        job.run();
    }

    /** Length of a float[] or double[], -1 for null. */
    private static int length(Object array) {
        return array == null ? -1 : java.lang.reflect.Array.getLength(array);
    }

    /**
     * The arguments of one multi-threaded call, read by its parallel tasks. One per calling
     * thread, reused, so that a call allocates only the pool's task objects (a capturing lambda
     * per call was ~70 bytes). A thread makes one call at a time (the task bodies never call
     * back into this class), and the arrays are cleared when the call returns.
     */
    private static final class Job implements IntConsumer {
        long seed;
        int layer;
        long step;
        int threshold;
        int n;
        int tasks;
        long[] bitsOut;
        long[] bitsIn;
        Object x;
        int xOff;
        double scale;
        Object out;
        int outOff;

        void set(long seed, int layer, long step, int threshold, int n, long[] bitsOut, long[] bitsIn,
                Object x, int xOff, double scale, Object out, int outOff) {
            this.seed = seed;
            this.layer = layer;
            this.step = step;
            this.threshold = threshold;
            this.n = n;
            this.tasks = tasks(n);
            this.bitsOut = bitsOut;
            this.bitsIn = bitsIn;
            this.x = x;
            this.xOff = xOff;
            this.scale = scale;
            this.out = out;
            this.outOff = outOff;
        }

        /** Runs the tasks on {@link Parallel}, then drops the array references. */
        void run() {
            try {
                Pool.forEach(tasks, this);
            } finally {
                bitsOut = null;
                bitsIn = null;
                x = null;
                out = null;
            }
        }

        @Override
        public void accept(int t) {
            int start = taskStart(t, tasks, n);
            int len = taskStart(t + 1, tasks, n) - start;
            DropoutMasks.run(IMPL, seed, layer, step, threshold, start, len, x, xOff + start, scale,
                    out, outOff + start, bitsOut, bitsIn);
        }
    }

    private static final ThreadLocal<Job> JOBS = ThreadLocal.withInitial(Job::new);

    // ------------------------------------------------------------------ one range, calling thread

    /**
     * Forward for elements {@code [i0, i0 + n)} of the mask on the calling thread:
     * {@code out[outOff + j] = x[xOff + j] * mask(i0 + j)}; bits (if not null) are indexed by
     * element number, {@code bits[(i0 + j) / 64]}, and only the bits of this range change.
     */
    public static void forwardRange(long seed, int layer, long step, double keepProb, long i0, int n,
            float[] x, int xOff, float[] out, int outOff, long[] bits) {
        forwardRangeAll(seed, layer, step, keepProb, i0, n, x, xOff, out, outOff, bits);
    }

    /** Double version of {@link #forwardRange(long, int, long, double, long, int, float[], int, float[], int, long[])}. */
    public static void forwardRange(long seed, int layer, long step, double keepProb, long i0, int n,
            double[] x, int xOff, double[] out, int outOff, long[] bits) {
        forwardRangeAll(seed, layer, step, keepProb, i0, n, x, xOff, out, outOff, bits);
    }

    private static void forwardRangeAll(long seed, int layer, long step, double keepProb, long i0, int n,
            Object x, int xOff, Object out, int outOff, long[] bits) {
        int threshold = threshold(keepProb);
        checkRange(i0, n, length(x), xOff, length(out), outOff, bits);
        run(IMPL, seed, layer, step, threshold, i0, n, x, xOff, 1.0 / keepProb, out, outOff, bits, null);
    }

    // ------------------------------------------------------------------ the loop over groups

    /**
     * Elements [i0, i0+n): x and out (both float[] or both double[]) offsets refer to element i0;
     * {@code scale = 1 / keepProb}, used as {@code (float) scale} for float arrays. Bits come
     * from the generator (bitsIn == null) or from bitsIn; they are stored into bitsOut when it is
     * not null. Whole groups go through the kernel in one call (generate and apply fused); a
     * partial group at either end is generated whole by the scalar definition and applied element
     * by element.
     */
    static void run(DropoutMaskKernel kernel, long seed, int layer, long step, int threshold,
            long i0, int n, Object x, int xOff, double scale, Object out, int outOff,
            long[] bitsOut, long[] bitsIn) {
        int key0 = (int) seed;
        int key1 = (int) (seed >>> 32);
        int stepLo = (int) step;
        int stepHi = (int) (step >>> 32);
        long end = i0 + n;
        long i = i0;
        while (i < end) {
            long group = i >>> 6;
            long groupStart = group << 6;
            int rel = (int) (i - i0);
            if (i != groupStart || end - i < 64) {
                long hi = Math.min(end, groupStart + 64);
                long bits = bitsIn != null ? bitsIn[(int) group]
                        : ScalarDropoutMask.groupBits(key0, key1, layer, stepLo, stepHi, threshold, group);
                int from = (int) (i - groupStart);
                int to = (int) (hi - groupStart);
                if (x instanceof float[]) {
                    applyPart(bits, from, to, (float[]) x, xOff + rel - from, (float) scale, (float[]) out, outOff + rel - from);
                } else {
                    applyPart(bits, from, to, (double[]) x, xOff + rel - from, scale, (double[]) out, outOff + rel - from);
                }
                if (bitsOut != null) {
                    storeBits(bitsOut, group, bits, from, to);
                }
                i = hi;
                continue;
            }
            int groups = (int) ((end - i) >>> 6);
            if (x instanceof float[]) {
                float[] xf = (float[]) x;
                float[] outF = (float[]) out;
                if (bitsIn != null) {
                    kernel.applyBits(bitsIn, (int) group, groups, xf, xOff + rel, (float) scale, outF, outOff + rel);
                } else {
                    kernel.forward(key0, key1, layer, stepLo, stepHi, threshold, group, groups, xf, xOff + rel,
                            (float) scale, outF, outOff + rel, bitsOut, (int) group);
                }
            } else {
                double[] xd = (double[]) x;
                double[] outD = (double[]) out;
                if (bitsIn != null) {
                    kernel.applyBits(bitsIn, (int) group, groups, xd, xOff + rel, scale, outD, outOff + rel);
                } else {
                    kernel.forward(key0, key1, layer, stepLo, stepHi, threshold, group, groups, xd, xOff + rel,
                            scale, outD, outOff + rel, bitsOut, (int) group);
                }
            }
            i += (long) groups << 6;
        }
    }

    /** {@code out[outOff + r] = x[xOff + r] * (bit r of bits ? scale : 0)} for r in [from, to). */
    private static void applyPart(long bits, int from, int to, float[] x, int xOff, float scale, float[] out, int outOff) {
        for (int r = from; r < to; r++) out[outOff + r] = x[xOff + r] * (((bits >>> r) & 1) != 0 ? scale : 0f);
    }

    /** Double version of {@link #applyPart(long, int, int, float[], int, float, float[], int)}. */
    private static void applyPart(long bits, int from, int to, double[] x, int xOff, double scale, double[] out, int outOff) {
        for (int r = from; r < to; r++) out[outOff + r] = x[xOff + r] * (((bits >>> r) & 1) != 0 ? scale : 0.0);
    }

    /** bitsOut[group] takes bits from..to-1 of {@code bits}; the others stay. */
    private static void storeBits(long[] bitsOut, long group, long bits, int from, int to) {
        long range = (to - from == 64 ? -1L : (1L << (to - from)) - 1) << from;
        int w = (int) group;
        bitsOut[w] = (bitsOut[w] & ~range) | (bits & range);
    }

    /**
     * Number of parallel tasks: one per chunk, but at most {@link #TASKS_PER_THREAD} per thread
     * (every task is an object the pool allocates; a few per thread balance the load).
     */
    private static int tasks(int n) {
        return (int) Math.min(chunks(n), (long) TASKS_PER_THREAD * Pool.threads());
    }

    private static long chunks(int n) {
        return ((long) n + CHUNK - 1) / CHUNK;
    }

    /** First element of task {@code t} of {@code tasks}: a whole number of chunks ({@code n} for t = tasks). */
    private static int taskStart(int t, int tasks, int n) {
        return (int) Math.min(n, chunks(n) * t / tasks * CHUNK);
    }

    private static void checkArrays(int n, int inLength, int inOff, int outLength, int outOff,
            long[] bits, boolean bitsRequired) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        checkArray("input", inLength, inOff, n);
        checkArray("output", outLength, outOff, n);
        if (bits == null && bitsRequired) {
            throw new IllegalArgumentException("bits must not be null");
        }
        if (bits != null && bits.length < bitsLength(n)) {
            throw new IllegalArgumentException("bits too short: need " + bitsLength(n)
                    + " longs for " + n + " elements, got " + bits.length);
        }
    }

    private static void checkRange(long i0, int n, int inLength, int inOff, int outLength, int outOff, long[] bits) {
        if (i0 < 0 || i0 + n > (1L << 35)) {
            throw new IllegalArgumentException("i0 must be in 0 .. 2^35 - n (counter word 0 = i / 8 is 32 bits), got " + i0);
        }
        checkArrays(n, inLength, inOff, outLength, outOff, null, false);
        if (bits != null && n > 0 && bits.length <= (i0 + n - 1) >>> 6) {
            throw new IllegalArgumentException("bits too short: need " + (((i0 + n - 1) >>> 6) + 1)
                    + " longs for elements up to " + (i0 + n - 1) + ", got " + bits.length);
        }
    }

    private static void checkArray(String name, int length, int off, int n) {
        if (length < 0) {
            throw new IllegalArgumentException(name + " array must not be null");
        }
        if (off < 0) {
            throw new IllegalArgumentException(name + " offset must be >= 0, got " + off);
        }
        if ((long) off + n > length) {
            throw new IllegalArgumentException(name + " array too short: need " + ((long) off + n)
                    + " elements (offset " + off + " + n " + n + "), got " + length);
        }
    }
}
