// Generated from src/template/java/dev/vecnn/kernels/internal/ScalarDropoutMask.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.internal;

import dev.vecnn.random.Philox4x32;

/**
 * Scalar twin of the dropout-mask kernel: one Philox4x32-10 block at a time (block b of a
 * group gives 4 words; the low 16 bits of word w decide element {@code 8w + b}, the high 16 bits
 * element {@code 32 + 8w + b}), then {@code out = x * mask} element by element, like numpy's
 * {@code out = x * ((u < p) / p)}.
 */
public final class ScalarDropoutMask implements DropoutMaskKernel {
    private static final long U32 = 0xffff_ffffL;

    @Override
    public void maskBits(int key0, int key1, int layer, int stepLo, int stepHi, int threshold,
            long firstGroup, int groups, long[] bits, int bitsOff) {
        for (int g = 0; g < groups; g++) {
            bits[bitsOff + g] = groupBits(key0, key1, layer, stepLo, stepHi, threshold, firstGroup + g);
        }
    }

    @Override
    public void forward(int key0, int key1, int layer, int stepLo, int stepHi, int threshold,
            long firstGroup, int groups, float[] x, int xOff, float scale, float[] out, int outOff,
            long[] bitsOut, int bitsOff) {
        for (int g = 0; g < groups; g++) {
            long word = groupBits(key0, key1, layer, stepLo, stepHi, threshold, firstGroup + g);
            if (bitsOut != null) {
                bitsOut[bitsOff + g] = word;
            }
            applyWord(word, x, xOff + 64 * g, scale, out, outOff + 64 * g);
        }
    }

    @Override
    public void forward(int key0, int key1, int layer, int stepLo, int stepHi, int threshold,
            long firstGroup, int groups, double[] x, int xOff, double scale, double[] out, int outOff,
            long[] bitsOut, int bitsOff) {
        for (int g = 0; g < groups; g++) {
            long word = groupBits(key0, key1, layer, stepLo, stepHi, threshold, firstGroup + g);
            if (bitsOut != null) {
                bitsOut[bitsOff + g] = word;
            }
            applyWord(word, x, xOff + 64 * g, scale, out, outOff + 64 * g);
        }
    }

    /** The 64 keep bits of element group {@code group} (see {@code DropoutMasks}). */
    public static long groupBits(int key0, int key1, int layer, int stepLo, int stepHi, int threshold, long group) {
        long bits = 0;
        int firstBlock = (int) (group << 3);
        for (int b = 0; b < 8; b++) {
            // Philox4x32-10 of counter (8*group + b, layer, stepLo, stepHi), key (key0, key1)
            int c0 = firstBlock + b;
            int c1 = layer;
            int c2 = stepLo;
            int c3 = stepHi;
            int k0 = key0;
            int k1 = key1;
            for (int round = 0; round < Philox4x32.ROUNDS; round++) {
                if (round > 0) {
                    k0 += Philox4x32.W0;
                    k1 += Philox4x32.W1;
                }
                long p0 = (Philox4x32.M0 & U32) * (c0 & U32);
                long p1 = (Philox4x32.M1 & U32) * (c2 & U32);
                int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
                int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
                c0 = n0;
                c1 = (int) p1;
                c2 = n2;
                c3 = (int) p0;
            }
            // word w of block b: low half decides element 8w + b, high half element 32 + 8w + b
            bits |= keepBits(c0, threshold) << b;
            bits |= keepBits(c1, threshold) << (8 + b);
            bits |= keepBits(c2, threshold) << (16 + b);
            bits |= keepBits(c3, threshold) << (24 + b);
        }
        return bits;
    }

    /** Bit 0: keep by the low 16 bits of {@code word}; bit 32: keep by the high 16 bits. */
    private static long keepBits(int word, int threshold) {
        return ((word & 0xffff) < threshold ? 1L : 0L) | ((word >>> 16) < threshold ? 1L << 32 : 0L);
    }

    @Override
    public void applyBits(long[] bits, int bitsOff, int groups, float[] x, int xOff, float scale, float[] out, int outOff) {
        for (int g = 0; g < groups; g++) {
            applyWord(bits[bitsOff + g], x, xOff + 64 * g, scale, out, outOff + 64 * g);
        }
    }

    /** {@code out[outOff + j] = x[xOff + j] * (bit j of word ? scale : 0)}, {@code j < 64}. */
    private static void applyWord(long word, float[] x, int xOff, float scale, float[] out, int outOff) {
        for (int j = 0; j < 64; j++) {
            out[outOff + j] = x[xOff + j] * (((word >>> j) & 1) != 0 ? scale : 0f);
        }
    }

    @Override
    public void applyBits(long[] bits, int bitsOff, int groups, double[] x, int xOff, double scale, double[] out, int outOff) {
        for (int g = 0; g < groups; g++) {
            applyWord(bits[bitsOff + g], x, xOff + 64 * g, scale, out, outOff + 64 * g);
        }
    }

    /** {@code out[outOff + j] = x[xOff + j] * (bit j of word ? scale : 0)}, {@code j < 64}. */
    private static void applyWord(long word, double[] x, int xOff, double scale, double[] out, int outOff) {
        for (int j = 0; j < 64; j++) {
            out[outOff + j] = x[xOff + j] * (((word >>> j) & 1) != 0 ? scale : 0d);
        }
    }
}
