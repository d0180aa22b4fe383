package dev.vecnn.solver;

/**
 * Told about every training step the {@link Solver} finishes, e.g. to feed a progress bar or to
 * stop early ({@link Solver#requestStop()}). Registered with {@link Solver.Builder#onIteration}.
 */
@FunctionalInterface
public interface IterationListener {
    /**
     * Called after the update of iteration {@code iteration} (1-based: the number of iterations
     * done, as {@link Solver#iteration()} now returns it) and, when it ends an epoch, after that
     * epoch's learning-rate decay; before the verbose log line and any accuracy check. Not called
     * for a step whose loss is not finite (the Solver throws instead).
     *
     * @param solver the solver that took the step
     * @param iteration iterations done, 1 .. {@link Solver#numIterations()}
     * @param loss that step's loss ({@code solver.lossHistory().get(iteration - 1)})
     */
    void onIteration(Solver solver, int iteration, double loss);
}
