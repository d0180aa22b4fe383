package dev.vecnn.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vecnn.kernels.internal.GemmKernel;
import dev.vecnn.kernels.internal.ScalarGemm;
import org.junit.jupiter.api.Test;

/** The bench's correctness gate for GEMM: the facade's product against the scalar twin, before any timing. */
class GemmCasesTest {
    @Test
    void shapeNamesFollowGemmBench() {
        GemmCases.Problem p = new GemmCases.Problem("TN_30x7x5", false);
        assertThat(p.transA).isTrue();
        assertThat(p.transB).isFalse();
        assertThat(new int[] {p.m, p.k, p.n, p.lda, p.ldb}).containsExactly(30, 7, 5, 30, 5);
        assertThat(p.flops()).isEqualTo(2.0 * 30 * 5 * 7);
        assertThat(p.bytes()).isEqualTo(4.0 * (30 * 7 + 7 * 5 + 30 * 5));
        assertThat(new GemmCases.Problem("NN_1024x1024x1024", true, false).bytes()).isEqualTo(8.0 * 3 * 1024 * 1024);
    }

    @Test
    void theFacadeAgreesWithTheScalarTwinOnEveryTransposeCase() {
        for (String shape : new String[] {"NN_13x37x21", "TN_13x37x21", "NT_13x37x21", "TT_13x37x21"}) {
            new GemmCases.Problem(shape, false).check(new ScalarGemm());
            new GemmCases.Problem(shape, true).check(new ScalarGemm());
        }
    }

    @Test
    void aWrongKernelStopsTheBenchWithOneLine() {
        GemmKernel offByOne = new GemmKernel() { // the scalar twin, then C[2] changed by 1
            final ScalarGemm twin = new ScalarGemm();

            public void sgemm(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
                twin.sgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                c[cOff + 2] += 1f;
            }

            public void dgemm(boolean ta, boolean tb, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                              double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
                twin.dgemm(ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            }
        };
        assertThatThrownBy(() -> new GemmCases.Problem("NN_4x8x6", false).check(offByOne))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("GEMM NN_4x8x6 float32: C[2] = ")
                .hasMessageContaining("but the scalar twin gives");
    }
}
