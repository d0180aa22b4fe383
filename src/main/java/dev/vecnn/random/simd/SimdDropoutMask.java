package dev.vecnn.random.simd;

import dev.vecnn.random.DropoutMaskKernel;
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
 * <p>{@link #maskBits}: each int lane runs Philox4x32-10 on one counter (the lanes hold
 * consecutive blocks of a group), so output word w of the lane for block b decides element
 * 16w + b. {@value #SETS} independent lane sets go through each round together (their
 * dependency chains overlap in the out-of-order core; one set alone is latency-bound). The state
 * lives in a small scratch array between rounds; {@code keepBits} turns each word
 * into {@code ((word >>> 8) - threshold) >>> 31} (1 = keep), shifts it to its bit position with a
 * per-lane shift and OR-reduces the lanes. The 32x32 -> 64-bit products are built from 16x16-bit
 * partial products (the Vector API has no unsigned high multiply for int lanes). The work is
 * split into small methods on purpose: inlined into one, it exceeds C2's inlining node budget
 * and the vectors get boxed; only arrays and ints cross the method boundaries.
 *
 * <p>{@link #applyBits}: for each vector of x the group's bits are broadcast, ANDed with the
 * lane's own bit and compared with zero, giving the lane mask; {@code out = x * blend(0, scale)}.
 */
public final class SimdDropoutMask implements DropoutMaskKernel {
    private static final VectorSpecies<Integer> INT = IntVector.SPECIES_PREFERRED.length() <= 16
            ? IntVector.SPECIES_PREFERRED : IntVector.SPECIES_512;
    private static final int LANES = INT.length();
    private static final VectorSpecies<Float> FLOAT = FloatVector.SPECIES_PREFERRED.length() <= 16
            ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_512;
    private static final VectorSpecies<Integer> FLOAT_BITS =
            VectorSpecies.of(int.class, VectorShape.forBitSize(FLOAT.length() * 32));
    private static final VectorSpecies<Double> DOUBLE = DoubleVector.SPECIES_PREFERRED.length() <= 16
            ? DoubleVector.SPECIES_PREFERRED : DoubleVector.SPECIES_512;
    private static final VectorSpecies<Long> DOUBLE_BITS =
            VectorSpecies.of(long.class, VectorShape.forBitSize(DOUBLE.length() * 64));

    /** 0, 1, 2, ... (loaded with fromArray: addIndex is not intrinsified on JDK 17). */
    private static final int[] IOTA = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    /** 1 << lane. */
    private static final int[] INT_LANE_BIT = new int[16];
    private static final long[] LONG_LANE_BIT = new long[16];

    static {
        for (int i = 0; i < 16; i++) {
            INT_LANE_BIT[i] = 1 << i;
            LONG_LANE_BIT[i] = 1L << i;
        }
    }

    private static final int M0_LO = Philox4x32.M0 & 0xffff;
    private static final int M0_HI = Philox4x32.M0 >>> 16;
    private static final int M1_LO = Philox4x32.M1 & 0xffff;
    private static final int M1_HI = Philox4x32.M1 >>> 16;

    public SimdDropoutMask() {
        if (16 % LANES != 0) {
            throw new IllegalStateException("SimdDropoutMask needs 4, 8 or 16 int lanes, got " + LANES);
        }
    }

    /** Independent lane sets advanced together, so one set's latency hides behind the others. */
    private static final int SETS = 4;

    @Override
    public void maskBits(int key0, int key1, int layer, int stepLo, int stepHi, int threshold,
            long firstGroup, int groups, long[] bits, int bitsOff) {
        int setsPerGroup = 16 / LANES;
        int stride = 4 * LANES;
        int[] words = new int[SETS * stride];
        int g = 0;
        while (g < groups) {
            int batchGroups = Math.max(1, Math.min(groups - g, SETS / setsPerGroup));
            int sets = batchGroups * setsPerGroup;
            int firstBlock = (int) ((firstGroup + g) << 4);
            for (int set = 0; set < sets; set++) {
                init(words, set * stride, firstBlock + set * LANES, layer, stepLo, stepHi);
            }
            int k0 = key0;
            int k1 = key1;
            for (int round = 0; round < Philox4x32.ROUNDS; round++) {
                if (round > 0) {
                    k0 += Philox4x32.W0;
                    k1 += Philox4x32.W1;
                }
                for (int set = 0; set < sets; set++) {
                    round(words, set * stride, k0, k1);
                }
            }
            for (int j = 0; j < batchGroups; j++) {
                long groupBits = 0;
                for (int h = 0; h < setsPerGroup; h++) {
                    groupBits |= keepBits(words, (j * setsPerGroup + h) * stride, threshold, h * LANES);
                }
                bits[bitsOff + g + j] = groupBits;
            }
            g += batchGroups;
        }
    }

    /** Counters {@code (firstBlock + lane, layer, stepLo, stepHi)} into the set at {@code off}. */
    private static void init(int[] words, int off, int firstBlock, int layer, int stepLo, int stepHi) {
        IntVector.fromArray(INT, IOTA, 0).add(firstBlock).intoArray(words, off);
        IntVector.broadcast(INT, layer).intoArray(words, off + LANES);
        IntVector.broadcast(INT, stepLo).intoArray(words, off + 2 * LANES);
        IntVector.broadcast(INT, stepHi).intoArray(words, off + 3 * LANES);
    }

    /**
     * One Philox round on the set at {@code off} (words c0, c1, c2, c3 of every lane). The state
     * lives in the array between rounds: vectors carried by a loop phi fail to unbox in C2
     * (JDK 17) and the loop would fall back to boxed objects.
     */
    private static void round(int[] words, int off, int k0, int k1) {
        IntVector c0 = IntVector.fromArray(INT, words, off);
        IntVector c1 = IntVector.fromArray(INT, words, off + LANES);
        IntVector c2 = IntVector.fromArray(INT, words, off + 2 * LANES);
        IntVector c3 = IntVector.fromArray(INT, words, off + 3 * LANES);
        // (hi, lo) of M0 * c0 and M1 * c2 from four 16x16-bit partial products ll, lh, hl, hh:
        // t = (ll >>> 16) + lh and u = (t & 0xffff) + hl cannot overflow 32 bits,
        // hi = hh + (t >>> 16) + (u >>> 16) and lo = (u << 16) | (ll & 0xffff). Four multiplies
        // per product: the multiplier port is the bottleneck. (Written out here: a helper method
        // returning a vector may not be inlined, and the vector would then be boxed.)
        IntVector aLo = c0.and(0xffff);
        IntVector aHi = c0.lanewise(VectorOperators.LSHR, 16);
        IntVector ll = aLo.mul(M0_LO);
        IntVector t = ll.lanewise(VectorOperators.LSHR, 16).add(aLo.mul(M0_HI));
        IntVector u = t.and(0xffff).add(aHi.mul(M0_LO));
        IntVector hi0 = aHi.mul(M0_HI).add(t.lanewise(VectorOperators.LSHR, 16)).add(u.lanewise(VectorOperators.LSHR, 16));
        IntVector lo0 = u.lanewise(VectorOperators.LSHL, 16).or(ll.and(0xffff));
        aLo = c2.and(0xffff);
        aHi = c2.lanewise(VectorOperators.LSHR, 16);
        ll = aLo.mul(M1_LO);
        t = ll.lanewise(VectorOperators.LSHR, 16).add(aLo.mul(M1_HI));
        u = t.and(0xffff).add(aHi.mul(M1_LO));
        IntVector hi1 = aHi.mul(M1_HI).add(t.lanewise(VectorOperators.LSHR, 16)).add(u.lanewise(VectorOperators.LSHR, 16));
        IntVector lo1 = u.lanewise(VectorOperators.LSHL, 16).or(ll.and(0xffff));

        hi1.lanewise(VectorOperators.XOR, c1).lanewise(VectorOperators.XOR, k0).intoArray(words, off);
        lo1.intoArray(words, off + LANES);
        hi0.lanewise(VectorOperators.XOR, c3).lanewise(VectorOperators.XOR, k1).intoArray(words, off + 2 * LANES);
        lo0.intoArray(words, off + 3 * LANES);
    }

    /**
     * The keep bits of the set at {@code off}, which holds blocks {@code h .. h + LANES - 1} of a
     * group: word w of lane b is bit {@code 16w + h + b}. Words 0 and 1 make the low 32 bits, 2 and 3 the high.
     */
    private static long keepBits(int[] words, int off, int threshold, int h) {
        IntVector shift = IntVector.fromArray(INT, IOTA, 0).add(h);
        IntVector shift16 = shift.add(16);
        IntVector low = keep(IntVector.fromArray(INT, words, off), threshold).lanewise(VectorOperators.LSHL, shift)
                .or(keep(IntVector.fromArray(INT, words, off + LANES), threshold).lanewise(VectorOperators.LSHL, shift16));
        IntVector high = keep(IntVector.fromArray(INT, words, off + 2 * LANES), threshold).lanewise(VectorOperators.LSHL, shift)
                .or(keep(IntVector.fromArray(INT, words, off + 3 * LANES), threshold).lanewise(VectorOperators.LSHL, shift16));
        int lowBits = low.reduceLanes(VectorOperators.OR);
        int highBits = high.reduceLanes(VectorOperators.OR);
        return (lowBits & 0xffff_ffffL) | ((long) highBits << 32);
    }

    /** 1 where {@code (word >>> 8) < threshold}, else 0 (both sides below 2^24: no overflow). */
    private static IntVector keep(IntVector word, int threshold) {
        return word.lanewise(VectorOperators.LSHR, 8).sub(threshold).lanewise(VectorOperators.LSHR, 31);
    }

    @Override
    public void applyBits(long[] bits, int bitsOff, int groups, float[] x, int xOff, float scale, float[] out, int outOff) {
        int lanes = FLOAT.length();
        IntVector laneBit = IntVector.fromArray(FLOAT_BITS, INT_LANE_BIT, 0);
        FloatVector zero = FloatVector.zero(FLOAT);
        for (int g = 0; g < groups; g++) {
            long word = bits[bitsOff + g];
            int base = g * 64;
            for (int j = 0; j < 64; j += lanes) {
                VectorMask<Float> keep = IntVector.broadcast(FLOAT_BITS, (int) (word >>> j))
                        .and(laneBit).compare(VectorOperators.NE, 0).cast(FLOAT);
                FloatVector mask = zero.blend(scale, keep);
                FloatVector.fromArray(FLOAT, x, xOff + base + j).mul(mask).intoArray(out, outOff + base + j);
            }
        }
    }

    @Override
    public void applyBits(long[] bits, int bitsOff, int groups, double[] x, int xOff, double scale, double[] out, int outOff) {
        int lanes = DOUBLE.length();
        LongVector laneBit = LongVector.fromArray(DOUBLE_BITS, LONG_LANE_BIT, 0);
        DoubleVector zero = DoubleVector.zero(DOUBLE);
        for (int g = 0; g < groups; g++) {
            long word = bits[bitsOff + g];
            int base = g * 64;
            for (int j = 0; j < 64; j += lanes) {
                VectorMask<Double> keep = LongVector.broadcast(DOUBLE_BITS, word >>> j)
                        .and(laneBit).compare(VectorOperators.NE, 0).cast(DOUBLE);
                DoubleVector mask = zero.blend(scale, keep);
                DoubleVector.fromArray(DOUBLE, x, xOff + base + j).mul(mask).intoArray(out, outOff + base + j);
            }
        }
    }
}
