package dev.vecnn.model;

import dev.vecnn.kernels.SkinnyPanels;
import dev.vecnn.tensor.Tensor;

/**
 * {@code out = in @ W} (the product half of the assignment's affine layer; the bias is its own
 * op or fused into the next one). Backward: {@code dW = in.T @ dout + reg * W} into the caller's
 * gradient map, and {@code din = dout @ W.T} unless {@code in} is the net's input.
 *
 * <p>Batches of at most 8 rows (batch-1 inference) are multiplied by the GEMM's skinny kernel,
 * which streams W once and computes each output element with the same operations as the blocked
 * GEMM: one example's scores are the same bits alone or in a batch.
 *
 * <p>An inference plan's op ({@link #frozen}) holds {@code panels}: W with, where the skinny
 * kernel gains from them, copies in the kernel's column panels ({@link SkinnyPanels}: for a
 * batch of one with AVX2, for batches of 4 and 8 rows with the SIMD kernels), which those
 * batches stream contiguously (same bits, more copies of W in memory); a training op has none
 * (its W changes every step).
 */
record AffineOp(int in, int out, Tensor w, String wName, boolean inputGrad, SkinnyPanels panels) implements Op {
    /** The product of layer {@code layer}: reads slot l, writes slot l + 1; {@code inputGrad} false for the first layer. */
    static AffineOp of(int layer, Tensor w, boolean inputGrad) {
        return new AffineOp(layer, layer + 1, w, "W" + (layer + 1), inputGrad, null);
    }

    /** {@link #of} over weights that never change (an inference plan), with W's panels. */
    static AffineOp frozen(int layer, Tensor w, boolean inputGrad) {
        Object data = w.data();
        int rows = w.shape()[0];
        int cols = w.shape()[1];
        return new AffineOp(layer, layer + 1, w, "W" + (layer + 1), inputGrad, SkinnyPanels.of(data, 0, cols, rows, cols));
    }

    @Override
    public void forward(Workspace ws) {
        int n = ws.rows();
        int dIn = ws.width(in);
        int dOut = ws.width(out);
        if (panels != null) {
            Flat.gemm(n, ws.act(in), panels, ws.act(out));
        } else {
            Flat.gemm(false, false, n, dOut, dIn, ws.act(in), w.data(), ws.act(out));
        }
    }

    @Override
    public void backward(Workspace ws) {
        int n = ws.rows();
        int dIn = ws.width(in);
        int dOut = ws.width(out);
        Tensor dW = ws.gradOf(wName);
        Flat.gemm(true, false, dIn, dOut, n, ws.act(in), ws.grad(out), dW.data());
        FullyConnectedNet.addReg(dW, w, ws.reg());
        if (inputGrad) {
            Flat.gemm(false, true, n, dIn, dOut, ws.grad(out), w.data(), ws.grad(in));
        }
    }
}
