package dev.vecnn.model;

import dev.vecnn.tensor.Tensor;

/** {@code h += b} on every row of its slot; backward {@code db = dout.sum(axis=0)} (dout passes through). */
final class BiasOp implements Op {
    private final int slot;
    private final Tensor b;
    private final String bName;

    /** The bias of layer {@code layer}, added to slot {@code layer + 1}. */
    BiasOp(int layer, Tensor b) {
        this.slot = layer + 1;
        this.b = b;
        this.bName = "b" + (layer + 1);
    }

    @Override
    public void forward(Workspace ws) {
        Flat.addRowVector(ws.rows(), ws.width(slot), b.data(), ws.act(slot));
    }

    @Override
    public void backward(Workspace ws) {
        Flat.columnSums(ws.rows(), ws.width(slot), ws.grad(slot), ws.gradOf(bName).data());
    }
}
