package dev.vecnn.model;

import dev.vecnn.kernels.Bias;
import dev.vecnn.kernels.Epilogue;
import dev.vecnn.kernels.Gemm;
import dev.vecnn.layers.DropoutParam;
import dev.vecnn.tensor.Tensor;

/**
 * Test-mode class scores of a FullyConnectedNet without normalization, on hidden-layer buffers
 * the model owns and reuses (they grow to the largest batch seen). Per hidden layer:
 * {@code h = in @ W} (GEMM), then {@code h = relu(h + b)} in one fused pass, times {@code p}
 * for vanilla dropout ({@link Epilogue} with no mask; inverted dropout is the identity at test
 * time). The last layer is {@code scores = h @ W + b}.
 *
 * <p>These are the operations of {@link FullyConnectedNet#loss(Tensor)}'s layer-by-layer path
 * (affine, relu, dropout in test mode), in the same order, so both give the same bits. Each row
 * of the scores depends on its own row of X only, so the scores do not depend on how the rows
 * are split into batches either (the GEMM's per-element sum order depends on k, never on m).
 */
final class ScoreWorkspace {
    private final FullyConnectedNet net;
    private final int layers;
    private final int[] dims;
    private float[][] hiddenF;
    private double[][] hiddenD;
    private int capacityRows;

    ScoreWorkspace(FullyConnectedNet net) {
        this.net = net;
        this.layers = net.numLayers();
        this.dims = net.layerDims();
    }

    private void ensureRows(int n) {
        if (n <= capacityRows) return;
        capacityRows = n;
        boolean f32 = net.dtype() == dev.vecnn.tensor.DType.FLOAT32;
        hiddenF = f32 ? new float[layers - 1][] : null;
        hiddenD = f32 ? null : new double[layers - 1][];
        for (int i = 0; i < layers - 1; i++) {
            if (f32) hiddenF[i] = new float[n * dims[i + 1]];
            else hiddenD[i] = new double[n * dims[i + 1]];
        }
    }

    /** Scores (N, C) of the rows of x (already checked and flattened to (N, D)). */
    Tensor scores(Tensor x) {
        int n = x.rows();
        ensureRows(n);
        DropoutParam dp = net.dropoutParam();
        // test mode: inverted dropout passes through; vanilla scales by p (DropoutParam.p is the KEEP probability)
        boolean scaleByP = net.usesDropout() && !dp.isInverted();
        Tensor scores = Tensor.zeros(net.dtype(), n, dims[layers]);
        if (x.isFloat32()) {
            float[] in = x.floats();
            float scale = scaleByP ? (float) dp.p() : 1f;
            for (int i = 0; i < layers - 1; i++) {
                float[] h = hiddenF[i];
                Gemm.sgemm(false, false, n, dims[i + 1], dims[i], 1f, in, 0, dims[i],
                        net.param(net.wName(i)).floats(), 0, dims[i + 1], 0f, h, 0, dims[i + 1]);
                Epilogue.biasReluDropout(n, dims[i + 1], net.param(net.bName(i)).floats(), 0, h, 0, dims[i + 1],
                        null, 0, dims[i + 1], scale);
                in = h;
            }
            float[] out = scores.floats();
            Gemm.sgemm(false, false, n, dims[layers], dims[layers - 1], 1f, in, 0, dims[layers - 1],
                    net.param(net.wName(layers - 1)).floats(), 0, dims[layers], 0f, out, 0, dims[layers]);
            Bias.addRowVector(n, dims[layers], net.param(net.bName(layers - 1)).floats(), 0, out, 0, dims[layers]);
        } else {
            double[] in = x.doubles();
            double scale = scaleByP ? dp.p() : 1.0;
            for (int i = 0; i < layers - 1; i++) {
                double[] h = hiddenD[i];
                Gemm.dgemm(false, false, n, dims[i + 1], dims[i], 1.0, in, 0, dims[i],
                        net.param(net.wName(i)).doubles(), 0, dims[i + 1], 0.0, h, 0, dims[i + 1]);
                Epilogue.biasReluDropout(n, dims[i + 1], net.param(net.bName(i)).doubles(), 0, h, 0, dims[i + 1],
                        null, 0, dims[i + 1], scale);
                in = h;
            }
            double[] out = scores.doubles();
            Gemm.dgemm(false, false, n, dims[layers], dims[layers - 1], 1.0, in, 0, dims[layers - 1],
                    net.param(net.wName(layers - 1)).doubles(), 0, dims[layers], 0.0, out, 0, dims[layers]);
            Bias.addRowVector(n, dims[layers], net.param(net.bName(layers - 1)).doubles(), 0, out, 0, dims[layers]);
        }
        return scores;
    }
}
