package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.DropoutMaskKernel;
import dev.vecnn.kernels.internal.ScalarDropoutMask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vecnn.random.Philox4x32;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Dropout masks from Philox4x32-10: the kernels against the definition
 * ({@link DropoutMasks#keep}, computed with the known-answer-tested {@link Philox4x32}), SIMD
 * against scalar, chunked against one-shot, threads against one thread, and the statistics of
 * the keep decisions.
 */
class DropoutMasksTest {
    private static final String SIMD = "dev.vecnn.kernels.simd.SimdDropoutMask";
    private static final ScalarDropoutMask SCALAR = new ScalarDropoutMask();

    @Test
    void groupBitsFollowTheDefinition() {
        long seed = 0x1234_5678_9abc_def0L;
        for (double p : new double[] {0.05, 0.5, 0.9, 1.0}) {
            int threshold = DropoutMasks.threshold(p);
            for (long group : new long[] {0, 1, 2, 777, (1L << 28) - 1}) {
                long bits = groupBits(SCALAR, (int) seed, (int) (seed >>> 32), 3, 0x7654_3210, 5, threshold, group);
                for (int r = 0; r < 64; r++) {
                    boolean keep = DropoutMasks.keep(seed, 3, 0x5_7654_3210L, p, group * 64 + r);
                    assertThat(((bits >>> r) & 1) != 0).as("p=%s group %d bit %d", p, group, r).isEqualTo(keep);
                }
            }
        }
        for (DropoutMaskKernel kernel : kernels()) {
            assertThat(groupBits(kernel, 1, 2, 3, 4, 5, 1 << 16, 9)).as("keepProb 1 keeps all").isEqualTo(-1L);
            assertThat(groupBits(kernel, 1, 2, 3, 4, 5, 1, 9) & ~groupBits(kernel, 1, 2, 3, 4, 5, 1 << 15, 9))
                    .as("a smaller threshold keeps a subset").isZero();
        }
    }

    @Test
    void keepMatchesPhiloxWordsDirectly() {
        // element 64*5 + 8*2 + 7: block 8*5 + 7, word 2, low half; keep iff (word & 0xffff) < ceil(p 2^16)
        // element 64*5 + 32 + 8*2 + 7: the same word, high half
        int word = Philox4x32.word(8 * 5 + 7, 4, 9, 0, 42, 0, 2);
        for (double p : new double[] {0.3, 0.5, 0.7}) {
            double threshold = Math.ceil(p * (1 << 16));
            assertThat(DropoutMasks.keep(42, 4, 9, p, 64 * 5 + 16 + 7)).isEqualTo((word & 0xffff) < threshold);
            assertThat(DropoutMasks.keep(42, 4, 9, p, 64 * 5 + 32 + 16 + 7)).isEqualTo((word >>> 16) < threshold);
        }
        assertThat(DropoutMasks.threshold(0.5)).isEqualTo(1 << 15);
        assertThat(DropoutMasks.threshold(0.05)).isEqualTo(3277);
        assertThat(DropoutMasks.threshold(1.0)).isEqualTo(1 << 16);
        assertThat(DropoutMasks.threshold(1e-12)).isEqualTo(1);
    }

    @Test
    void simdEqualsScalarBitForBit() {
        DropoutMaskKernel simd = VectorSupport.simdOrNull(DropoutMaskKernel.class, SIMD);
        assumeTrue(simd != null, "SIMD disabled");
        long[] wbits = new long[5];
        float[] wf = new float[200], wfo = new float[200];
        double[] wd = new double[200], wdo = new double[200];
        JitWarmup.warm("dropout mask", () -> {
            simd.maskBits(1, 2, 3, 4, 0, 30000, 5, 3, wbits, 1);
            simd.forward(1, 2, 3, 4, 0, 30000, 5, 3, wf, 1, 1.7f, wfo, 1, wbits, 1);
            simd.forward(1, 2, 3, 4, 0, 30000, 5, 3, wd, 1, 1.7, wdo, 1, null, 1);
            simd.applyBits(wbits, 1, 3, wf, 1, 1.7f, wfo, 1);
            simd.applyBits(wbits, 1, 3, wd, 1, 1.7, wdo, 1);
        });
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            int key0 = rnd.nextInt();
            int key1 = rnd.nextInt();
            int stepLo = rnd.nextInt();
            int stepHi = rnd.nextInt(3);
            int threshold = 1 + rnd.nextInt(1 << 16);
            long group = rnd.nextLong(1L << 28);
            int groups = 1 + rnd.nextInt(6);
            long[] simdBits = new long[groups + 2];
            long[] scalarBits = new long[groups + 2];
            simd.maskBits(key0, key1, trial, stepLo, stepHi, threshold, group, groups, simdBits, 1);
            SCALAR.maskBits(key0, key1, trial, stepLo, stepHi, threshold, group, groups, scalarBits, 1);
            assertThat(simdBits).as("trial %d", trial).isEqualTo(scalarBits);
            // the fused generate + apply, float and double, with and without storing the bits
            int xOff = rnd.nextInt(9);
            int outOff = rnd.nextInt(9);
            float[] xf = randomFloats(rnd, 64 * groups + xOff);
            double[] xd = randomDoubles(rnd, 64 * groups + xOff);
            float[][] outF = {new float[64 * groups + outOff], new float[64 * groups + outOff]};
            double[][] outD = {new double[64 * groups + outOff], new double[64 * groups + outOff]};
            long[][] stored = {new long[groups + 2], new long[groups + 2]};
            DropoutMaskKernel[] pair = {SCALAR, simd};
            for (int k = 0; k < 2; k++) {
                boolean store = (trial & 1) == 0;
                pair[k].forward(key0, key1, trial, stepLo, stepHi, threshold, group, groups, xf, xOff, 1.7f,
                        outF[k], outOff, store ? stored[k] : null, 1);
                pair[k].forward(key0, key1, trial, stepLo, stepHi, threshold, group, groups, xd, xOff, 1.7,
                        outD[k], outOff, store ? null : stored[k], 1);
            }
            assertThat(bits(outF[1])).as("forward float, trial %d", trial).isEqualTo(bits(outF[0]));
            assertThat(bits(outD[1])).as("forward double, trial %d", trial).isEqualTo(bits(outD[0]));
            assertThat(stored[1]).as("stored bits, trial %d", trial).isEqualTo(stored[0]);
            assertThat(stored[0]).as("stored bits are maskBits, trial %d", trial).isEqualTo(scalarBits);
            for (int e = 0; e < 64 * groups; e++) {
                boolean keep = ((scalarBits[1 + e / 64] >>> (e % 64)) & 1) != 0;
                assertThat(outF[0][outOff + e]).isEqualTo(keep ? xf[xOff + e] * 1.7f : xf[xOff + e] * 0f);
            }
        }
        // forward and backward through the group loop: every length 0..2*64+1 and odd offsets
        for (int n = 0; n <= 2 * 64 + 1; n++) {
            for (long i0 : new long[] {0, 1, 63, 64 + 5}) {
                int xOff = 3;
                int outOff = 1;
                float[] xf = randomFloats(rnd, n + xOff);
                double[] xd = randomDoubles(rnd, n + xOff);
                float[] fs = new float[n + outOff];
                float[] fv = new float[n + outOff];
                double[] ds = new double[n + outOff];
                double[] dv = new double[n + outOff];
                long[] bs = new long[5];
                long[] bv = new long[5];
                DropoutMasks.run(SCALAR, 99, 2, 7, DropoutMasks.threshold(0.6), i0, n, xf, xOff, 1 / 0.6f, fs, outOff, bs, null);
                DropoutMasks.run(simd, 99, 2, 7, DropoutMasks.threshold(0.6), i0, n, xf, xOff, 1 / 0.6f, fv, outOff, bv, null);
                DropoutMasks.run(SCALAR, 99, 2, 7, DropoutMasks.threshold(0.6), i0, n, xd, xOff, 1 / 0.6, ds, outOff, null, null);
                DropoutMasks.run(simd, 99, 2, 7, DropoutMasks.threshold(0.6), i0, n, xd, xOff, 1 / 0.6, dv, outOff, null, null);
                assertThat(bits(fv)).as("float n=%d i0=%d", n, i0).isEqualTo(bits(fs));
                assertThat(bits(dv)).as("double n=%d i0=%d", n, i0).isEqualTo(bits(ds));
                assertThat(bv).isEqualTo(bs);
                // backward from the stored bits, both kernels
                float[] gs = new float[n + outOff];
                float[] gv = new float[n + outOff];
                DropoutMasks.run(SCALAR, 0, 0, 0, 0, i0, n, xf, xOff, 1 / 0.6f, gs, outOff, null, bs);
                DropoutMasks.run(simd, 0, 0, 0, 0, i0, n, xf, xOff, 1 / 0.6f, gv, outOff, null, bv);
                assertThat(bits(gv)).isEqualTo(bits(fs));
                assertThat(bits(gs)).isEqualTo(bits(fs));
            }
        }
    }

    @Test
    void specialValuesAreMultipliedLikeNumpy() {
        // numpy: out = x * mask, so NaN and infinities times a zero mask give NaN, -x times 0 gives -0.0
        float[] x = new float[64];
        double[] xd = new double[64];
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f, -3.5f, Float.MAX_VALUE, Float.MIN_VALUE};
        for (int i = 0; i < 64; i++) {
            x[i] = special[i % special.length];
            xd[i] = x[i];
        }
        long bits = 0x5a5a_f0f0_3c3c_9669L;
        for (DropoutMaskKernel kernel : kernels()) {
            float[] out = new float[64];
            double[] outd = new double[64];
            kernel.applyBits(new long[] {0, bits}, 1, 1, x, 0, 2.5f, out, 0);
            kernel.applyBits(new long[] {bits}, 0, 1, xd, 0, 2.5, outd, 0);
            for (int i = 0; i < 64; i++) {
                float m = ((bits >>> i) & 1) != 0 ? 2.5f : 0f;
                assertThat(Float.floatToRawIntBits(out[i])).as("%s float %d", kernel, i).isEqualTo(Float.floatToRawIntBits(x[i] * m));
                assertThat(Double.doubleToRawLongBits(outd[i])).as("%s double %d", kernel, i)
                        .isEqualTo(Double.doubleToRawLongBits(xd[i] * (double) m));
            }
        }
    }

    @Test
    void chunkedAndThreadedEqualOneShot() {
        int n = 5 * DropoutMasks.CHUNK + 1234;
        SplittableRandom rnd = new SplittableRandom(5);
        float[] x = randomFloats(rnd, n);
        float[] oneShot = new float[n];
        long[] oneShotBits = new long[DropoutMasks.bitsLength(n)];
        DropoutMasks.forwardRange(77, 1, 12345, 0.35, 0, n, x, 0, oneShot, 0, oneShotBits);

        float[] chunked = new float[n];
        long[] chunkedBits = new long[DropoutMasks.bitsLength(n)];
        int[] chunkLengths = {1, 63, 64, 65, 1000, 4097};
        int start = 0;
        for (int c = 0; start < n; c++) {
            int len = Math.min(chunkLengths[c % chunkLengths.length], n - start);
            DropoutMasks.forwardRange(77, 1, 12345, 0.35, start, len, x, start, chunked, start, chunkedBits);
            start += len;
        }
        assertThat(bits(chunked)).isEqualTo(bits(oneShot));
        assertThat(chunkedBits).isEqualTo(oneShotBits);

        int before = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                float[] out = new float[n];
                long[] b = new long[DropoutMasks.bitsLength(n)];
                DropoutMasks.forward(77, 1, 12345, 0.35, n, x, 0, out, 0, b);
                assertThat(bits(out)).as("threads %d", threads).isEqualTo(bits(oneShot));
                assertThat(b).isEqualTo(oneShotBits);
                float[] regenerated = new float[n];
                float[] fromBits = new float[n];
                DropoutMasks.backward(77, 1, 12345, 0.35, n, x, 0, regenerated, 0);
                DropoutMasks.backward(0.35, n, b, x, 0, fromBits, 0);
                assertThat(bits(regenerated)).isEqualTo(bits(oneShot));
                assertThat(bits(fromBits)).isEqualTo(bits(oneShot));
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void doubleForwardUsesTheSameMaskAsFloat() {
        int n = 3001;
        double[] ones = new double[n + 2];
        Arrays.fill(ones, 1.0);
        double[] out = new double[n + 1];
        long[] b = new long[DropoutMasks.bitsLength(n)];
        DropoutMasks.forward(5, 0, 1, 0.8, n, ones, 2, out, 1, b);
        for (int i = 0; i < n; i++) {
            boolean keep = DropoutMasks.keep(5, 0, 1, 0.8, i);
            assertThat(out[1 + i]).isEqualTo(keep ? 1 / 0.8 : 0.0);
            assertThat(((b[i >>> 6] >>> (i & 63)) & 1) != 0).isEqualTo(keep);
        }
        double[] back = new double[n];
        DropoutMasks.backward(0.8, n, b, ones, 2, back, 0);
        assertThat(back).isEqualTo(Arrays.copyOfRange(out, 1, n + 1));
    }

    /** Keep fraction over 10^7 decisions within 4 sigma of p (plus the <= 2^-16 threshold rounding). */
    @Test
    void keepFractionIsP() {
        int groups = 10_000_000 / 64;
        long[] bits = new long[groups];
        for (double p : new double[] {0.05, 0.25, 0.5, 0.75, 0.95}) {
            int threshold = DropoutMasks.threshold(p);
            for (int g = 0; g < groups; g += 512) {
                DropoutMasks.IMPL.maskBits(0xdeadbeef, 17, 2, 1000, 0, threshold, g, Math.min(512, groups - g), bits, g);
            }
            long kept = 0;
            for (long word : bits) {
                kept += Long.bitCount(word);
            }
            double n = groups * 64.0;
            double sigma = Math.sqrt(p * (1 - p) / n);
            assertThat(Math.abs(kept / n - p)).as("p=%s fraction %s", p, kept / n).isLessThan(4 * sigma + 0x1p-16);
        }
    }

    /** No correlation beyond chance between neighbours, consecutive steps, or layers: |r| < 5/sqrt(n). */
    @Test
    void decisionsAreUncorrelated() {
        int groups = 20_000;
        int threshold = DropoutMasks.threshold(0.5);
        long[] stepT = new long[groups];
        long[] stepNext = new long[groups];
        long[] otherLayer = new long[groups];
        DropoutMasks.IMPL.maskBits(1, 2, 0, 41, 0, threshold, 0, groups, stepT, 0);
        DropoutMasks.IMPL.maskBits(1, 2, 0, 42, 0, threshold, 0, groups, stepNext, 0);
        DropoutMasks.IMPL.maskBits(1, 2, 1, 41, 0, threshold, 0, groups, otherLayer, 0);
        int n = groups * 64;
        double limit = 5 / Math.sqrt(n);
        assertThat(Math.abs(correlation(stepT, 1))).as("element i vs i+1").isLessThan(limit);
        assertThat(Math.abs(correlation(stepT, 8))).as("element i vs i+8 (next word of a block)").isLessThan(limit);
        assertThat(Math.abs(correlation(stepT, 32))).as("element i vs i+32 (other half of the same word)").isLessThan(limit);
        assertThat(Math.abs(correlation(stepT, 64))).as("element i vs i+64 (next group)").isLessThan(limit);
        assertThat(Math.abs(correlation(stepT, stepNext))).as("step t vs t+1").isLessThan(limit);
        assertThat(Math.abs(correlation(stepT, otherLayer))).as("layer 0 vs layer 1").isLessThan(limit);
    }

    @Test
    void badArgumentsNameTheArgument() {
        float[] a = new float[10];
        assertThatThrownBy(() -> DropoutMasks.forward(1, 0, 0, 0.0, 10, a, 0, a, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepProb").hasMessageContaining("got 0");
        assertThatThrownBy(() -> DropoutMasks.forward(1, 0, 0, 1.5, 10, a, 0, a, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> DropoutMasks.forward(1, 0, 0, Double.NaN, 10, a, 0, a, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> DropoutMasks.forward(1, 0, 0, 0.5, 10, a, 1, a, 0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 11");
        assertThatThrownBy(() -> DropoutMasks.forward(1, 0, 0, 0.5, 200, new float[200], 0, new float[200], 0, new long[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 4");
        assertThatThrownBy(() -> DropoutMasks.backward(0.5, 10, null, a, 0, a, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bits");
    }

    // ------------------------------------------------------------------ helpers

    private static long groupBits(DropoutMaskKernel kernel, int key0, int key1, int layer, int stepLo, int stepHi,
            int threshold, long group) {
        long[] bits = new long[1];
        kernel.maskBits(key0, key1, layer, stepLo, stepHi, threshold, group, 1, bits, 0);
        return bits[0];
    }

    /** Pearson correlation of the bit sequence with itself shifted by {@code lag}. */
    private static double correlation(long[] words, int lag) {
        int n = words.length * 64 - lag;
        double sa = 0, sb = 0, sab = 0;
        for (int i = 0; i < n; i++) {
            int a = bit(words, i);
            int b = bit(words, i + lag);
            sa += a;
            sb += b;
            sab += a * b;
        }
        return pearson(n, sa, sb, sab);
    }

    private static double correlation(long[] x, long[] y) {
        int n = x.length * 64;
        double sa = 0, sb = 0, sab = 0;
        for (int i = 0; i < n; i++) {
            int a = bit(x, i);
            int b = bit(y, i);
            sa += a;
            sb += b;
            sab += a * b;
        }
        return pearson(n, sa, sb, sab);
    }

    /** Pearson r of two 0/1 sequences from their sums (a^2 = a for bits). */
    private static double pearson(int n, double sa, double sb, double sab) {
        double ma = sa / n;
        double mb = sb / n;
        return (sab / n - ma * mb) / Math.sqrt(ma * (1 - ma) * mb * (1 - mb));
    }

    private static int bit(long[] words, int i) {
        return (int) ((words[i >>> 6] >>> (i & 63)) & 1);
    }

    private static DropoutMaskKernel[] kernels() {
        DropoutMaskKernel simd = VectorSupport.simdOrNull(DropoutMaskKernel.class, SIMD);
        return simd == null ? new DropoutMaskKernel[] {SCALAR} : new DropoutMaskKernel[] {SCALAR, simd};
    }

    private static float[] randomFloats(SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rnd.nextDouble() * 4 - 2);
        }
        return a;
    }

    private static double[] randomDoubles(SplittableRandom rnd, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextDouble() * 4 - 2;
        }
        return a;
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }

    private static long[] bits(double[] a) {
        long[] b = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Double.doubleToRawLongBits(a[i]);
        }
        return b;
    }
}
