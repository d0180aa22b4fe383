package dev.vecnn.model;

import dev.vecnn.kernels.DropoutMasks;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;

import java.util.Map;

/**
 * The buffers one thread needs to run a {@link NetPlan}: per slot (slot 0 the input, slot l + 1
 * the output of layer l, the last slot the scores) an activation and a gradient buffer, and per
 * op its masks and normalization caches. Buffers hold {@link #capacity()} rows and grow, never
 * shrink, when a call brings more rows, so alternating batch sizes (training minibatches, larger
 * evaluation batches) allocate nothing once the largest has been seen. Everything is allocated
 * on first use. Not thread-safe: one workspace per thread.
 */
public final class Workspace {
    private final DType dtype;
    private final int[] widths;
    private final Object[] act;
    private final Object[] grad;
    private final Object[] masks;
    private final long[][] maskBits;
    private final double[][] xhat;
    private final double[][] invStd;
    private final Object[] zeros;
    private final double[][] scratch = new double[5][];
    private double[] uniforms = new double[0];
    private Object ownInput;
    private int capacity;

    // the current call
    private int rows;
    private boolean training;
    private int[] labels;
    private Map<String, Tensor> grads;
    private long maskStep;
    private double reg;
    private double dataLoss;

    Workspace(DType dtype, int[] widths) {
        this.dtype = dtype;
        this.widths = widths.clone();
        int slots = widths.length;
        act = new Object[slots];
        grad = new Object[slots];
        masks = new Object[slots];
        maskBits = new long[slots][];
        xhat = new double[slots][];
        invStd = new double[slots][];
        zeros = new Object[slots];
    }

    /** Rows the buffers hold without growing. */
    public int capacity() {
        return capacity;
    }

    /** The input buffer (slot 0) owned by the workspace, for callers that copy rows in: at least rows x inputDim. */
    public Object input(int rows) {
        ensureCapacity(rows);
        if (ownInput == null || Flat.length(ownInput) < capacity * widths[0]) {
            ownInput = Flat.alloc(dtype, capacity * widths[0]);
        }
        return ownInput;
    }

    /** The scores (slot L) of the last forward, rows x classes, row-major. */
    public Object scores() {
        return act[widths.length - 1];
    }

    /** Starts a call over {@code rows} rows whose input is {@code x} (rows x inputDim values). */
    void begin(int rows, Object x, boolean training) {
        ensureCapacity(rows);
        this.rows = rows;
        this.act[0] = x;
        this.training = training;
    }

    /** Training call arguments: labels, where gradients go, the counter-mask step and reg. */
    void trainingArgs(int[] labels, Map<String, Tensor> grads, long maskStep, double reg) {
        this.labels = labels;
        this.grads = grads;
        this.maskStep = maskStep;
        this.reg = reg;
    }

    /** Ends a call: drops the references to the caller's arrays. */
    void end() {
        act[0] = null;
        labels = null;
        grads = null;
    }

    private void ensureCapacity(int n) {
        if (n <= capacity) return;
        capacity = n;
        for (int s = 1; s < widths.length; s++) {
            act[s] = Flat.alloc(dtype, n * widths[s]);
            grad[s] = null;
            masks[s] = null;
            maskBits[s] = null;
            xhat[s] = null;
            invStd[s] = null;
        }
    }

    int rows() { return rows; }
    int width(int slot) { return widths[slot]; }
    boolean training() { return training; }
    int[] labels() { return labels; }
    long maskStep() { return maskStep; }
    double reg() { return reg; }
    void dataLoss(double loss) { this.dataLoss = loss; }
    double dataLoss() { return dataLoss; }

    Object act(int slot) {
        return act[slot];
    }

    /** Gradient buffer of a slot (capacity x width); slot 0's is never needed. */
    Object grad(int slot) {
        if (grad[slot] == null) grad[slot] = Flat.alloc(dtype, capacity * widths[slot]);
        return grad[slot];
    }

    /** The caller's gradient tensor for parameter {@code name}. */
    Tensor gradOf(String name) {
        return grads.get(name);
    }

    Object mask(int slot) {
        if (masks[slot] == null) masks[slot] = Flat.alloc(dtype, capacity * widths[slot]);
        return masks[slot];
    }

    long[] maskBits(int slot) {
        if (maskBits[slot] == null) maskBits[slot] = new long[DropoutMasks.bitsLength(capacity * widths[slot])];
        return maskBits[slot];
    }

    double[] xhat(int slot) {
        if (xhat[slot] == null) xhat[slot] = new double[capacity * widths[slot]];
        return xhat[slot];
    }

    /** One inverse standard deviation per row (layernorm) or per column (batchnorm). */
    double[] invStd(int slot) {
        if (invStd[slot] == null) invStd[slot] = new double[Math.max(capacity, widths[slot])];
        return invStd[slot];
    }

    /** A zero bias of the slot's width. */
    Object zeros(int slot) {
        if (zeros[slot] == null) zeros[slot] = Flat.alloc(dtype, widths[slot]);
        return zeros[slot];
    }

    /** Uniforms for numpy-style masks, at least {@code size} long. */
    double[] uniforms(int size) {
        if (uniforms.length < size) uniforms = new double[size];
        return uniforms;
    }

    /** Scratch {@code which} holding the first {@code size} values of {@code src} widened to double. */
    double[] widened(int which, Object src, int size) {
        double[] d = scratch(which, size);
        Flat.toDoubles(src, size, d);
        return d;
    }

    /** Double scratch number {@code which} (0-4), at least {@code size} long; shared by ops, valid within one op call. */
    double[] scratch(int which, int size) {
        if (scratch[which] == null || scratch[which].length < size) scratch[which] = new double[size];
        return scratch[which];
    }
}
