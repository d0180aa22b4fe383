package dev.vecnn.model;

import dev.vecnn.tensor.Tensor;

/**
 * {@code out = in @ W} (the product half of the assignment's affine layer; the bias is its own
 * op or fused into the next one). Backward: {@code dW = in.T @ dout + reg * W} into the caller's
 * gradient map, and {@code din = dout @ W.T} unless {@code in} is the net's input.
 *
 * <p>An inference plan may hold W transposed ({@code (out, in)} row-major): the product is then
 * {@code in @ (W.T).T}, which the GEMM computes with the weights read in place (no packing), the
 * fast form for small batches. Each output element is the same sum in the same order either way.
 */
record AffineOp(int in, int out, Tensor w, Tensor wT, String wName, boolean inputGrad) implements Op {
    /**
     * The product of layer {@code layer}: reads slot l, writes slot l + 1; {@code wT} is W
     * transposed, or null to multiply by W itself; {@code inputGrad} false for the first layer.
     */
    static AffineOp of(int layer, Tensor w, Tensor wT, boolean inputGrad) {
        return new AffineOp(layer, layer + 1, w, wT, "W" + (layer + 1), inputGrad);
    }

    @Override
    public void forward(Workspace ws) {
        int n = ws.rows();
        int dIn = ws.width(in);
        int dOut = ws.width(out);
        if (wT != null) {
            Flat.gemm(false, true, n, dOut, dIn, ws.act(in), wT.data(), ws.act(out));
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
