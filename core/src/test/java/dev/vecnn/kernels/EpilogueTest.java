package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.EpilogueKernel;
import dev.vecnn.kernels.internal.ScalarEpilogue;
import static dev.vecnn.kernels.ElementwiseTestData.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Fused epilogue: the SIMD kernel against the scalar twin bit for bit, and the facade against the
 * unfused kernels it replaces (Bias.addRowVector, Relu.forward, DropoutApply.apply; DropoutApply
 * then Relu.backward) bit for bit, over every column tail, odd leading dimensions and offsets,
 * with special values, with and without a mask; argument checks.
 */
class EpilogueTest {
    private static final String SIMD = "dev.vecnn.kernels.simd.SimdEpilogue";
    private static final EpilogueKernel SCALAR = new ScalarEpilogue();
    private static final int[] ROWS = {0, 1, 3};

    private static EpilogueKernel simdOrSkip() {
        EpilogueKernel simd = VectorSupport.simdOrNull(EpilogueKernel.class, SIMD);
        Assumptions.assumeTrue(simd != null, "SIMD kernels not enabled");
        return simd;
    }

    private static int size(int rows, int cols, int ld) {
        return rows == 0 ? 0 : (rows - 1) * ld + cols;
    }

    @Test
    void simdEqualsScalarFloat() {
        EpilogueKernel simd = simdOrSkip();
        float[] wb = new float[40], wc = new float[120], wm = new float[120], wd = new float[120];
        JitWarmup.warm("epilogue float", () -> {
            simd.biasReluDropout(3, 37, wb, 1, wc, 1, 39, wm, 1, 39, 2);
            simd.biasReluDropout(3, 37, wb, 1, wc, 1, 39, null, 1, 39, 1);
            simd.reluDropoutBackward(3, 37, wc, 1, 39, wc, 1, 39, wm, 1, 39, 2, wd, 1, 39);
            simd.reluDropoutBackward(3, 37, wc, 1, 39, wc, 1, 39, null, 1, 39, 1, wd, 1, 39);
        });
        Random random = new Random(51);
        tailLengths(VectorSupport.floatLanes()).forEach(cols -> {
            for (int rows : ROWS) {
                for (int off : OFFSETS) {
                    int ld = cols + off % 3;
                    float[] bias = floats(random, 1, cols, true);
                    float[] mask = floatMask(random, off, size(rows, cols, ld));
                    float[] dout = floats(random, off, size(rows, cols, ld), true);
                    // each case has its own loops: masked (scaled), unmasked scaled, unmasked unscaled
                    for (int kase = 0; kase < 3; kase++) {
                        boolean masked = kase == 0;
                        float scale = kase == 0 ? 1f / 0.3f : kase == 1 ? 0.5f : 1f;
                        float[] c1 = floats(random, off, size(rows, cols, ld), true);
                        float[] c2 = c1.clone();
                        simd.biasReluDropout(rows, cols, bias, 1, c1, off, ld, masked ? mask : null, off, ld, scale);
                        SCALAR.biasReluDropout(rows, cols, bias, 1, c2, off, ld, masked ? mask : null, off, ld, scale);
                        String at = " rows=" + rows + " cols=" + cols + " off=" + off + " masked=" + masked + " scale=" + scale;
                        assertSameBits(c1, c2, "forward" + at);
                        float[] d1 = floats(random, off, size(rows, cols, ld), false);
                        float[] d2 = d1.clone();
                        simd.reluDropoutBackward(rows, cols, c1, off, ld, dout, off, ld, masked ? mask : null, off,
                                ld, scale, d1, off, ld);
                        SCALAR.reluDropoutBackward(rows, cols, c1, off, ld, dout, off, ld, masked ? mask : null, off,
                                ld, scale, d2, off, ld);
                        assertSameBits(d1, d2, "backward" + at);
                    }
                }
            }
        });
    }

    @Test
    void simdEqualsScalarDouble() {
        EpilogueKernel simd = simdOrSkip();
        double[] wb = new double[40], wc = new double[120], wm = new double[120], wd = new double[120];
        JitWarmup.warm("epilogue double", () -> {
            simd.biasReluDropout(3, 37, wb, 1, wc, 1, 39, wm, 1, 39, 2);
            simd.biasReluDropout(3, 37, wb, 1, wc, 1, 39, null, 1, 39, 1);
            simd.reluDropoutBackward(3, 37, wc, 1, 39, wc, 1, 39, wm, 1, 39, 2, wd, 1, 39);
            simd.reluDropoutBackward(3, 37, wc, 1, 39, wc, 1, 39, null, 1, 39, 1, wd, 1, 39);
        });
        Random random = new Random(52);
        tailLengths(VectorSupport.doubleLanes()).forEach(cols -> {
            for (int rows : ROWS) {
                for (int off : OFFSETS) {
                    int ld = cols + off % 3;
                    double[] bias = doubles(random, 1, cols, true);
                    double[] mask = doubleMask(random, off, size(rows, cols, ld));
                    double[] dout = doubles(random, off, size(rows, cols, ld), true);
                    // each case has its own loops: masked (scaled), unmasked scaled, unmasked unscaled
                    for (int kase = 0; kase < 3; kase++) {
                        boolean masked = kase == 0;
                        double scale = kase == 0 ? 1 / 0.3 : kase == 1 ? 0.5 : 1;
                        double[] c1 = doubles(random, off, size(rows, cols, ld), true);
                        double[] c2 = c1.clone();
                        simd.biasReluDropout(rows, cols, bias, 1, c1, off, ld, masked ? mask : null, off, ld, scale);
                        SCALAR.biasReluDropout(rows, cols, bias, 1, c2, off, ld, masked ? mask : null, off, ld, scale);
                        String at = " rows=" + rows + " cols=" + cols + " off=" + off + " masked=" + masked + " scale=" + scale;
                        assertSameBits(c1, c2, "forward" + at);
                        double[] d1 = doubles(random, off, size(rows, cols, ld), false);
                        double[] d2 = d1.clone();
                        simd.reluDropoutBackward(rows, cols, c1, off, ld, dout, off, ld, masked ? mask : null, off,
                                ld, scale, d1, off, ld);
                        SCALAR.reluDropoutBackward(rows, cols, c1, off, ld, dout, off, ld, masked ? mask : null, off,
                                ld, scale, d2, off, ld);
                        assertSameBits(d1, d2, "backward" + at);
                    }
                }
            }
        });
    }

