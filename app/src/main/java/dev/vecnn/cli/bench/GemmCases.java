package dev.vecnn.cli.bench;

import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Parallel;
import dev.vecnn.kernels.VectorSupport;
import dev.vecnn.kernels.internal.GemmKernel;
import dev.vecnn.kernels.internal.ScalarGemm;
import java.util.List;
import java.util.SplittableRandom;

/**
 * GEMM at the seed net's shapes and 1024^3, as bench/'s JMH GemmBench measures them: the
 * library's {@link Gemm} facade ("simd") and the {@link ScalarGemm} twin called directly
 * ("scalar"), float32 and float64, with {@code C = op(A) op(B)} (alpha 1, beta 0). Before it is
 * timed, each SIMD product is checked against the scalar twin's.
 */
final class GemmCases {
    /** {@code <opA><opB>_<m>x<k>x<n>}: op(A) is m x k, op(B) is k x n (GemmBench's names). */
    static final List<String> SHAPES = List.of("NN_100x3072x500", "TN_3072x100x500", "NT_100x500x3072",
            "NN_100x500x10", "NN_1024x1024x1024");

    private GemmCases() {}

    /** One shape in one precision, with its operands. */
    static final class Problem {
        final String shape;
        final boolean transA, transB, dbl;
        final int m, n, k, lda, ldb;
        final float[] af, bf, cf;
        final double[] ad, bd, cd;

        Problem(String shape, boolean dbl) {
            this(shape, dbl, true);
        }

        /** With {@code operands} false only the sizes (for rows measured elsewhere, e.g. numpy). */
        Problem(String shape, boolean dbl, boolean operands) {
            this.shape = shape;
            this.dbl = dbl;
            String[] parts = shape.split("_");
            transA = parts[0].charAt(0) == 'T';
            transB = parts[0].charAt(1) == 'T';
            String[] dims = parts[1].split("x");
            m = Integer.parseInt(dims[0]);
            k = Integer.parseInt(dims[1]);
            n = Integer.parseInt(dims[2]);
            lda = transA ? m : k;
            ldb = transB ? k : n;
            SplittableRandom r = new SplittableRandom(42);
            boolean f = operands && !dbl;
            boolean d = operands && dbl;
            af = f ? new float[m * k] : null;
            bf = f ? new float[k * n] : null;
            cf = f ? new float[m * n] : null;
            ad = d ? new double[m * k] : null;
            bd = d ? new double[k * n] : null;
            cd = d ? new double[m * n] : null;
            if (!operands) {
                return;
            }
            for (int i = 0; i < m * k; i++) {
                double v = r.nextDouble() * 2 - 1;
                if (dbl) ad[i] = v; else af[i] = (float) v;
            }
            for (int i = 0; i < k * n; i++) {
                double v = r.nextDouble() * 2 - 1;
                if (dbl) bd[i] = v; else bf[i] = (float) v;
            }
        }

        double flops() {
            return 2.0 * m * n * k;
        }

        /** A, B read and C written once each. */
        double bytes() {
            return (dbl ? 8.0 : 4.0) * ((double) m * k + (double) k * n + (double) m * n);
        }

        /** One product with {@code kernel} (null: the {@link Gemm} facade); returns a checksum element. */
        double run(GemmKernel kernel) {
            if (dbl) {
                if (kernel == null) Gemm.dgemm(transA, transB, m, n, k, 1, ad, 0, lda, bd, 0, ldb, 0, cd, 0, n);
                else kernel.dgemm(transA, transB, m, n, k, 1, ad, 0, lda, bd, 0, ldb, 0, cd, 0, n);
                return cd[0] + cd[cd.length - 1];
            }
            if (kernel == null) Gemm.sgemm(transA, transB, m, n, k, 1f, af, 0, lda, bf, 0, ldb, 0f, cf, 0, n);
            else kernel.sgemm(transA, transB, m, n, k, 1f, af, 0, lda, bf, 0, ldb, 0f, cf, 0, n);
            return cf[0] + cf[cf.length - 1];
        }

        /**
         * The facade's C against the scalar twin's: inputs are in [-1, 1], so each element of C
         * is a sum of k products of magnitude at most 1, and two orders of summation differ by at
         * most about 2 k eps.
         */
        void check(GemmKernel scalar) {
            run(null);
            double[] got = copyC();
            run(scalar);
            double[] want = copyC();
            double bound = 2.0 * k * (dbl ? 0x1p-52 : 0x1p-23) + 1e-30;
            for (int i = 0; i < got.length; i++) {
                if (!(Math.abs(got[i] - want[i]) <= bound)) {
                    throw new IllegalStateException("GEMM " + shape + " " + (dbl ? "float64" : "float32")
                            + ": C[" + i + "] = " + got[i] + " but the scalar twin gives " + want[i]);
                }
            }
        }

        private double[] copyC() {
            double[] out = new double[m * n];
            for (int i = 0; i < out.length; i++) {
                out[i] = dbl ? cd[i] : cf[i];
            }
            return out;
        }
    }

    /**
     * {@code --quick} budgets for GEMM. The SIMD GEMM needs a longer warm-up than the other
     * kernels: with {@link Harness.Budget#QUICK} (at most 1.2 s) some transpose cases were timed
     * on a plateau before C2's final code (NT_100x500x3072 float32 at a third of its speed, while
     * a JVM that had run the same product 2 000 times measured it at full speed, whatever it had
     * run before). The scalar twin has no Vector API to wait for.
     */
    static final Harness.Budget QUICK_SIMD = new Harness.Budget(0.04, 5, 1.0, 2.0);
    static final Harness.Budget QUICK_SCALAR = new Harness.Budget(0.04, 5, 0.1, 0.6);

    /** Measures one shape/precision with SIMD and scalar on each thread count (scalar on the last only when quick). */
    static void measure(Problem p, int[] threadCounts, boolean quick, Harness.Budget budget, Suite.Sink sink) {
        Harness.Budget simdBudget = quick ? QUICK_SIMD : budget;
        Harness.Budget scalarBudget = quick ? QUICK_SCALAR : budget;
        GemmKernel scalar = new ScalarGemm();
        String dtype = p.dbl ? "float64" : "float32";
        boolean simd = VectorSupport.simdEnabled();
        if (simd) {
            sink.step("check " + p.shape + " " + dtype + " against the scalar twin");
            p.check(scalar);
        }
        for (int t : threadCounts) {
            Parallel.setThreads(t);
            if (simd) {
                sink.step("gemm " + p.shape + " " + dtype + " simd " + t + "t");
                sink.add(Row.of("gemm", p.shape, "simd", dtype, t, p.flops(), p.bytes(), Harness.measure(() -> p.run(null), simdBudget, Harness.clockFor(t))));
            }
            if (quick && t != threadCounts[threadCounts.length - 1]) {
                continue; // --quick: the scalar twin on all threads only
            }
            sink.step("gemm " + p.shape + " " + dtype + " scalar " + t + "t");
            sink.add(Row.of("gemm", p.shape, "scalar", dtype, t, p.flops(), p.bytes(), Harness.measure(() -> p.run(scalar), scalarBudget, Harness.clockFor(t))));
        }
    }
}
