package dev.vecnn.solver;

/**
 * Training stopped because the loss became NaN or infinite. Says at which iteration; the model
 * holds the best parameters found so far (or its last finite parameters when no accuracy check
 * had run yet), and no update was applied with the bad gradients.
 */
public final class SolverDivergedException extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final int iteration;
    private final double loss;

    public SolverDivergedException(String message, int iteration, double loss) {
        super(message);
        this.iteration = iteration;
        this.loss = loss;
    }

    /** 1-based iteration whose loss was not finite. */
    public int iteration() {
        return iteration;
    }

    public double loss() {
        return loss;
    }
}
