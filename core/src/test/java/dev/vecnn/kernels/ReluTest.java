package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.ReluKernel;
import dev.vecnn.kernels.internal.ScalarRelu;
import static dev.vecnn.kernels.ElementwiseTestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * ReLU: the SIMD kernel against the scalar twin (bit for bit, NaN payloads included) on seeded
 * random inputs with special values, every tail length and odd offsets; the documented special
 * values through the facade and through every available kernel; argument checks.
 */
class ReluTest {
    private static final String SIMD = "dev.vecnn.kernels.simd.SimdRelu";
    private static final ReluKernel SCALAR = new ScalarRelu();

    private static ReluKernel simdOrSkip() {
        ReluKernel simd = VectorSupport.simdOrNull(ReluKernel.class, SIMD);
        Assumptions.assumeTrue(simd != null, "SIMD kernels not enabled");
        return simd;
    }

    /** The scalar twin and, when enabled, the SIMD kernel. */
    private static List<ReluKernel> kernels() {
        List<ReluKernel> list = new ArrayList<>(List.of(SCALAR));
        ReluKernel simd = VectorSupport.simdOrNull(ReluKernel.class, SIMD);
        if (simd != null) {
            list.add(simd);
        }
        return list;
    }

    @Test
    void simdForwardAndBackwardEqualScalarBitForBitFloat() {
        ReluKernel simd = simdOrSkip();
        float[] wx = new float[40], wy = new float[40], wd = new float[40];
        JitWarmup.warm("relu float", () -> {
            simd.forward(37, wx, 1, wy, 2);
            simd.backward(37, wx, 1, wy, 2, wd, 1);
        });
        Random random = new Random(1);
        tailLengths(VectorSupport.floatLanes()).forEach(n -> {
            for (int xOff : OFFSETS) {
                int yOff = (xOff + 5) % 7;
                float[] x = floats(random, xOff, n, true);
                float[] dout = floats(random, yOff, n, true);
                float[] y1 = floats(random, yOff, n, false);
                float[] y2 = y1.clone();
                simd.forward(n, x, xOff, y1, yOff);
                SCALAR.forward(n, x, xOff, y2, yOff);
                assertSameRawBits(y1, y2, "forward n=" + n + " xOff=" + xOff);
                float[] dx1 = floats(random, xOff, n, false);
                float[] dx2 = dx1.clone();
                simd.backward(n, x, xOff, dout, yOff, dx1, xOff);
                SCALAR.backward(n, x, xOff, dout, yOff, dx2, xOff);
                assertSameRawBits(dx1, dx2, "backward n=" + n + " xOff=" + xOff);
            }
        });
    }

    @Test
    void simdForwardAndBackwardEqualScalarBitForBitDouble() {
        ReluKernel simd = simdOrSkip();
        double[] wx = new double[40], wy = new double[40], wd = new double[40];
        JitWarmup.warm("relu double", () -> {
            simd.forward(37, wx, 1, wy, 2);
            simd.backward(37, wx, 1, wy, 2, wd, 1);
        });
        Random random = new Random(2);
        tailLengths(VectorSupport.doubleLanes()).forEach(n -> {
            for (int xOff : OFFSETS) {
                int yOff = (xOff + 5) % 7;
                double[] x = doubles(random, xOff, n, true);
                double[] dout = doubles(random, yOff, n, true);
                double[] y1 = doubles(random, yOff, n, false);
                double[] y2 = y1.clone();
                simd.forward(n, x, xOff, y1, yOff);
                SCALAR.forward(n, x, xOff, y2, yOff);
                assertSameRawBits(y1, y2, "forward n=" + n + " xOff=" + xOff);
                double[] dx1 = doubles(random, xOff, n, false);
                double[] dx2 = dx1.clone();
                simd.backward(n, x, xOff, dout, yOff, dx1, xOff);
                SCALAR.backward(n, x, xOff, dout, yOff, dx2, xOff);
                assertSameRawBits(dx1, dx2, "backward n=" + n + " xOff=" + xOff);
            }
        });
    }

