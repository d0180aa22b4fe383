package dev.vecnn.ladder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vecnn.kernels.Parallel;
import dev.vecnn.kernels.VectorSupport;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every rung of the GEMM ladder against an independent reference, the naive triple loop summed
 * in double precision (below): all m, n, k in 1..9, sizes that cross each rung's block and tile
 * edges, odd offsets and leading dimensions larger than the matrix, with the storage around C
 * checked untouched. Error bound: the float sum of k products is within
 * {@code 2 k eps sum|a||b|} of the exact sum (eps = 2^-24), whatever the order and whether or
 * not the multiply-adds are fused. Runs after a JIT warm-up, so C2's compiled code is tested.
 */
class LadderTest {
    static final List<Rung> RUNGS = Ladder.rungs();

    @BeforeAll
    static void warmUp() {
        // Past C2's compile threshold: the Vector API intrinsics only exist in C2's code.
        SplittableRandom rnd = new SplittableRandom(7);
        Problem p = new Problem(rnd, 7, 37, 9);
        for (Rung r : RUNGS) {
            for (int i = 0; i < 2_000; i++) {
                p.run(r);
            }
        }
    }

    @Test
    void allEightRungsWhenTheVectorApiIsThere() {
        assertThat(RUNGS).hasSize(VectorSupport.simdEnabled() ? 8 : 7);
        assertThat(Ladder.skipped() == null).isEqualTo(VectorSupport.simdEnabled());
        for (int i = 0; i < RUNGS.size(); i++) {
            assertThat(RUNGS.get(i).name()).as("rungs in order").startsWith(String.valueOf(i + 1 + (i >= 5 && RUNGS.size() == 7 ? 1 : 0)));
        }
    }

    @Test
    void everyRungMatchesTheReferenceOnSmallShapes() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int m = 1; m <= 9; m++) {
            for (int n = 1; n <= 9; n++) {
                for (int k = 1; k <= 9; k++) {
                    Problem p = new Problem(rnd, m, n, k);
                    for (Rung r : RUNGS) {
                        p.check(r);
                    }
                }
            }
        }
    }

    @Test
    void everyRungMatchesTheReferenceAcrossBlockEdges() {
        SplittableRandom rnd = new SplittableRandom(2);
        int[][] shapes = {{97, 33, 257}, {6, 513, 5}, {100, 40, 300}, {13, 17, 512}, {191, 65, 31}, {1, 1000, 3}};
        for (int[] s : shapes) {
            Problem p = new Problem(rnd, s[0], s[1], s[2]);
            for (Rung r : RUNGS) {
                p.check(r);
            }
        }
    }

    @Test
    void threadedRungGivesTheSameBitsOnAnyThreadCount() {
        Rung threaded = RUNGS.get(RUNGS.size() - 2);
        assertThat(threaded).isInstanceOf(ThreadedTiles.class);
        Problem p = new Problem(new SplittableRandom(3), 290, 70, 300);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[] one = p.run(threaded);
            Parallel.setThreads(3);
            float[] three = p.run(threaded);
            assertThat(three).isEqualTo(one);
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** A random problem with offsets and padded leading dimensions. */
    static final class Problem {
        final int m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
        final float[] a, b, c;

        Problem(SplittableRandom rnd, int m, int n, int k) {
            this.m = m;
            this.n = n;
            this.k = k;
            aOff = 1 + 2 * rnd.nextInt(3);
            bOff = 1 + 2 * rnd.nextInt(3);
            cOff = 1 + 2 * rnd.nextInt(3);
            lda = k + rnd.nextInt(4);
            ldb = n + rnd.nextInt(4);
            ldc = n + rnd.nextInt(4);
            a = random(rnd, aOff + m * lda + 3);
            b = random(rnd, bOff + k * ldb + 3);
            c = random(rnd, cOff + m * ldc + 3); // garbage in C: every rung must overwrite it
        }

        static float[] random(SplittableRandom rnd, int length) {
            float[] x = new float[length];
            for (int i = 0; i < length; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
            return x;
        }

        float[] run(Rung r) {
            float[] out = c.clone();
            r.multiply(m, n, k, a, aOff, lda, b, bOff, ldb, out, cOff, ldc);
            return out;
        }

        void check(Rung r) {
            float[] got = run(r);
            boolean[] inside = new boolean[c.length];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double exact = 0, magnitude = 0;
                    for (int p = 0; p < k; p++) {
                        double prod = (double) a[aOff + i * lda + p] * b[bOff + p * ldb + j];
                        exact += prod;
                        magnitude += Math.abs(prod);
                    }
                    int at = cOff + i * ldc + j;
                    inside[at] = true;
                    double bound = 2.0 * k * 0x1p-24 * magnitude + Float.MIN_NORMAL;
                    if (!(Math.abs(got[at] - exact) <= bound)) {
                        fail(r.name() + ": C[" + i + "][" + j + "] = " + got[at] + ", expected " + exact + " +- " + bound
                                + " (m=" + m + " n=" + n + " k=" + k + " lda=" + lda + " ldb=" + ldb + " ldc=" + ldc + ")");
                    }
                }
            }
            for (int x = 0; x < c.length; x++) {
                if (!inside[x] && Float.floatToRawIntBits(got[x]) != Float.floatToRawIntBits(c[x])) {
                    fail(r.name() + " wrote outside C at index " + x + " (m=" + m + " n=" + n + " ldc=" + ldc + ")");
                }
            }
        }
    }

    @Test
    void referenceCatchesAWrongProduct() {
        // The check above can fail: a rung that forgets the last step of the sum is caught.
        Rung dropsLastStep = new Rung() {
            public String name() { return "broken"; }
            public String change() { return ""; }
            public void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                 float[] c, int cOff, int ldc) {
                new NaiveIjk().multiply(m, n, k - 1, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            }
        };
        Problem p = new Problem(new SplittableRandom(4), 3, 3, 4);
        try {
            p.check(dropsLastStep);
        } catch (AssertionError expected) {
            assertThat(expected).hasMessageContaining("broken: C[");
            return;
        }
        fail("the reference check accepted a wrong product");
    }
}
