package dev.vecnn.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Once C2 has compiled the SIMD GEMM, a call allocates nothing, in both precisions and for every
 * transpose form (packed and in-place A, vector and scalar packing, one and several depth
 * blocks, beta 0 and 1): the thread's allocation counter ({@code com.sun.management.ThreadMXBean})
 * must stay under a few bytes per call in the best of many windows. All forms run interleaved
 * from the first call, so the Vector API's shared type profiles see every vector class the
 * kernels make (a second DoubleVector species in the transposed-A packing once made every
 * double kernel box its stores: ~37 KB per 20x48x64 call). Shapes stay below the driver's
 * parallel threshold, so all the work is on this thread. Skips without the counter, on the
 * scalar fallback, without C2 (the interpreter and C1 box every vector) and without hardware
 * fused multiply-add (HotSpot's UseFMA off, e.g. SSE-only x86: the Vector API's fma is then a
 * boxed per-lane fallback, every call allocates and runs ~100x slower).
 *
 * <p>Tagged {@code steady-state}: core/pom.xml runs these in a JVM of their own, as what the JIT
 * compiles (and so whether escape analysis removes the vector objects) depends on the profiles the
 * other tests leave behind.
 */
@Tag("steady-state")
class GemmSteadyStateAllocationTest {
    /** Bytes per call still accepted in the best window (the counter itself allocates nothing). */
    private static final double LIMIT = 16;
    private static final int CALLS_PER_WINDOW = 100;
    /** About 1 s when it passes (C2 is done after a few windows); bounds the time when it fails. */
    private static final int MAX_WINDOWS = 200;

    private record Form(String name, Runnable call) {}

    @Test
    void gemmCallsAllocateNothingAfterWarmUp() {
        var bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter");
        var counter = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(counter.isThreadAllocatedMemorySupported() && counter.isThreadAllocatedMemoryEnabled(),
                "allocation counter disabled");
        assumeTrue("simd".equals(Gemm.implementation()), "SIMD GEMM not in use: " + VectorSupport.describe());
        assumeTrue(vmOption("UseCompiler", "true").equals("true")
                        && (Integer.parseInt(vmOption("TieredStopAtLevel", "4")) >= 4
                            || vmOption("TieredCompilation", "true").equals("false")),
                "no C2 compiler in this JVM (vectors are boxed until C2 compiles them)");
        assumeTrue(vmOption("UseFMA", "true").equals("true"), "no hardware fused multiply-add (UseFMA off)");

        List<Form> forms = forms();
        for (Form f : forms) f.call().run(); // grows this thread's packing buffers
        long tid = Thread.currentThread().getId();
        double[] best = new double[forms.size()];
        Arrays.fill(best, Double.MAX_VALUE);
        int window = 0;
        for (; window < MAX_WINDOWS && max(best) >= LIMIT; window++) {
            for (int i = 0; i < forms.size(); i++) {
                Runnable call = forms.get(i).call();
                long before = counter.getThreadAllocatedBytes(tid);
                for (int r = 0; r < CALLS_PER_WINDOW; r++) call.run();
                double perCall = (counter.getThreadAllocatedBytes(tid) - before) / (double) CALLS_PER_WINDOW;
                best[i] = Math.min(best[i], perCall);
            }
        }
        System.out.println("GEMM steady state reached after " + window + " windows of " + CALLS_PER_WINDOW + " calls");
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < forms.size(); i++) {
            report.append(String.format("%n  %-36s %10.1f B/call", forms.get(i).name(), best[i]));
        }
        for (int i = 0; i < forms.size(); i++) {
            assertThat(best[i]).as("bytes per call, best window, of %s; all forms:%s", forms.get(i).name(), report)
                    .isLessThan(LIMIT);
        }
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) m = Math.max(m, v);
        return m;
    }

    /** A HotSpot VM option's value, {@code otherwise} when the JVM does not have it. */
    private static String vmOption(String name, String otherwise) {
        try {
            var hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotspot == null ? otherwise : hotspot.getVMOption(name).getValue();
        } catch (RuntimeException notThere) {
            return otherwise;
        }
    }

    /**
     * Each form as one call on preallocated arrays; m*n*k below BlockedGemm.PARALLEL_MIN_MNK.
     * Shapes: the engine's NN (A read in place), TN (dW = X^T dout, transposed-A packing), NT both
     * ways round (m < n is computed as C^T), NN with n >= DIRECT_A_MAX_COLS (packed A), NN with
     * k over one depth block and beta 1 (the accumulate write), ragged edges, and the narrow tile.
     */
    private static List<Form> forms() {
        List<Form> forms = new ArrayList<>();
        int[][] shapes = { // transA, transB, m, n, k, beta
                {0, 0, 20, 48, 64, 0},
                {1, 0, 64, 48, 20, 0},
                {0, 1, 20, 48, 64, 0},
                {0, 1, 64, 20, 48, 0},
                {1, 1, 36, 20, 30, 0},
                {0, 0, 4, 640, 12, 0},
                {0, 0, 4, 32, 600, 1},
                {1, 0, 37, 35, 13, 1},
                {0, 0, 9, 23, 17, 1},
                {0, 0, 20, 10, 64, 0},   // narrow tile (C at most one vector wide), A in place
                {1, 0, 20, 2, 64, 0},    // narrow tile, A packed
                {0, 1, 2, 40, 30, 0},    // narrow tile on C^T
        };
        Random random = new Random(42);
        for (int[] s : shapes) {
            boolean transA = s[0] == 1;
            boolean transB = s[1] == 1;
            int m = s[2], n = s[3], k = s[4];
            int lda = transA ? m : k;
            int ldb = transB ? k : n;
            String name = (transA ? "T" : "N") + (transB ? "T" : "N") + " " + m + "x" + n + "x" + k
                    + (s[5] == 0 ? "" : " beta=1");
            double[] a = gaussian(random, m * k);
            double[] b = gaussian(random, k * n);
            double[] c = new double[m * n];
            double beta = s[5];
            forms.add(new Form("dgemm " + name, () ->
                    Gemm.dgemm(transA, transB, m, n, k, 1.0, a, 0, lda, b, 0, ldb, beta, c, 0, n)));
            float[] af = toFloats(a);
            float[] bf = toFloats(b);
            float[] cf = new float[m * n];
            float betaF = s[5];
            forms.add(new Form("sgemm " + name, () ->
                    Gemm.sgemm(transA, transB, m, n, k, 1f, af, 0, lda, bf, 0, ldb, betaF, cf, 0, n)));
        }
        return forms;
    }

    private static double[] gaussian(Random random, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) x[i] = random.nextGaussian() * 0.1;
        return x;
    }

    private static float[] toFloats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
        return f;
    }
}