    // Specials repeated so that they land both in whole vectors and in the scalar tail.
    private static final int REPEAT = 5;
    private static final float[] X_F = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        -0.0f, 0.0f, -1.5f, 2.5f, Float.MIN_VALUE, -Float.MIN_VALUE};
    private static final float[] Y_F = {Float.NaN, Float.POSITIVE_INFINITY, 0f,
        0f, 0f, 0f, 2.5f, Float.MIN_VALUE, 0f};

    @Test
    void specialValuesFloat() {
        int n = X_F.length * REPEAT;
        float[] x = new float[n];
        float[] expectedY = new float[n];
        float[] dout = new float[n];
        float[] expectedDx = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = X_F[i % X_F.length];
            expectedY[i] = Y_F[i % Y_F.length];
            // dout cycles through ordinary and special values, out of step with x
            dout[i] = new float[] {7f, Float.NaN, Float.NEGATIVE_INFINITY, -0.0f}[i % 4];
            expectedDx[i] = x[i] > 0 ? dout[i] : 0f; // defined: dout where x > 0, else +0.0
        }
        // spelled out for the interesting cases
        assertThat(expectedDx[1]).isNaN();            // x = +Inf keeps dout (NaN)
        assertThat(Float.floatToRawIntBits(expectedDx[0])).isZero(); // x = NaN gives +0.0
        for (ReluKernel kernel : kernels()) {
            float[] y = new float[n];
            kernel.forward(n, x, 0, y, 0);
            assertSameRawBits(y, expectedY, kernel.getClass().getSimpleName() + " forward");
            float[] dx = new float[n];
            kernel.backward(n, x, 0, dout, 0, dx, 0);
            assertSameRawBits(dx, expectedDx, kernel.getClass().getSimpleName() + " backward");
            // backward from the forward output gives the same gradient
            kernel.backward(n, y, 0, dout, 0, dx, 0);
            assertSameRawBits(dx, expectedDx, kernel.getClass().getSimpleName() + " backward from y");
        }
        float[] y = new float[n];
        Relu.forward(n, x, 0, y, 0);
        assertSameRawBits(y, expectedY, "facade forward");
        // NaN passes through with its payload
        float payloadNaN = Float.intBitsToFloat(0x7fc01234);
        float[] one = {payloadNaN};
        Relu.forward(1, one, 0, one, 0);
        assertThat(Float.floatToRawIntBits(one[0])).isEqualTo(0x7fc01234);
    }

    @Test
    void specialValuesDouble() {
        double[] xs = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
            -1.5, 2.5, Double.MIN_VALUE, -Double.MIN_VALUE};
        double[] ys = {Double.NaN, Double.POSITIVE_INFINITY, 0, 0, 0, 0, 2.5, Double.MIN_VALUE, 0};
        int n = xs.length * REPEAT;
        double[] x = new double[n];
        double[] expectedY = new double[n];
        double[] dout = new double[n];
        double[] expectedDx = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xs[i % xs.length];
            expectedY[i] = ys[i % ys.length];
            dout[i] = new double[] {7, Double.NaN, Double.NEGATIVE_INFINITY, -0.0}[i % 4];
            expectedDx[i] = x[i] > 0 ? dout[i] : 0;
        }
        for (ReluKernel kernel : kernels()) {
            double[] y = new double[n];
            kernel.forward(n, x, 0, y, 0);
            assertSameRawBits(y, expectedY, kernel.getClass().getSimpleName() + " forward");
            double[] dx = new double[n];
            kernel.backward(n, x, 0, dout, 0, dx, 0);
            assertSameRawBits(dx, expectedDx, kernel.getClass().getSimpleName() + " backward");
        }
        double[] dx = new double[n];
        Relu.backward(n, x, 0, dout, 0, dx, 0);
        assertSameRawBits(dx, expectedDx, "facade backward");
    }

    @Test
    void facadeWorksInPlaceAndOnlyTouchesItsRange() {
        Random random = new Random(3);
        int n = 37;
        float[] x = floats(random, 3, n, true);
        float[] expected = new float[x.length];
        SCALAR.forward(x.length, x, 0, expected, 0); // whole array, then restore the sentinels
        expected[0] = expected[1] = expected[2] = FLOAT_SENTINEL;
        expected[x.length - 2] = expected[x.length - 1] = FLOAT_SENTINEL;
        Relu.forward(n, x, 3, x, 3);
        assertSameRawBits(x, expected, "in place");

        double[] dout = doubles(random, 1, n, false);
        double[] xd = doubles(random, 1, n, false);
        double[] expectedDx = dout.clone();
        for (int i = 1; i <= n; i++) {
            expectedDx[i] = xd[i] > 0 ? dout[i] : 0;
        }
        Relu.backward(n, xd, 1, dout, 1, dout, 1);
        assertSameRawBits(dout, expectedDx, "backward in place");
    }

    @Test
    void badArgumentsNameTheArgumentAndBothValues() {
        float[] x = new float[9];
        float[] y = new float[9];
        assertThatThrownBy(() -> Relu.forward(-1, x, 0, y, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("n must be >= 0, got -1");
        assertThatThrownBy(() -> Relu.forward(8, x, 2, y, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x too short: need 10 elements (offset 2 + length 8), got 9");
        assertThatThrownBy(() -> Relu.forward(8, x, 0, y, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("y offset must be >= 0, got -1");
        assertThatThrownBy(() -> Relu.forward(1, null, 0, y, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("x must not be null");
        assertThatThrownBy(() -> Relu.backward(9, x, 0, new float[8], 0, y, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dout too short: need 9 elements (offset 0 + length 9), got 8");
        assertThatThrownBy(() -> Relu.backward(9, new double[9], 0, new double[9], 0, new double[9], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dx too short: need 10 elements (offset 1 + length 9), got 9");
    }
}
