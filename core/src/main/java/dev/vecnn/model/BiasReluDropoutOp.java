package dev.vecnn.model;

import dev.vecnn.random.NumpyRandom;
import dev.vecnn.tensor.Tensor;

/**
 * The fused epilogue of a hidden layer, {@code h = dropout(relu(h + b))}, in one pass over the
 * slot while it is still in cache ({@link dev.vecnn.kernels.Epilogue}). Without a bias (when a
 * normalization sits between the product and the ReLU) it adds a zero vector, which changes no
 * bit. Train mode: numpy masks are drawn first ({@code rand(N, H) < p} from the net's stream,
 * reseeded when the dropout param has a seed) and applied in the same pass; counter masks are
 * applied right after it, in place, keeping 1 bit per unit for backward. Test mode: the identity
 * for inverted dropout, {@code * p} for vanilla.
 *
 * <p>Backward uses the op's own output: {@code h > 0} exactly where the unit passed the ReLU and
 * was kept, so {@code dh = h > 0 ? dout * mask * scale : 0}; then {@code db = dh.sum(axis=0)}
 * when the bias is this op's.
 */
record BiasReluDropoutOp(int slot, int layer, Tensor b, String bName, DropoutSpec dropout) implements Op {
    /**
     * The epilogue of hidden layer l (its output is slot l + 1; counter masks are keyed by l);
     * {@code b} null when a separate op adds the bias; {@code dropout} null without dropout.
     */
    static BiasReluDropoutOp of(int layer, Tensor b, DropoutSpec dropout) {
        return new BiasReluDropoutOp(layer + 1, layer, b, "b" + (layer + 1), dropout);
    }

    @Override
    public void forward(Workspace ws) {
        int n = ws.rows();
        int d = ws.width(slot);
        Object h = ws.act(slot);
        Object bias = b != null ? b.data() : ws.zeros(slot);
        if (!ws.training() || dropout == null) {
            double scale = dropout != null && !ws.training() ? dropout.testScale() : 1.0;
            Flat.biasReluDropout(n, d, bias, h, null, scale);
        } else if (dropout.source() == MaskSource.COUNTER) {
            Flat.biasReluDropout(n, d, bias, h, null, 1.0);
            Flat.counterForward(dropout.key(), layer, ws.maskStep(), dropout.param().p(), n * d, h, ws.maskBits(slot));
        } else {
            NumpyRandom rng = dropout.param().random();
            if (dropout.param().hasSeed()) rng.setSeed(dropout.param().seedValue());
            Object mask = ws.mask(slot);
            Flat.fillKeepMask(rng, ws.uniforms(n * d), n * d, dropout.param().p(), mask);
            Flat.biasReluDropout(n, d, bias, h, mask, dropout.trainScale());
        }
    }

    @Override
    public void backward(Workspace ws) {
        int n = ws.rows();
        int d = ws.width(slot);
        Object h = ws.act(slot);
        Object dh = ws.grad(slot);
        if (dropout == null) {
            Flat.reluDropoutBackward(n, d, h, dh, null, 1.0);
        } else if (dropout.source() == MaskSource.COUNTER) {
            Flat.counterBackward(dropout.param().p(), n * d, ws.maskBits(slot), dh);
            Flat.reluDropoutBackward(n, d, h, dh, null, 1.0);
        } else {
            Flat.reluDropoutBackward(n, d, h, dh, ws.mask(slot), dropout.trainScale());
        }
        if (b != null) {
            Flat.columnSums(n, d, dh, ws.gradOf(bName).data());
        }
    }
}
