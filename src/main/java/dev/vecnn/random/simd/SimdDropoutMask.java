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
 * 16w + b. The four output vectors go to a small scratch array; {@code keepBits} turns each word
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

    @Override
    public void maskBits(int key0, int key1, int layer, int stepLo, int stepHi, int threshold,
            long firstGroup, int groups, long[] bits, int bitsOff) {
        int[] words = new int[4 * LANES];
        for (int g = 0; g < groups; g++) {
            int firstBlock = (int) ((firstGroup + g) << 4);
            long groupBits = 0;
            for (int h = 0; h < 16; h += LANES) {
                philox(words, firstBlock + h, layer, stepLo, stepHi, key0, key1);
                groupBits |= keepBits(words, threshold, h);
            }
            bits[bitsOff + g] = groupBits;
        }
    }

    /**
     * Philox4x32-10 of counters {@code (firstBlock + lane, layer, stepLo, stepHi)}, key
     * {@code (key0, key1)}: output word w of every lane into {@code words[w * LANES + lane]}.
     */
    private static void philox(int[] words, int firstBlock, int layer, int stepLo, int stepHi, int key0, int key1) {
        IntVector.fromArray(INT, IOTA, 0).add(firstBlock).intoArray(words, 0);
        IntVector.broadcast(INT, layer).intoArray(words, LANES);
        IntVector.broadcast(INT, stepLo).intoArray(words, 2 * LANES);
        IntVector.broadcast(INT, stepHi).intoArray(words, 3 * LANES);
        int k0 = key0;
        int k1 = key1;
        for (int round = 0; round < Philox4x32.ROUNDS; round++) {
            if (round > 0) {
                k0 += Philox4x32.W0;
                k1 += Philox4x32.W1;
            }
            // The state goes through the array between rounds: vectors carried by a loop phi
            // fail to unbox in C2 (JDK 17) and the whole loop would fall back to boxed objects.
            IntVector c0 = IntVector.fromArray(INT, words, 0);
            IntVector c1 = IntVector.fromArray(INT, words, LANES);
            IntVector c2 = IntVector.fromArray(INT, words, 2 * LANES);
            IntVector c3 = IntVector.fromArray(INT, words, 3 * LANES);
            // hi0 = high 32 bits of M0 * c0, from 16-bit halves (each partial product < 2^32)
            IntVector aLo = c0.and(0xffff);
            IntVector aHi = c0.lanewise(VectorOperators.LSHR, 16);
            IntVector ll = aLo.mul(M0_LO);
            IntVector lh = aLo.mul(M0_HI);
            IntVector hl = aHi.mul(M0_LO);
            IntVector carry = ll.lanewise(VectorOperators.LSHR, 16).add(lh.and(0xffff)).add(hl.and(0xffff))
                    .lanewise(VectorOperators.LSHR, 16);
            IntVector hi0 = aHi.mul(M0_HI).add(lh.lanewise(VectorOperators.LSHR, 16))
                    .add(hl.lanewise(VectorOperators.LSHR, 16)).add(carry);
            // hi1 = high 32 bits of M1 * c2
            aLo = c2.and(0xffff);
            aHi = c2.lanewise(VectorOperators.LSHR, 16);
            ll = aLo.mul(M1_LO);
            lh = aLo.mul(M1_HI);
            hl = aHi.mul(M1_LO);
            carry = ll.lanewise(VectorOperators.LSHR, 16).add(lh.and(0xffff)).add(hl.and(0xffff))
                    .lanewise(VectorOperators.LSHR, 16);
            IntVector hi1 = aHi.mul(M1_HI).add(lh.lanewise(VectorOperators.LSHR, 16))
                    .add(hl.lanewise(VectorOperators.LSHR, 16)).add(carry);

            hi1.lanewise(VectorOperators.XOR, c1).lanewise(VectorOperators.XOR, k0).intoArray(words, 0);
            c2.mul(Philox4x32.M1).intoArray(words, LANES);
            hi0.lanewise(VectorOperators.XOR, c3).lanewise(VectorOperators.XOR, k1).intoArray(words, 2 * LANES);
            c0.mul(Philox4x32.M0).intoArray(words, 3 * LANES);
        }
    }

    /**
     * The keep bits of the words of blocks {@code h .. h + LANES - 1} of a group: word w of
     * lane b is bit {@code 16w + h + b}. Words 0 and 1 make the low 32 bits, 2 and 3 the high.
     */
    private static long keepBits(int[] words, int threshold, int h) {
        IntVector shift = IntVector.fromArray(INT, IOTA, 0).add(h);
        IntVector shift16 = shift.add(16);
        IntVector low = keep(IntVector.fromArray(INT, words, 0), threshold).lanewise(VectorOperators.LSHL, shift)
                .or(keep(IntVector.fromArray(INT, words, LANES), threshold).lanewise(VectorOperators.LSHL, shift16));
        IntVector high = keep(IntVector.fromArray(INT, words, 2 * LANES), threshold).lanewise(VectorOperators.LSHL, shift)
                .or(keep(IntVector.fromArray(INT, words, 3 * LANES), threshold).lanewise(VectorOperators.LSHL, shift16));
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
