package dev.vecnn.model;

import dev.vecnn.kernels.Epilogue;
import dev.vecnn.layers.DropoutParam;
import dev.vecnn.kernels.DropoutMasks;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.layers.Ops;
import dev.vecnn.tensor.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The training step of a FullyConnectedNet without normalization, on buffers the model owns:
 * after the first call with a given batch size, a step allocates nothing but its small result
 * record. Forward per hidden layer: {@code h = x @ W} (GEMM), then {@code h = relu(h + b) * mask
 * * scale} in one fused pass ({@link Epilogue}) while h is still in cache; backward reuses the
 * post-dropout activations for the ReLU test (h > 0 exactly where the unit passed ReLU and was
 * kept), fuses dropout and ReLU backward the same way, and computes no dX for the first layer.
 *
 * <p>Masks: {@link MaskSource#NUMPY} draws {@code rand(N, H) < p} from the global NumpyRandom
 * into a reused buffer (numpy's numbers); {@link MaskSource#COUNTER} applies the counter-based
 * mask in place and keeps it as packed bits (1 bit per unit: 6 KB for 100 x 500) for backward. The operations and their order are those of {@link FullyConnectedNet#lossFunctional},
 * so both give the same numbers for the same masks.
 */
final class TrainWorkspace {
    private final FullyConnectedNet net;
    private final int layers;
    private final int[] dims;
    private final Map<String, Tensor> grads = new LinkedHashMap<>();
    private final Map<String, Tensor> gradsView = Collections.unmodifiableMap(grads);
    private final Tensor[] dW;
    private final Tensor[] db;
    private final Tensor[] wParams;
    private final Tensor[] bParams;
    private int batch = -1;
    private Tensor[] hidden;
    private Tensor[] dHidden;
    private Tensor[] masks;
    private long[][] maskBits;
    private double[] uniforms;
    private Tensor scores;
    private Tensor dScores;
    private Tensor lastX;
    private Tensor lastX2d;

    TrainWorkspace(FullyConnectedNet net) {
        this.net = net;
        this.layers = net.numLayers();
        this.dims = net.layerDims();
        dW = new Tensor[layers];
        db = new Tensor[layers];
        wParams = new Tensor[layers];
        bParams = new Tensor[layers];
        for (int i = 0; i < layers; i++) {
            wParams[i] = net.param(net.wName(i));
            bParams[i] = net.param(net.bName(i));
            dW[i] = wParams[i].zerosLike();
            db[i] = bParams[i].zerosLike();
            grads.put(net.wName(i), dW[i]);
            grads.put(net.bName(i), db[i]);
        }
    }

    private boolean counter() {
        return net.maskSource() == MaskSource.COUNTER;
    }

    private void ensureBatch(int n) {
        if (n == batch) return;
        batch = n;
        hidden = new Tensor[layers - 1];
        dHidden = new Tensor[layers - 1];
        masks = new Tensor[layers - 1];
        int maxHidden = 0;
        for (int i = 0; i < layers - 1; i++) {
            hidden[i] = Tensor.zeros(net.dtype(), n, dims[i + 1]);
            dHidden[i] = Tensor.zeros(net.dtype(), n, dims[i + 1]);
            if (net.usesDropout() && counter()) {
                maskBits = maskBits == null ? new long[layers - 1][] : maskBits;
                maskBits[i] = new long[DropoutMasks.bitsLength(n * dims[i + 1])];
            } else if (net.usesDropout()) {
                masks[i] = Tensor.zeros(net.dtype(), n, dims[i + 1]);
            }
            maxHidden = Math.max(maxHidden, dims[i + 1]);
        }
        uniforms = net.usesDropout() && !counter() ? new double[n * maxHidden] : null;
        scores = Tensor.zeros(net.dtype(), n, dims[layers]);
        dScores = Tensor.zeros(net.dtype(), n, dims[layers]);
    }

    LossAndGrads lossAndGrads(Tensor x, int[] y) {
        int n = x.rows();
        checkLabels(y, n);
        ensureBatch(n);
        if (x != lastX) {
            lastX = x;
            lastX2d = x.rank() == 2 ? x : x.flattenRows();
        }
        net.setMode(DropoutParam.Mode.TRAIN);
        DropoutParam dp = net.dropoutParam();
        double scale = dp.isInverted() ? 1.0 / dp.p() : 1.0;
        long step = net.usesDropout() && counter() ? net.nextMaskStep() : 0;

        // forward
        Tensor in = lastX2d;
        for (int i = 0; i < layers - 1; i++) {
            Tensor h = hidden[i];
            Ops.gemm(false, false, n, dims[i + 1], dims[i], in, wParams[i], 0, h);
            if (net.usesDropout() && counter()) {
                // relu(h + b), then the counter-based mask applied in place, its bits kept for backward
                epilogueForward(n, dims[i + 1], bParams[i], h, null, 1.0);
                counterForward(i, step, dp.p(), h, maskBits[i]);
            } else {
                if (net.usesDropout()) fillMask(masks[i], dp);
                epilogueForward(n, dims[i + 1], bParams[i], h, net.usesDropout() ? masks[i] : null, scale);
            }
            in = h;
        }
        int last = layers - 1;
        Ops.gemm(false, false, n, dims[layers], dims[last], in, wParams[last], 0, scores);
        Ops.addRowVector(n, dims[layers], bParams[last], scores);
        double loss = Ops.softmaxLoss(n, dims[layers], scores, y, dScores) + net.regLoss();

        // backward
        Tensor dOut = dScores;
        for (int i = last; i >= 0; i--) {
            Tensor input = i == 0 ? lastX2d : hidden[i - 1];
            Ops.gemm(true, false, dims[i], dims[i + 1], n, input, dOut, 0, dW[i]);
            FullyConnectedNet.addReg(dW[i], wParams[i], net.reg());
            Ops.columnSums(n, dims[i + 1], dOut, db[i]);
            if (i == 0) break; // no dX for the first layer
            Tensor dh = dHidden[i - 1];
            Ops.gemm(false, true, n, dims[i], dims[i + 1], dOut, wParams[i], 0, dh);
            if (net.usesDropout() && counter()) {
                counterBackward(dp.p(), maskBits[i - 1], dh);
                epilogueBackward(n, dims[i], hidden[i - 1], dh, null, 1.0);
            } else {
                epilogueBackward(n, dims[i], hidden[i - 1], dh, net.usesDropout() ? masks[i - 1] : null, scale);
            }
            dOut = dh;
        }
        return new LossAndGrads(loss, gradsView);
    }

    /** Counter-based inverted dropout in place: {@code h *= keep(key, layer, step, i) / p}; bits recorded. */
    private void counterForward(int layer, long step, double p, Tensor h, long[] bits) {
        if (h.isFloat32()) {
            DropoutMasks.forward(net.maskKey(), layer, step, p, h.size(), h.floats(), 0, h.floats(), 0, bits);
        } else {
            DropoutMasks.forward(net.maskKey(), layer, step, p, h.size(), h.doubles(), 0, h.doubles(), 0, bits);
        }
    }

    /** {@code dh *= bit / p} from the forward pass's packed bits (1 bit per element). */
    private static void counterBackward(double p, long[] bits, Tensor dh) {
        if (dh.isFloat32()) DropoutMasks.backward(p, dh.size(), bits, dh.floats(), 0, dh.floats(), 0);
        else DropoutMasks.backward(p, dh.size(), bits, dh.doubles(), 0, dh.doubles(), 0);
    }

    /** {@code h = relu(h + b) * mask * scale} in one pass ({@link Epilogue}); no mask: {@code relu(h + b)}. */
    private static void epilogueForward(int rows, int cols, Tensor bias, Tensor h, Tensor mask, double scale) {
        if (h.isFloat32()) {
            Epilogue.biasReluDropout(rows, cols, bias.floats(), 0, h.floats(), 0, cols,
                    mask == null ? null : mask.floats(), 0, cols, mask == null ? 1f : (float) scale);
        } else {
            Epilogue.biasReluDropout(rows, cols, bias.doubles(), 0, h.doubles(), 0, cols,
                    mask == null ? null : mask.doubles(), 0, cols, mask == null ? 1.0 : scale);
        }
    }

    /** {@code dh = h > 0 ? dh * mask * scale : 0} in place, h being the layer's output after dropout. */
    private static void epilogueBackward(int rows, int cols, Tensor h, Tensor dh, Tensor mask, double scale) {
        if (h.isFloat32()) {
            Epilogue.reluDropoutBackward(rows, cols, h.floats(), 0, cols, dh.floats(), 0, cols,
                    mask == null ? null : mask.floats(), 0, cols, mask == null ? 1f : (float) scale, dh.floats(), 0, cols);
        } else {
            Epilogue.reluDropoutBackward(rows, cols, h.doubles(), 0, cols, dh.doubles(), 0, cols,
                    mask == null ? null : mask.doubles(), 0, cols, mask == null ? 1.0 : scale, dh.doubles(), 0, cols);
        }
    }

    /** The assignment's mask: reseed when the param has a seed, then {@code rand(shape) < p}. */
    private void fillMask(Tensor mask, DropoutParam dp) {
        if (dp.hasSeed()) NumpyRandom.seed(dp.seedValue());
        int size = mask.size();
        NumpyRandom.global().rand(uniforms, 0, size);
        double p = dp.p();
        if (mask.isFloat32()) {
            float[] m = mask.floats();
            for (int k = 0; k < size; k++) m[k] = uniforms[k] < p ? 1f : 0f;
        } else {
            double[] m = mask.doubles();
            for (int k = 0; k < size; k++) m[k] = uniforms[k] < p ? 1.0 : 0.0;
        }
    }

    private void checkLabels(int[] y, int n) {
        if (y.length != n) {
            throw new IllegalArgumentException("labels y must have length " + n + " (one per row of X), got " + y.length);
        }
        int c = dims[layers];
        for (int i = 0; i < n; i++) {
            if (y[i] < 0 || y[i] >= c) {
                throw new IllegalArgumentException("labels must be in [0, " + c + "), got y[" + i + "] = " + y[i]);
            }
        }
    }
}
