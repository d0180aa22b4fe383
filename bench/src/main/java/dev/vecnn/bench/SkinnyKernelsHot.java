package dev.vecnn.bench;

import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Parallel;

/**
 * Runs the skinny GEMM's row kernels (1, 2, 4 and 8 rows of A against a wide B, both precisions)
 * until C2 has compiled them, for {@code bench/gemm_spills.py --skinny}, which prints C2's machine
 * code of those kernels and checks their inner loops for spills.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.vecnn.bench.SkinnyKernelsHot</pre>
 */
public final class SkinnyKernelsHot {
    private SkinnyKernelsHot() {}

    public static void main(String[] args) {
        Parallel.setThreads(1);
        int n = 200, k = 96;
        float[] a = new float[8 * k], b = new float[k * n], c = new float[8 * n];
        double[] ad = new double[8 * k], bd = new double[k * n], cd = new double[8 * n];
        for (int i = 0; i < 20_000; i++) {
            for (int m : new int[] {1, 2, 4, 8}) {
                Gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
                Gemm.dgemm(false, false, m, n, k, 1, ad, 0, k, bd, 0, n, 0, cd, 0, n);
            }
        }
    }
}
