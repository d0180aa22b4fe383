package dev.vecnn.layers;

import dev.vecnn.tensor.Tensor;

/**
 * The assignment's {@code bn_param} dict: mode, eps (1e-5), momentum (0.9) and the running
 * mean and variance (created as zeros on the first train-mode call, as
 * {@code bn_param.get('running_mean', np.zeros(D))} does). Mutable: forward updates the running
 * statistics and the model flips the mode.
 */
public final class BatchnormParam {
    private DropoutParam.Mode mode = DropoutParam.Mode.TRAIN;
    private double eps = 1e-5;
    private double momentum = 0.9;
    private Tensor runningMean;
    private Tensor runningVar;

    /** A train-mode param with the defaults. */
    public static BatchnormParam train() {
        return new BatchnormParam();
    }

    /** A test-mode param with the defaults. */
    public static BatchnormParam test() {
        return new BatchnormParam().mode(DropoutParam.Mode.TEST);
    }

    public BatchnormParam mode(DropoutParam.Mode mode) {
        if (mode == null) throw new IllegalArgumentException("batchnorm mode must not be null");
        this.mode = mode;
        return this;
    }

    public DropoutParam.Mode mode() {
        return mode;
    }

    public BatchnormParam eps(double eps) {
        if (!(eps > 0)) throw new IllegalArgumentException("batchnorm eps must be > 0, got " + eps);
        this.eps = eps;
        return this;
    }

    public double eps() {
        return eps;
    }

    public BatchnormParam momentum(double momentum) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batchnorm momentum must be in [0, 1], got " + momentum);
        }
        this.momentum = momentum;
        return this;
    }

    public double momentum() {
        return momentum;
    }

    /** Running mean (null until the first train-mode forward or {@link #runningStats}). */
    public Tensor runningMean() {
        return runningMean;
    }

    public Tensor runningVar() {
        return runningVar;
    }

    /** Sets the running statistics (e.g. from a checkpoint). */
    public BatchnormParam runningStats(Tensor mean, Tensor var) {
        mean.requireSameShape("running var", var);
        this.runningMean = mean;
        this.runningVar = var;
        return this;
    }
}