    @Test
    void fusedEqualsTheUnfusedKernelsBitForBit() {
        Random random = new Random(53);
        int rows = 7;
        int cols = 45; // whole vectors and a tail
        int ld = 48;
        int n = size(rows, cols, ld);
        float[] bias = floats(random, 0, cols, true);
        float[] mask = floatMask(random, 0, n);
        float scale = 1f / 0.25f;
        float[] x = floats(random, 0, n, true);

        // unfused: c += b; h = relu(c); out = h * mask * scale (row by row for the tile)
        float[] unfused = x.clone();
        Bias.addRowVector(rows, cols, bias, 0, unfused, 0, ld);
        float[] relu = unfused.clone();
        for (int i = 0; i < rows; i++) {
            Relu.forward(cols, unfused, i * ld, relu, i * ld);
        }
        float[] out = relu.clone();
        for (int i = 0; i < rows; i++) {
            DropoutApply.apply(cols, relu, i * ld, mask, i * ld, scale, out, i * ld);
        }
        float[] fused = x.clone();
        Epilogue.biasReluDropout(rows, cols, bias, 0, fused, 0, ld, mask, 0, ld, scale);
        assertSameBits(fused, out, "forward");

        // backward with h = relu output before dropout: exactly DropoutApply then Relu.backward
        float[] dout = floats(random, 0, n, true);
        float[] dDrop = dout.clone();
        float[] expected = dout.clone();
        for (int i = 0; i < rows; i++) {
            DropoutApply.apply(cols, dout, i * ld, mask, i * ld, scale, dDrop, i * ld);
            Relu.backward(cols, relu, i * ld, dDrop, i * ld, expected, i * ld);
        }
        float[] dh = dout.clone();
        Epilogue.reluDropoutBackward(rows, cols, relu, 0, ld, dout, 0, ld, mask, 0, ld, scale, dh, 0, ld);
        assertSameBits(dh, expected, "backward from relu output");

        // backward with h = fused output: differs only at dropped units, where it is +0.0
        float[] dh2 = dout.clone();
        Epilogue.reluDropoutBackward(rows, cols, fused, 0, ld, dout, 0, ld, mask, 0, ld, scale, dh2, 0, ld);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int at = i * ld + j;
                if (mask[at] == 0f) {
                    expected[at] = 0f;
                }
            }
        }
        assertSameBits(dh2, expected, "backward from fused output");

        // no mask: relu(c + b) only, and in place dout -> dh
        float[] noMask = x.clone();
        Epilogue.biasReluDropout(rows, cols, bias, 0, noMask, 0, ld, null, 0, 0, 1f);
        assertSameBits(noMask, relu, "forward without mask");
        float[] inPlace = dout.clone();
        float[] expectedNoMask = dout.clone();
        for (int i = 0; i < rows; i++) {
            Relu.backward(cols, relu, i * ld, dout, i * ld, expectedNoMask, i * ld);
        }
        Epilogue.reluDropoutBackward(rows, cols, relu, 0, ld, inPlace, 0, ld, null, 0, 0, 1f, inPlace, 0, ld);
        assertSameBits(inPlace, expectedNoMask, "backward without mask, in place");
    }

    @Test
    void badArgumentsNameTheArgumentAndBothValues() {
        float[] c = new float[12];
        float[] b = new float[4];
        assertThatThrownBy(() -> Epilogue.biasReluDropout(3, 4, b, 0, c, 0, 4, new float[11], 0, 4, 2f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mask too short for 3x4 with leading dimension 4 at offset 0: need 12 elements, got 11");
        assertThatThrownBy(() -> Epilogue.biasReluDropout(3, 4, b, 0, c, 0, 4, null, 0, 0, 0f))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("scale must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> Epilogue.biasReluDropout(3, 4, b, 1, c, 0, 4, null, 0, 0, 1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bias too short: need 5 elements (offset 1 + length 4), got 4");
        assertThatThrownBy(() -> Epilogue.reluDropoutBackward(3, 4, new double[12], 0, 4, new double[12], 0, 3,
                null, 0, 0, 1, new double[12], 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leading dimension of dout must be >= 4 (its column count), got 3");
        assertThatThrownBy(() -> Epilogue.reluDropoutBackward(3, 4, c, 0, 4, c, 0, 4, null, 0, 0,
                Float.POSITIVE_INFINITY, null, 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("dh must not be null");
    }
}
