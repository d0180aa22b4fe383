package dev.vecnn.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The public {@link Gemm} facade: argument checks, and that it delegates to a correct kernel. */
class GemmFacadeTest {

    @Test
    void negativeSizesAreRejectedWithNameAndValue() {
        float[] x = new float[16];
        assertThatThrownBy(() -> Gemm.sgemm(false, false, -1, 2, 2, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m").hasMessageContaining("-1");
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 2, -3, 2, 1f, x, 0, 2, x, 0, 2, 0f, x, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n must be >= 0, got -3");
        double[] d = new double[16];
        assertThatThrownBy(() -> Gemm.dgemm(false, false, 2, 2, -4, 1, d, 0, 2, d, 0, 2, 0, d, 0, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be >= 0, got -4");
    }

    @Test
    void shortArraysAreRejectedWithBothLengths() {
        float[] a = new float[3 * 4];
        float[] b = new float[4 * 5];
        float[] c = new float[3 * 5];
        // a needs offset 1 + 3x4 = 13 elements, has 12
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 3, 5, 4, 1f, a, 1, 4, b, 0, 5, 0f, c, 0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a too short").hasMessageContaining("need 13").hasMessageContaining("got 12");
        // transposed B is stored 5 x 4: needs 20, give 19
        assertThatThrownBy(() -> Gemm.sgemm(false, true, 3, 5, 4, 1f, a, 0, 4, new float[19], 0, 4, 0f, c, 0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b too short").hasMessageContaining("need 20").hasMessageContaining("got 19");
        double[] cd = new double[14];
        assertThatThrownBy(() -> Gemm.dgemm(false, false, 3, 5, 4, 1, new double[12], 0, 4, new double[20], 0, 5, 0, cd, 0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c too short").hasMessageContaining("need 15").hasMessageContaining("got 14");
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 3, 5, 4, 1f, a, -1, 4, b, 0, 5, 0f, c, 0, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a offset must be >= 0, got -1");
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 3, 5, 4, 1f, null, 0, 4, b, 0, 5, 0f, c, 0, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a must not be null");
    }

    @Test
    void smallLeadingDimensionsAreRejectedWithBothValues() {
        float[] big = new float[100];
        // op(A) = A is 3 x 4: lda >= 4
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 3, 5, 4, 1f, big, 0, 3, big, 0, 5, 0f, big, 0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leading dimension of a must be >= 4").hasMessageContaining("got 3");
        // transposed A is stored 4 x 3: lda >= 3 is fine, 2 is not
        assertThatThrownBy(() -> Gemm.sgemm(true, false, 3, 5, 4, 1f, big, 0, 2, big, 0, 5, 0f, big, 0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leading dimension of a must be >= 3").hasMessageContaining("got 2");
        assertThatThrownBy(() -> Gemm.sgemm(false, true, 3, 5, 4, 1f, big, 0, 4, big, 0, 3, 0f, big, 0, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leading dimension of b must be >= 4").hasMessageContaining("got 3");
        double[] d = new double[100];
        assertThatThrownBy(() -> Gemm.dgemm(false, false, 3, 5, 4, 1, d, 0, 4, d, 0, 5, 0, d, 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leading dimension of c must be >= 5").hasMessageContaining("got 4");
    }

    @Test
    void facadeComputesTheProductWithTheActiveKernel() {
        SplittableRandom rnd = new SplittableRandom(4);
        int m = 37, n = 53, k = 300;
        float[] a = new float[m * k];
        float[] b = new float[n * k];
        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) rnd.nextDouble(-1, 1);
        float[] c = new float[m * n];
        Gemm.sgemm(false, true, m, n, k, 1f, a, 0, k, b, 0, k, 0f, c, 0, n);
        GemmReference.Expected want = GemmReference.gemm(false, true, m, n, k, 1,
                GemmReference.toDouble(a), 0, k, GemmReference.toDouble(b), 0, k, 0, new double[m * n], 0, n, 0x1p-24);
        for (int i = 0; i < m * n; i++) {
            assertThat((double) c[i]).isCloseTo(want.values()[i], org.assertj.core.data.Offset.offset(want.tolerance()[i]));
        }
        assertThat(Gemm.implementation()).isEqualTo(VectorSupport.simdEnabled() ? "simd" : "scalar");
    }
}
