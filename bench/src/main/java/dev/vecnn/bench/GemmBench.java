package dev.vecnn.bench;

import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Parallel;
import dev.vecnn.kernels.internal.GemmKernel;
import dev.vecnn.kernels.internal.ScalarGemm;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * GEMM at the seed network's shapes and at 1024^3, float and double, SIMD (the {@link Gemm}
 * facade) and scalar (the {@link ScalarGemm} twin called directly), on 1 and 2 threads.
 *
 * <p>{@code shape} is {@code <opA><opB>_<m>x<k>x<n>}: op(A) is m x k, op(B) is k x n.
 * <ul>
 *   <li>NN_100x3072x500: first affine layer forward, X (100x3072) . W1 (3072x500)</li>
 *   <li>TN_3072x100x500: dW1 = X^T . dH</li>
 *   <li>NT_100x500x3072: dX = dH . W1^T</li>
 *   <li>NN_100x500x10: second affine layer forward, H (100x500) . W2 (500x10)</li>
 *   <li>NN_500x3072x500, NN_1000x3072x500: first layer forward in evaluation batches</li>
 *   <li>NN_1024x1024x1024</li>
 * </ul>
 * GFLOP/s = 2*m*n*k / time; {@code bench/gemm_numpy.py} converts and compares with numpy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class GemmBench {
    @Param({"NN_100x3072x500", "TN_3072x100x500", "NT_100x500x3072", "NN_100x500x10", "NN_500x3072x500",
            "NN_1000x3072x500", "NN_1024x1024x1024"})
    String shape;

    @Param({"simd", "scalar"})
    String impl;

    @Param({"1", "2"})
    int threads;

    boolean transA;
    boolean transB;
    int m;
    int n;
    int k;
    int lda;
    int ldb;
    float[] af;
    float[] bf;
    float[] cf;
    double[] ad;
    double[] bd;
    double[] cd;
    GemmKernel scalar;

    @Setup(Level.Trial)
    public void setup() {
        String[] parts = shape.split("_");
        transA = parts[0].charAt(0) == 'T';
        transB = parts[0].charAt(1) == 'T';
        String[] dims = parts[1].split("x");
        m = Integer.parseInt(dims[0]);
        k = Integer.parseInt(dims[1]);
        n = Integer.parseInt(dims[2]);
        lda = transA ? m : k;
        ldb = transB ? k : n;
        Random r = new Random(42);
        af = new float[m * k];
        bf = new float[k * n];
        cf = new float[m * n];
        ad = new double[m * k];
        bd = new double[k * n];
        cd = new double[m * n];
        for (int i = 0; i < af.length; i++) ad[i] = af[i] = (float) r.nextGaussian();
        for (int i = 0; i < bf.length; i++) bd[i] = bf[i] = (float) r.nextGaussian();
        scalar = new ScalarGemm();
        Parallel.setThreads(threads);
    }

    @Benchmark
    public float[] sgemm() {
        if (impl.equals("simd")) {
            Gemm.sgemm(transA, transB, m, n, k, 1f, af, 0, lda, bf, 0, ldb, 0f, cf, 0, n);
        } else {
            scalar.sgemm(transA, transB, m, n, k, 1f, af, 0, lda, bf, 0, ldb, 0f, cf, 0, n);
        }
        return cf;
    }

    @Benchmark
    public double[] dgemm() {
        if (impl.equals("simd")) {
            Gemm.dgemm(transA, transB, m, n, k, 1, ad, 0, lda, bd, 0, ldb, 0, cd, 0, n);
        } else {
            scalar.dgemm(transA, transB, m, n, k, 1, ad, 0, lda, bd, 0, ldb, 0, cd, 0, n);
        }
        return cd;
    }
}
