package dev.vecnn.train;

/** Where a training run reports its progress: the command's progress bar, or one run's share of one. */
public interface Progress {
    /** A run of {@code total} iterations starts. */
    void start(String label, long total);

    /** {@code done} iterations are finished, the last with this loss (NaN: none yet). */
    void update(long done, double loss);

    /** The run is over. */
    void finish();
}
