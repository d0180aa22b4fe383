package dev.vecnn.cli;

/** Where a training run reports its progress: a {@link ProgressBar}, or one run's share of one. */
interface Progress {
    /** A run of {@code total} iterations starts. */
    void start(String label, long total);

    /** {@code done} iterations are finished, the last with this loss (NaN: none yet). */
    void update(long done, double loss);

    /** The run is over. */
    void finish();
}
