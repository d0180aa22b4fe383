package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.internal.DropoutMaskKernel;
import dev.vecnn.random.Philox4x32;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD dropout-mask kernel (Vector API).
 *
 * <p>{@link #maskBits} and {@link #forward}: each int lane runs Philox4x32-10 on one counter; a group of 64 elements
 * is 8 consecutive counters, and the two 16-bit halves of the 4 output words of the lane for
 * block b decide elements {@code 8w + b} (low half) and {@code 32 + 8w + b} (high half). A pass
 * runs two lane sets (two groups with 8 int lanes, the two halves of a group with 4) through
 * the ten rounds ({@link #philox}; {@link #rounds} runs one round of one set with the state
 * in locals: two independent 32x32 -> 64-bit products, whose multiply chains the core overlaps,
 * then the xor step).
 *
 * <p>Boxing-proof layout. C2 unboxes a vector only where it knows its exact class
 * ({@code Int256Vector}, ...). Vector API factories ({@code fromArray}, ...) and any call C2
 * inlines late (it does once a method passes NodeCountInliningCutoff) are typed only
 * {@code IntVector}; a loop phi too. C2 then guesses the class from the shared type profile and
 * guards the guess with an uncommon trap, but when the compile has "too many" class-check traps
 * (C2 adds up the trap counts of every inlined copy of helpers such as
 * {@code VectorOperators.opKind}, polluted by the other kernels of a training step: counts of
 * 260 against a limit of 100 were seen) it falls back to a virtual call, and every vector of
 * the method is boxed: ~390 bytes per mask element on JDK 17 in the training step, while the
 * mask alone was allocation-free. So here: (1) every vector made is at once checked with
 * {@code if (v.getClass() != INT_CLASS) throw}, after which C2 types it exactly without any
 * profile (the check folds away once the type is known, it costs nothing); hence the
 * three-address code; (2) no vector crosses a loop back-edge or a method boundary: the Philox
 * state lives in a per-thread {@code int[]} ({@link #STATE}) between calls and the methods take
 * arrays and scalars only, so each method is a small compile of its own whichever way C2
 * inlines them.
 *
 * <p>The 32x32 -> 64-bit products come from four 16x16-bit partial products (the Vector API has
 * no unsigned high multiply for int lanes): with {@code a = aHi 2^16 + aLo},
 * {@code M = mHi 2^16 + mLo} and {@code ll = aLo mLo}, {@code t = (ll >>> 16) + aLo mHi} and
 * {@code u = (t & 0xffff) + aHi mLo} cannot overflow 32 bits, {@code hi = aHi mHi + (t >>> 16)
 * + (u >>> 16)} and {@code lo = (u << 16) | (ll & 0xffff)}. (Measured on Zen 3: a fifth multiply
 * for lo is no faster; LongVector products are 1.5x slower on JDK 17, no faster on JDK 25.)
 *
 * <p>Keep bits ({@link #setBits}): {@code ((half - threshold) >>> 31)} is 1 where the 16-bit
 * half is below the threshold; it is shifted to its bit position with a per-lane shift and the
 * lanes are OR-reduced into the group's 64-bit word.
 *
 * <p>{@link #applyBits}, and {@link #forward} right after each pass while the pass's words are
 * in L1 ({@link #applyWord}): for each vector of x the group's bits are broadcast, ANDed with
 * the lane's own bit and compared with zero, giving the lane mask; {@code out = x * blend(0, scale)}.
 */
public final class SimdDropoutMask implements DropoutMaskKernel {
    /**
     * 8 int lanes where the width in use ({@link Species}) is 256 bits or more, else 4 (128-bit).
     * The keep bits do not depend on it (the same counters decide the same elements).
     */
    private static final VectorSpecies<Integer> INT = Species.BITS >= 256
            ? IntVector.SPECIES_256 : IntVector.SPECIES_128;
    private static final int LANES = INT.length();
    /** Groups of 64 elements covered by the two lane sets of one pass: 2 (8 lanes) or 1 (4 lanes). */
    private static final int PASS_GROUPS = 2 * LANES / 8;
    private static final VectorSpecies<Float> FLOAT = Species.FLOATS.length() <= 16
            ? Species.FLOATS : FloatVector.SPECIES_512;
    private static final VectorSpecies<Integer> FLOAT_BITS =
            VectorSpecies.of(int.class, VectorShape.forBitSize(FLOAT.length() * 32));
    private static final VectorSpecies<Double> DOUBLE = Species.DOUBLES.length() <= 16
            ? Species.DOUBLES : DoubleVector.SPECIES_512;
    private static final VectorSpecies<Long> DOUBLE_BITS =
            VectorSpecies.of(long.class, VectorShape.forBitSize(DOUBLE.length() * 64));

    /**
     * The concrete classes of the vectors above, for {@code if (v.getClass() != X_CLASS) throw}:
     * C2 types v exactly after such a check (see the class comment).
     */
    private static final Class<?> INT_CLASS = IntVector.zero(INT).getClass();
    private static final Class<?> FLOAT_CLASS = FloatVector.zero(FLOAT).getClass();
    private static final Class<?> FLOAT_BITS_CLASS = IntVector.zero(FLOAT_BITS).getClass();
    private static final Class<?> DOUBLE_CLASS = DoubleVector.zero(DOUBLE).getClass();
    private static final Class<?> DOUBLE_BITS_CLASS = LongVector.zero(DOUBLE_BITS).getClass();
    private static final Class<?> FLOAT_BITS_MASK_CLASS =
            IntVector.zero(FLOAT_BITS).compare(VectorOperators.NE, 0).getClass();
    private static final Class<?> FLOAT_MASK_CLASS = FloatVector.zero(FLOAT).compare(VectorOperators.NE, 0f).getClass();
    private static final Class<?> DOUBLE_BITS_MASK_CLASS =
            LongVector.zero(DOUBLE_BITS).compare(VectorOperators.NE, 0L).getClass();
    private static final Class<?> DOUBLE_MASK_CLASS = DoubleVector.zero(DOUBLE).compare(VectorOperators.NE, 0.0).getClass();

    /** 0, 1, 2, ... (loaded with fromArray: addIndex is not intrinsified on JDK 17). */
    private static final int[] IOTA = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    /**
     * Bit position, within its group's low (or high) 32 bits, of word {@code w}'s half in lane
     * {@code b}: {@code SHIFT[16 w + b] = 8 w + b}; from {@code SHIFT_B_OFF} on the same plus 4
     * (set B of a 4-lane pass holds blocks 4..7 of the group).
     */
    private static final int[] SHIFT = new int[128];
    private static final int SHIFT_B_OFF = 64;
    /** {@code 1 << lane}. */
    private static final int[] INT_LANE_BIT = new int[16];
    private static final long[] LONG_LANE_BIT = new long[16];

    static {
        for (int i = 0; i < 16; i++) {
            INT_LANE_BIT[i] = 1 << i;
            LONG_LANE_BIT[i] = 1L << i;
            for (int w = 0; w < 4; w++) {
                SHIFT[16 * w + i] = 8 * w + i;
                SHIFT[SHIFT_B_OFF + 16 * w + i] = 8 * w + i + 4;
            }
        }
    }

    /**
     * Philox state of one pass, rows of LANES ints: set A's counter words 0..3, then set B's.
     * Per thread: the kernel runs on the pool's threads at once; a thread's array is made once.
     */
    private static final ThreadLocal<int[]> STATE = ThreadLocal.withInitial(() -> new int[8 * LANES]);

    private static final int M0_LO = Philox4x32.M0 & 0xffff;
    private static final int M0_HI = Philox4x32.M0 >>> 16;
    private static final int M1_LO = Philox4x32.M1 & 0xffff;
    private static final int M1_HI = Philox4x32.M1 >>> 16;

    public SimdDropoutMask() {}

    @Override
    public void maskBits(int key0, int key1, int layer, int stepLo, int stepHi, int threshold,
            long firstGroup, int groups, long[] bits, int bitsOff) {
        generate(key0, key1, layer, stepLo, stepHi, threshold, firstGroup, groups, bits, bitsOff,
                null, 0, 0f, null, 0, null, 0, 0.0, null, 0);
    }

    @Override
    public void forward(int key0, int key1, int layer, int stepLo, int stepHi, int threshold,
            long firstGroup, int groups, float[] x, int xOff, float scale, float[] out, int outOff,
            long[] bitsOut, int bitsOff) {
        generate(key0, key1, layer, stepLo, stepHi, threshold, firstGroup, groups, bitsOut, bitsOff,
                x, xOff, scale, out, outOff, null, 0, 0.0, null, 0);
    }

    @Override
    public void forward(int key0, int key1, int layer, int stepLo, int stepHi, int threshold,
            long firstGroup, int groups, double[] x, int xOff, double scale, double[] out, int outOff,
            long[] bitsOut, int bitsOff) {
        generate(key0, key1, layer, stepLo, stepHi, threshold, firstGroup, groups, bitsOut, bitsOff,
                null, 0, 0f, null, 0, x, xOff, scale, out, outOff);
    }

    /**
     * Passes of PASS_GROUPS groups: Philox into the per-thread state, the keep words out of it,
     * then (when bits is not null) stored and (when there is an x) applied. Only scalars and
     * arrays here; the vectors live in {@link #philox}, {@link #rounds}, {@link #wordBits} and
     * {@link #applyWord}.
     */
    private static void generate(int key0, int key1, int layer, int stepLo, int stepHi, int threshold,
            long firstGroup, int groups, long[] bits, int bitsOff,
            float[] xf, int xfOff, float scaleF, float[] outF, int outFOff,
            double[] xd, int xdOff, double scaleD, double[] outD, int outDOff) {
        int[] state = STATE.get();
        for (int g = 0; g < groups; g += PASS_GROUPS) {
            philox(state, (int) ((firstGroup + g) << 3), layer, stepLo, stepHi, key0, key1);
            long wordA;
            long wordB = 0;
            if (LANES == 8) {
                wordA = setBits(state, 0, 0, threshold);
                wordB = setBits(state, 4 * LANES, 0, threshold);
            } else {
                wordA = setBits(state, 0, 0, threshold) | setBits(state, 4 * LANES, SHIFT_B_OFF, threshold);
            }
            int passGroups = Math.min(PASS_GROUPS, groups - g);
            if (bits != null) {
                bits[bitsOff + g] = wordA;
                if (passGroups > 1) {
                    bits[bitsOff + g + 1] = wordB;
                }
            }
            int first = g * 64;
            if (outF != null) {
                applyWord(wordA, xf, xfOff + first, scaleF, outF, outFOff + first);
                if (passGroups > 1) {
                    applyWord(wordB, xf, xfOff + first + 64, scaleF, outF, outFOff + first + 64);
                }
            }
            if (outD != null) {
                applyWord(wordA, xd, xdOff + first, scaleD, outD, outDOff + first);
                if (passGroups > 1) {
                    applyWord(wordB, xd, xdOff + first + 64, scaleD, outD, outDOff + first + 64);
                }
            }
        }
    }

    /**
     * Philox4x32-10 of set A (counters {@code base .. base + LANES - 1}) and set B (the next
     * LANES), the other counter words {@code (layer, stepLo, stepHi)}, key {@code (key0, key1)};
     * the 4 output words of each set are left in {@code state} (rows 0-3: set A, 4-7: set B).
     * Each round: {@link #rounds} on set A, then on set B, from one call site, so whether C2
     * inlines it or not, every compile holds a single copy (see the class comment).
     */
    private static void philox(int[] state, int base, int layer, int stepLo, int stepHi, int key0, int key1) {
        IntVector iota = IntVector.fromArray(INT, IOTA, 0);
        if (iota.getClass() != INT_CLASS) throw notExact();
        IntVector ca = iota.add(base);
        if (ca.getClass() != INT_CLASS) throw notExact();
        IntVector cb = iota.add(base + LANES);
        if (cb.getClass() != INT_CLASS) throw notExact();
        IntVector c1 = iota.broadcast(layer);
        if (c1.getClass() != INT_CLASS) throw notExact();
        IntVector c2 = iota.broadcast(stepLo);
        if (c2.getClass() != INT_CLASS) throw notExact();
        IntVector c3 = iota.broadcast(stepHi);
        if (c3.getClass() != INT_CLASS) throw notExact();
        ca.intoArray(state, 0);
        c1.intoArray(state, LANES);
        c2.intoArray(state, 2 * LANES);
        c3.intoArray(state, 3 * LANES);
        cb.intoArray(state, 4 * LANES);
        c1.intoArray(state, 5 * LANES);
        c2.intoArray(state, 6 * LANES);
        c3.intoArray(state, 7 * LANES);
        int k0 = key0;
        int k1 = key1;
        for (int r = 0; r < Philox4x32.ROUNDS; r += ROUNDS_PER_CALL) {
            for (int set = 0; set < 2; set++) {
                rounds(state, set * 4 * LANES, k0, k1);
            }
            k0 += ROUNDS_PER_CALL * Philox4x32.W0;
            k1 += ROUNDS_PER_CALL * Philox4x32.W1;
        }
    }

    private static final int ROUNDS_PER_CALL = 1;

    /**
     * ROUNDS_PER_CALL Philox rounds of one lane set, words c0..c3 at {@code state[c ..]} (rows of
     * LANES), round keys {@code (k0, k1)}, then {@code + W}: per round the two 32x32 -> 64-bit
     * products {@code M0 c0}, {@code M1 c2} (see the class comment) and
     * {@code c = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)}, all in locals, every vector
     * class-checked as it is made. One call site (in the set loop of {@link #philox}): a second
     * site made the training step allocate 301 KB/step on JDK 17 (boxing in other kernels).
     */
    private static void rounds(int[] state, int c, int k0, int k1) {
        IntVector a0 = IntVector.fromArray(INT, state, c + 0 * LANES);
        IntVector a1 = IntVector.fromArray(INT, state, c + 1 * LANES);
        IntVector a2 = IntVector.fromArray(INT, state, c + 2 * LANES);
        IntVector a3 = IntVector.fromArray(INT, state, c + 3 * LANES);
        if (a0.getClass() != INT_CLASS || a1.getClass() != INT_CLASS || a2.getClass() != INT_CLASS || a3.getClass() != INT_CLASS) throw notExact();
        IntVector r0a0aLo = a0.and(0xffff);
        IntVector r0a0aHi = a0.lanewise(VectorOperators.LSHR, 16);
        if (r0a0aLo.getClass() != INT_CLASS || r0a0aHi.getClass() != INT_CLASS) throw notExact();
        IntVector r0a0ll = r0a0aLo.mul(M0_LO);
        IntVector r0a0lh = r0a0aLo.mul(M0_HI);
        if (r0a0ll.getClass() != INT_CLASS || r0a0lh.getClass() != INT_CLASS) throw notExact();
        IntVector r0a0hl = r0a0aHi.mul(M0_LO);
        IntVector r0a0hh = r0a0aHi.mul(M0_HI);
        if (r0a0hl.getClass() != INT_CLASS || r0a0hh.getClass() != INT_CLASS) throw notExact();
        IntVector r0a0llHi = r0a0ll.lanewise(VectorOperators.LSHR, 16);
        IntVector r0a0llLo = r0a0ll.and(0xffff);
        if (r0a0llHi.getClass() != INT_CLASS || r0a0llLo.getClass() != INT_CLASS) throw notExact();
        IntVector r0a0t = r0a0llHi.add(r0a0lh);
        if (r0a0t.getClass() != INT_CLASS) throw notExact();
        IntVector r0a0tLo = r0a0t.and(0xffff);
        IntVector r0a0tHi = r0a0t.lanewise(VectorOperators.LSHR, 16);
        if (r0a0tLo.getClass() != INT_CLASS || r0a0tHi.getClass() != INT_CLASS) throw notExact();
        IntVector r0a0u = r0a0tLo.add(r0a0hl);
        IntVector r0a0p = r0a0hh.add(r0a0tHi);
        if (r0a0u.getClass() != INT_CLASS || r0a0p.getClass() != INT_CLASS) throw notExact();
        IntVector r0a0uHi = r0a0u.lanewise(VectorOperators.LSHR, 16);
        IntVector r0a0uLo = r0a0u.lanewise(VectorOperators.LSHL, 16);
        if (r0a0uHi.getClass() != INT_CLASS || r0a0uLo.getClass() != INT_CLASS) throw notExact();
        IntVector r0a0hi = r0a0p.add(r0a0uHi);
        IntVector r0a0lo = r0a0uLo.or(r0a0llLo);
        if (r0a0hi.getClass() != INT_CLASS || r0a0lo.getClass() != INT_CLASS) throw notExact();
        IntVector r0a2aLo = a2.and(0xffff);
        IntVector r0a2aHi = a2.lanewise(VectorOperators.LSHR, 16);
        if (r0a2aLo.getClass() != INT_CLASS || r0a2aHi.getClass() != INT_CLASS) throw notExact();
        IntVector r0a2ll = r0a2aLo.mul(M1_LO);
        IntVector r0a2lh = r0a2aLo.mul(M1_HI);
        if (r0a2ll.getClass() != INT_CLASS || r0a2lh.getClass() != INT_CLASS) throw notExact();
        IntVector r0a2hl = r0a2aHi.mul(M1_LO);
        IntVector r0a2hh = r0a2aHi.mul(M1_HI);
        if (r0a2hl.getClass() != INT_CLASS || r0a2hh.getClass() != INT_CLASS) throw notExact();
        IntVector r0a2llHi = r0a2ll.lanewise(VectorOperators.LSHR, 16);
        IntVector r0a2llLo = r0a2ll.and(0xffff);
        if (r0a2llHi.getClass() != INT_CLASS || r0a2llLo.getClass() != INT_CLASS) throw notExact();
        IntVector r0a2t = r0a2llHi.add(r0a2lh);
        if (r0a2t.getClass() != INT_CLASS) throw notExact();
        IntVector r0a2tLo = r0a2t.and(0xffff);
        IntVector r0a2tHi = r0a2t.lanewise(VectorOperators.LSHR, 16);
        if (r0a2tLo.getClass() != INT_CLASS || r0a2tHi.getClass() != INT_CLASS) throw notExact();
        IntVector r0a2u = r0a2tLo.add(r0a2hl);
        IntVector r0a2p = r0a2hh.add(r0a2tHi);
        if (r0a2u.getClass() != INT_CLASS || r0a2p.getClass() != INT_CLASS) throw notExact();
        IntVector r0a2uHi = r0a2u.lanewise(VectorOperators.LSHR, 16);
        IntVector r0a2uLo = r0a2u.lanewise(VectorOperators.LSHL, 16);
        if (r0a2uHi.getClass() != INT_CLASS || r0a2uLo.getClass() != INT_CLASS) throw notExact();
        IntVector r0a2hi = r0a2p.add(r0a2uHi);
        IntVector r0a2lo = r0a2uLo.or(r0a2llLo);
        if (r0a2hi.getClass() != INT_CLASS || r0a2lo.getClass() != INT_CLASS) throw notExact();
        IntVector r0ax0 = r0a2hi.lanewise(VectorOperators.XOR, a1);
        IntVector r0ax2 = r0a0hi.lanewise(VectorOperators.XOR, a3);
        if (r0ax0.getClass() != INT_CLASS || r0ax2.getClass() != INT_CLASS) throw notExact();
        IntVector r0ay0 = r0ax0.lanewise(VectorOperators.XOR, k0);
        IntVector r0ay2 = r0ax2.lanewise(VectorOperators.XOR, k1);
        if (r0ay0.getClass() != INT_CLASS || r0ay2.getClass() != INT_CLASS) throw notExact();
        r0ay0.intoArray(state, c + 0 * LANES);
        r0a2lo.intoArray(state, c + 1 * LANES);
        r0ay2.intoArray(state, c + 2 * LANES);
        r0a0lo.intoArray(state, c + 3 * LANES);

    }

    /** Never thrown: a vector of a species is always of that species' class. */
    private static AssertionError notExact() {
        return new AssertionError("vector of an unexpected class");
    }

    /**
     * The keep bits of one lane set's 4 Philox words ({@code state[off ..]}, rows of LANES):
     * word w's low half in lane b -> bit {@code SHIFT[shiftOff + 16 w + b]}, its high half -> the
     * same bit + 32; OR-reduced over the lanes (per word: {@link #wordBits}).
     */
    private static long setBits(int[] state, int off, int shiftOff, int threshold) {
        long bits = 0;
        for (int w = 0; w < 4; w++) {
            bits |= wordBits(state, off + w * LANES, shiftOff + 16 * w, threshold);
        }
        return bits;
    }

    /**
     * Keep bits of one Philox word of a lane set: the low half of lane b -> bit
     * {@code SHIFT[shiftOff + b]}, the high half -> that bit + 32.
     */
    private static long wordBits(int[] state, int off, int shiftOff, int threshold) {
        IntVector w = IntVector.fromArray(INT, state, off);
        IntVector shift = IntVector.fromArray(INT, SHIFT, shiftOff);
        if (w.getClass() != INT_CLASS || shift.getClass() != INT_CLASS) throw notExact();
        IntVector low = w.and(0xffff);
        IntVector high = w.lanewise(VectorOperators.LSHR, 16);
        if (low.getClass() != INT_CLASS || high.getClass() != INT_CLASS) throw notExact();
        IntVector dl = low.sub(threshold);
        IntVector dh = high.sub(threshold);
        if (dl.getClass() != INT_CLASS || dh.getClass() != INT_CLASS) throw notExact();
        IntVector kl = dl.lanewise(VectorOperators.LSHR, 31);
        IntVector kh = dh.lanewise(VectorOperators.LSHR, 31);
        if (kl.getClass() != INT_CLASS || kh.getClass() != INT_CLASS) throw notExact();
        IntVector bl = kl.lanewise(VectorOperators.LSHL, shift);
        IntVector bh = kh.lanewise(VectorOperators.LSHL, shift);
        if (bl.getClass() != INT_CLASS || bh.getClass() != INT_CLASS) throw notExact();
        return (bl.reduceLanes(VectorOperators.OR) & 0xffff_ffffL)
                | ((long) bh.reduceLanes(VectorOperators.OR) << 32);
    }

    /**
     * {@code out[outOff + j] = x[xOff + j] * (bit j of word ? scale : 0)} for {@code j < 64}: per vector,
     * the word's bits broadcast, ANDed with the lanes' own bits, compared with zero, blended.
     * (Every vector is made inside the loop body and checked: see the class comment.)
     */
    private static void applyWord(long word, float[] x, int xOff, float scale, float[] out, int outOff) {
        for (int j = 0; j < 64; j += FLOAT.length()) {
            IntVector laneBit = IntVector.fromArray(FLOAT_BITS, INT_LANE_BIT, 0);
            FloatVector xv = FloatVector.fromArray(FLOAT, x, xOff + j);
            if (laneBit.getClass() != FLOAT_BITS_CLASS || xv.getClass() != FLOAT_CLASS) throw notExact();
            IntVector wordBits = laneBit.broadcast((int) (word >>> j));
            FloatVector zero = xv.broadcast(0f);
            if (wordBits.getClass() != FLOAT_BITS_CLASS || zero.getClass() != FLOAT_CLASS) throw notExact();
            IntVector own = wordBits.and(laneBit);
            if (own.getClass() != FLOAT_BITS_CLASS) throw notExact();
            VectorMask<Integer> set = own.compare(VectorOperators.NE, 0);
            if (set.getClass() != FLOAT_BITS_MASK_CLASS) throw notExact();
            VectorMask<Float> keep = set.cast(FLOAT);
            if (keep.getClass() != FLOAT_MASK_CLASS) throw notExact();
            FloatVector mask = zero.blend(scale, keep);
            if (mask.getClass() != FLOAT_CLASS) throw notExact();
            FloatVector y = xv.mul(mask);
            if (y.getClass() != FLOAT_CLASS) throw notExact();
            y.intoArray(out, outOff + j);
        }
    }

    /** Double version of {@link #applyWord(long, float[], int, float, float[], int)}. */
    private static void applyWord(long word, double[] x, int xOff, double scale, double[] out, int outOff) {
        for (int j = 0; j < 64; j += DOUBLE.length()) {
            LongVector laneBit = LongVector.fromArray(DOUBLE_BITS, LONG_LANE_BIT, 0);
            DoubleVector xv = DoubleVector.fromArray(DOUBLE, x, xOff + j);
            if (laneBit.getClass() != DOUBLE_BITS_CLASS || xv.getClass() != DOUBLE_CLASS) throw notExact();
            LongVector wordBits = laneBit.broadcast(word >>> j);
            DoubleVector zero = xv.broadcast(0.0);
            if (wordBits.getClass() != DOUBLE_BITS_CLASS || zero.getClass() != DOUBLE_CLASS) throw notExact();
            LongVector own = wordBits.and(laneBit);
            if (own.getClass() != DOUBLE_BITS_CLASS) throw notExact();
            VectorMask<Long> set = own.compare(VectorOperators.NE, 0);
            if (set.getClass() != DOUBLE_BITS_MASK_CLASS) throw notExact();
            VectorMask<Double> keep = set.cast(DOUBLE);
            if (keep.getClass() != DOUBLE_MASK_CLASS) throw notExact();
            DoubleVector mask = zero.blend(scale, keep);
            if (mask.getClass() != DOUBLE_CLASS) throw notExact();
            DoubleVector y = xv.mul(mask);
            if (y.getClass() != DOUBLE_CLASS) throw notExact();
            y.intoArray(out, outOff + j);
        }
    }

    @Override
    public void applyBits(long[] bits, int bitsOff, int groups, float[] x, int xOff, float scale, float[] out, int outOff) {
        for (int g = 0; g < groups; g++) {
            applyWord(bits[bitsOff + g], x, xOff + g * 64, scale, out, outOff + g * 64);
        }
    }

    @Override
    public void applyBits(long[] bits, int bitsOff, int groups, double[] x, int xOff, double scale, double[] out, int outOff) {
        for (int g = 0; g < groups; g++) {
            applyWord(bits[bitsOff + g], x, xOff + g * 64, scale, out, outOff + g * 64);
        }
    }
}
