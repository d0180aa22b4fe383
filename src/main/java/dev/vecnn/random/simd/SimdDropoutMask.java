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
 * <p>{@link #maskBits} and {@link #forward}: each int lane runs Philox4x32-10 on one counter; a group of 64 elements
 * is 8 consecutive counters, and the two 16-bit halves of the 4 output words of the lane for
 * block b decide elements {@code 8w + b} (low half) and {@code 32 + 8w + b} (high half). Two lane
 * sets (two groups with 8 int lanes, the two halves of a group with 4) go through the ten rounds
 * together, so one chain's multiply latency hides behind the other's. Everything lives in local
 * vectors of the one method {@code generate}: no vector crosses a method boundary or sits in
 * an array, so C2 keeps them all in registers (no boxing, no allocation; the round loop's
 * vector phis are unboxed on JDK 17 and 25, checked with {@code -prof gc}).
 *
 * <p>The 32x32 -> 64-bit products come from four 16x16-bit partial products (the Vector API has
 * no unsigned high multiply for int lanes): with {@code a = aHi 2^16 + aLo},
 * {@code M = mHi 2^16 + mLo} and {@code ll = aLo mLo}, {@code t = (ll >>> 16) + aLo mHi} and
 * {@code u = (t & 0xffff) + aHi mLo} cannot overflow 32 bits, {@code hi = aHi mHi + (t >>> 16)
 * + (u >>> 16)} and {@code lo = (u << 16) | (ll & 0xffff)}. (Measured on Zen 3: a fifth multiply
 * for lo is no faster; LongVector products are 1.5x slower on JDK 17, no faster on JDK 25.)
 *
 * <p>Keep bits: {@code ((half - threshold) >>> 31)} is 1 where the 16-bit half is below the
 * threshold; it is shifted to its bit position with a per-lane shift and the lanes are
 * OR-reduced into the group's 64-bit word.
 *
 * <p>{@link #applyBits}, and {@link #forward} right after each pass while the pass's bits are
 * in a register: for each vector of x the group's bits are broadcast, ANDed with the lane's own
 * bit and compared with zero, giving the lane mask; {@code out = x * blend(0, scale)}. (Fused,
 * the loads and stores of x and out overlap with the next pass's arithmetic.)
 */
public final class SimdDropoutMask implements DropoutMaskKernel {
    /** 8 int lanes where the hardware has 256-bit vectors, else 4 (128-bit). */
    private static final VectorSpecies<Integer> INT = IntVector.SPECIES_PREFERRED.vectorBitSize() >= 256
            ? IntVector.SPECIES_256 : IntVector.SPECIES_128;
    private static final int LANES = INT.length();
    /** Groups of 64 elements covered by the two lane sets of one pass: 2 (8 lanes) or 1 (4 lanes). */
    private static final int PASS_GROUPS = 2 * LANES / 8;
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
     * The whole generator in one method, so that every vector stays a local C2 can keep in a
     * register. Set A holds counters {@code base .. base + LANES - 1}, set B the next LANES.
     */
    private static void generate(int key0, int key1, int layer, int stepLo, int stepHi, int threshold,
            long firstGroup, int groups, long[] bits, int bitsOff,
            float[] xf, int xfOff, float scaleF, float[] outF, int outFOff,
            double[] xd, int xdOff, double scaleD, double[] outD, int outDOff) {
        IntVector iota = IntVector.fromArray(INT, IOTA, 0);
        IntVector floatLaneBit = IntVector.fromArray(FLOAT_BITS, INT_LANE_BIT, 0);
        LongVector doubleLaneBit = LongVector.fromArray(DOUBLE_BITS, LONG_LANE_BIT, 0);
        // bit position of lane b's word-0 low half within its group's low 32 bits (set B of a
        // 4-lane pass holds blocks 4..7 of the same group)
        IntVector shiftA = iota;
        IntVector shiftB = LANES == 8 ? iota : iota.add(4);
        for (int g = 0; g < groups; g += PASS_GROUPS) {
            int base = (int) ((firstGroup + g) << 3);
            IntVector a0 = iota.add(base);
            IntVector a1 = IntVector.broadcast(INT, layer);
            IntVector a2 = IntVector.broadcast(INT, stepLo);
            IntVector a3 = IntVector.broadcast(INT, stepHi);
            IntVector b0 = iota.add(base + LANES);
            IntVector b1 = a1;
            IntVector b2 = a2;
            IntVector b3 = a3;
            int k0 = key0;
            int k1 = key1;
            for (int round = 0; round < Philox4x32.ROUNDS; round++) {
                // set A: (hi0, lo0) = M0 * a0, (hi1, lo1) = M1 * a2
                IntVector lo = a0.and(0xffff);
                IntVector hi = a0.lanewise(VectorOperators.LSHR, 16);
                IntVector ll = lo.mul(M0_LO);
                IntVector t = ll.lanewise(VectorOperators.LSHR, 16).add(lo.mul(M0_HI));
                IntVector u = t.and(0xffff).add(hi.mul(M0_LO));
                IntVector aHi0 = hi.mul(M0_HI).add(t.lanewise(VectorOperators.LSHR, 16)).add(u.lanewise(VectorOperators.LSHR, 16));
                IntVector aLo0 = u.lanewise(VectorOperators.LSHL, 16).or(ll.and(0xffff));
                lo = a2.and(0xffff);
                hi = a2.lanewise(VectorOperators.LSHR, 16);
                ll = lo.mul(M1_LO);
                t = ll.lanewise(VectorOperators.LSHR, 16).add(lo.mul(M1_HI));
                u = t.and(0xffff).add(hi.mul(M1_LO));
                IntVector aHi1 = hi.mul(M1_HI).add(t.lanewise(VectorOperators.LSHR, 16)).add(u.lanewise(VectorOperators.LSHR, 16));
                IntVector aLo1 = u.lanewise(VectorOperators.LSHL, 16).or(ll.and(0xffff));
                // set B, the same
                lo = b0.and(0xffff);
                hi = b0.lanewise(VectorOperators.LSHR, 16);
                ll = lo.mul(M0_LO);
                t = ll.lanewise(VectorOperators.LSHR, 16).add(lo.mul(M0_HI));
                u = t.and(0xffff).add(hi.mul(M0_LO));
                IntVector bHi0 = hi.mul(M0_HI).add(t.lanewise(VectorOperators.LSHR, 16)).add(u.lanewise(VectorOperators.LSHR, 16));
                IntVector bLo0 = u.lanewise(VectorOperators.LSHL, 16).or(ll.and(0xffff));
                lo = b2.and(0xffff);
                hi = b2.lanewise(VectorOperators.LSHR, 16);
                ll = lo.mul(M1_LO);
                t = ll.lanewise(VectorOperators.LSHR, 16).add(lo.mul(M1_HI));
                u = t.and(0xffff).add(hi.mul(M1_LO));
                IntVector bHi1 = hi.mul(M1_HI).add(t.lanewise(VectorOperators.LSHR, 16)).add(u.lanewise(VectorOperators.LSHR, 16));
                IntVector bLo1 = u.lanewise(VectorOperators.LSHL, 16).or(ll.and(0xffff));
                // c = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
                a0 = aHi1.lanewise(VectorOperators.XOR, a1).lanewise(VectorOperators.XOR, k0);
                a2 = aHi0.lanewise(VectorOperators.XOR, a3).lanewise(VectorOperators.XOR, k1);
                a1 = aLo1;
                a3 = aLo0;
                b0 = bHi1.lanewise(VectorOperators.XOR, b1).lanewise(VectorOperators.XOR, k0);
                b2 = bHi0.lanewise(VectorOperators.XOR, b3).lanewise(VectorOperators.XOR, k1);
                b1 = bLo1;
                b3 = bLo0;
                k0 += Philox4x32.W0;
                k1 += Philox4x32.W1;
            }
            // word w, low half -> bit 8w + b, high half -> bit 32 + 8w + b. A loop over the four
            // words (rotating them through a0/b0) keeps the method small enough for C2 to
            // inline every Vector API call: unrolled by hand it crossed the inlining node budget.
            IntVector aLow = IntVector.zero(INT);
            IntVector aHigh = aLow;
            IntVector bLow = aLow;
            IntVector bHigh = aLow;
            IntVector sa = shiftA;
            IntVector sb = shiftB;
            for (int w = 0; w < 4; w++) {
                aLow = aLow.or(a0.and(0xffff).sub(threshold).lanewise(VectorOperators.LSHR, 31).lanewise(VectorOperators.LSHL, sa));
                aHigh = aHigh.or(a0.lanewise(VectorOperators.LSHR, 16).sub(threshold).lanewise(VectorOperators.LSHR, 31).lanewise(VectorOperators.LSHL, sa));
                bLow = bLow.or(b0.and(0xffff).sub(threshold).lanewise(VectorOperators.LSHR, 31).lanewise(VectorOperators.LSHL, sb));
                bHigh = bHigh.or(b0.lanewise(VectorOperators.LSHR, 16).sub(threshold).lanewise(VectorOperators.LSHR, 31).lanewise(VectorOperators.LSHL, sb));
                a0 = a1;
                a1 = a2;
                a2 = a3;
                b0 = b1;
                b1 = b2;
                b2 = b3;
                sa = sa.add(8);
                sb = sb.add(8);
            }
            // (no helper methods in this method: a call that is not force-inline is refused once
            // the method passes C2's node budget, and a vector passed to it is boxed)
            long wordA;
            long wordB = 0;
            if (LANES == 8) {
                wordA = (aLow.reduceLanes(VectorOperators.OR) & 0xffff_ffffL)
                        | ((long) aHigh.reduceLanes(VectorOperators.OR) << 32);
                wordB = (bLow.reduceLanes(VectorOperators.OR) & 0xffff_ffffL)
                        | ((long) bHigh.reduceLanes(VectorOperators.OR) << 32);
            } else {
                wordA = (aLow.or(bLow).reduceLanes(VectorOperators.OR) & 0xffff_ffffL)
                        | ((long) aHigh.or(bHigh).reduceLanes(VectorOperators.OR) << 32);
            }
            int passGroups = Math.min(PASS_GROUPS, groups - g);
            if (bits != null) {
                bits[bitsOff + g] = wordA;
                if (passGroups > 1) {
                    bits[bitsOff + g + 1] = wordB;
                }
            }
            // apply while the bits are in a register: the loads and stores of x and out overlap
            // with the next pass's arithmetic (same lane masks as applyBits)
            if (outF != null) {
                int lanes = FLOAT.length();
                for (int h = 0; h < passGroups; h++) {
                    long word = h == 0 ? wordA : wordB;
                    int first = (g + h) * 64;
                    for (int j = 0; j < 64; j += lanes) {
                        VectorMask<Float> keep = IntVector.broadcast(FLOAT_BITS, (int) (word >>> j))
                                .and(floatLaneBit).compare(VectorOperators.NE, 0).cast(FLOAT);
                        FloatVector mask = FloatVector.zero(FLOAT).blend(scaleF, keep);
                        FloatVector.fromArray(FLOAT, xf, xfOff + first + j).mul(mask).intoArray(outF, outFOff + first + j);
                    }
                }
            }
            if (outD != null) {
                int lanes = DOUBLE.length();
                for (int h = 0; h < passGroups; h++) {
                    long word = h == 0 ? wordA : wordB;
                    int first = (g + h) * 64;
                    for (int j = 0; j < 64; j += lanes) {
                        VectorMask<Double> keep = LongVector.broadcast(DOUBLE_BITS, word >>> j)
                                .and(doubleLaneBit).compare(VectorOperators.NE, 0).cast(DOUBLE);
                        DoubleVector mask = DoubleVector.zero(DOUBLE).blend(scaleD, keep);
                        DoubleVector.fromArray(DOUBLE, xd, xdOff + first + j).mul(mask).intoArray(outD, outDOff + first + j);
                    }
                }
            }
        }
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
