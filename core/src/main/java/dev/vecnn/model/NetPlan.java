package dev.vecnn.model;

import dev.vecnn.layers.BatchnormParam;
import dev.vecnn.layers.DropoutParam;
import dev.vecnn.layers.Normalization;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fully connected net compiled to a list of operations, and the one engine that runs it.
 * The ops, in the model's order, for {@code {affine - [norm] - relu - [dropout]} x (L - 1) -
 * affine - softmax}:
 * <pre>
 *   hidden layer l, no normalization:  Affine(l)  BiasReluDropout(l, b)              (GEMM, one fused pass)
 *   hidden layer l, batch/layer norm:  Affine(l)  Bias(l)  Norm(l)  BiasReluDropout(l, no bias)
 *   output layer:                      Affine(L)  Bias(L)  SoftmaxLoss
 * </pre>
 * {@link #forward} runs them in order (train or test mode, as the workspace says; a test-mode
 * forward ends at the scores), {@link #backward} in reverse, each op writing the gradients of
 * its parameters into the caller's map. The same plan serves training ({@link FullyConnectedNet}:
 * ops hold the net's live parameters), the Solver's accuracy checks, and inference
 * ({@link #forInference}: ops hold private copies), each
 * thread with its own {@link Workspace}. The layer-by-layer reference
 * ({@link LayerByLayer}, which reads like fc_net.py) computes the same bits; tests hold them equal.
 */
public final class NetPlan {
    private final int[] widths;
    private final DType dtype;
    private final Op[] ops;

    private NetPlan(int[] widths, DType dtype, List<Op> ops) {
        this.widths = widths.clone();
        this.dtype = dtype;
        this.ops = ops.toArray(new Op[0]);
    }

    /**
     * Compiles a net: {@code w[l], b[l]} per affine layer, {@code gamma[l], beta[l], norms[l]}
     * per hidden layer when normalized; {@code dropout} null without dropout.
     */
    static NetPlan compile(int[] widths, DType dtype, Normalization normalization, Tensor[] w,
                           Tensor[] b, Tensor[] gamma, Tensor[] beta, List<BatchnormParam> norms, DropoutSpec dropout) {
        return compile(widths, dtype, normalization, w, b, gamma, beta, norms, dropout, false);
    }

    /** {@link #compile}; {@code frozen}: the weights never change, so the affine ops may pack them. */
    private static NetPlan compile(int[] widths, DType dtype, Normalization normalization, Tensor[] w, Tensor[] b,
                                   Tensor[] gamma, Tensor[] beta, List<BatchnormParam> norms, DropoutSpec dropout,
                                   boolean frozen) {
        int layers = widths.length - 1;
        List<Op> ops = new ArrayList<>();
        for (int l = 0; l < layers - 1; l++) {
            ops.add(frozen ? AffineOp.frozen(l, w[l], l > 0) : AffineOp.of(l, w[l], l > 0));
            if (normalization == Normalization.NONE) {
                ops.add(BiasReluDropoutOp.of(l, b[l], dropout));
            } else {
                ops.add(BiasOp.of(l, b[l]));
                ops.add(NormOp.of(l, normalization, gamma[l], beta[l], norms.get(l)));
                ops.add(BiasReluDropoutOp.of(l, null, dropout));
            }
        }
        ops.add(frozen ? AffineOp.frozen(layers - 1, w[layers - 1], layers > 1) : AffineOp.of(layers - 1, w[layers - 1], layers > 1));
        ops.add(BiasOp.of(layers - 1, b[layers - 1]));
        ops.add(new SoftmaxLossOp(layers));
        return new NetPlan(widths, dtype, ops);
    }

    /**
     * A test-mode plan over private parameters, for an inference model: {@code w[l]} (in, out),
     * {@code b[l]}, and for normalized nets {@code gamma[l], beta[l]} and batchnorm's running
     * statistics {@code mean[l], var[l]} with {@code eps}; {@code vanillaKeepProb} multiplies
     * hidden activations (vanilla dropout; 1 for inverted dropout or none). All tensors are
     * taken as they are (the caller copies) and must never change afterwards: each W is also
     * copied once into the skinny GEMM's column panels ({@code AffineOp.frozen}).
     */
    public static NetPlan forInference(int[] widths, DType dtype, Normalization normalization, Tensor[] w, Tensor[] b,
                                       Tensor[] gamma, Tensor[] beta, Tensor[] mean, Tensor[] var, double eps,
                                       double vanillaKeepProb) {
        int layers = widths.length - 1;
        List<BatchnormParam> norms = new ArrayList<>();
        for (int l = 0; l < layers - 1 && normalization != Normalization.NONE; l++) {
            BatchnormParam p = BatchnormParam.test().eps(eps);
            if (normalization == Normalization.BATCHNORM) p.runningStats(mean[l], var[l]);
            norms.add(p);
        }
        DropoutSpec dropout = vanillaKeepProb == 1 ? null
                : new DropoutSpec(DropoutParam.test(vanillaKeepProb).vanilla(), MaskSource.NUMPY, 0);
        return compile(widths, dtype, normalization, w, b, gamma, beta, norms, dropout, true);
    }

    /** A new, empty workspace for this plan (one per thread). */
    public Workspace newWorkspace() {
        return new Workspace(dtype, widths);
    }

    /** Layer widths: input, hidden..., classes. */
    public int[] widths() {
        return widths.clone();
    }

    public DType dtype() {
        return dtype;
    }

    /**
     * Test-mode scores of the {@code rows} rows the caller wrote into {@code ws.input(rows)}; they
     * are left in {@code ws.scores()} (rows x classes).
     */
    public void scores(Workspace ws, int rows) {
        ws.begin(rows, ws.input(rows), false);
        forward(ws);
    }

    void forward(Workspace ws) {
        for (Op op : ops) op.forward(ws);
    }

    void backward(Workspace ws) {
        for (int i = ops.length - 1; i >= 0; i--) ops[i].backward(ws);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("NetPlan" + Arrays.toString(widths) + " " + dtype + ":");
        for (Op op : ops) s.append(' ').append(op.getClass().getSimpleName().replace("Op", ""));
        return s.toString();
    }
}
