package dev.vecnn.bench;

import dev.vecnn.kernels.simd.SimdGemm;

/**
 * Runs every micro-kernel of one GEMM register tile until C2 has compiled it (A packed and read
 * in place, wide and narrow C, both precisions, one depth block and two: the kernels' epilogue
 * both sets and adds to C), for {@code bench/gemm_spills.py}, which prints
 * C2's machine code of the kernels and checks their inner loops for spills.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.vecnn.bench.GemmKernelsHot 8 2</pre>
 */
public final class GemmKernelsHot {
    private GemmKernelsHot() {}

    public static void main(String[] args) {
        SimdGemm g = new SimdGemm(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        int kMax = 640; // above the depth block (512): two blocks
        float[] a = new float[40 * kMax], b = new float[kMax * 48], c = new float[40 * 48];
        double[] ad = new double[40 * kMax], bd = new double[kMax * 48], cd = new double[40 * 48];
        for (int i = 0; i < 60_000; i++) {
            int k = i % 8 == 7 ? kMax : 64;
            for (int t = 0; t < 2; t++) {
                boolean ta = t == 1; // NN reads A in place, TN packs it
                for (int n : new int[] {48, 2}) { // wide and narrow C
                    g.sgemm(ta, false, 20, n, k, 1f, a, 0, ta ? 20 : k, b, 0, n, 0f, c, 0, n);
                    g.dgemm(ta, false, 20, n, k, 1, ad, 0, ta ? 20 : k, bd, 0, n, 0, cd, 0, n);
                }
            }
        }
    }
}
