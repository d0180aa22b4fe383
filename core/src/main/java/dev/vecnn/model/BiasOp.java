package dev.vecnn.model;

import dev.vecnn.tensor.Tensor;

/** {@code h += b} on every row of its slot; backward {@code db = dout.sum(axis=0)} (dout passes through). */
record BiasOp(int slot, Tensor b, String bName) implements Op {
    /** The bias of layer {@code layer}, added to slot {@code layer + 1}. */
    static BiasOp of(int layer, Tensor b) {
        return new BiasOp(layer + 1, b, "b" + (layer + 1));
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
