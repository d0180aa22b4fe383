package dev.vecnn.infer;

/**
 * The normalization between each hidden affine layer and its ReLU, as in the assignment's
 * {@code FullyConnectedNet(normalization=...)}.
 *
 * <p>At inference time:
 * <ul>
 *   <li>{@link #BATCHNORM} uses the running statistics: {@code (x - running_mean) /
 *       sqrt(running_var + eps) * gamma + beta}, per feature. Parameters {@code gamma<k>},
 *       {@code beta<k>}, {@code running_mean<k>}, {@code running_var<k>}.</li>
 *   <li>{@link #LAYERNORM} normalizes every example over its own features:
 *       {@code (x - mean(x)) / sqrt(var(x) + eps) * gamma + beta}. Parameters {@code gamma<k>},
 *       {@code beta<k>} only.</li>
 * </ul>
 */
public enum Normalization {
    /** No normalization: affine → ReLU. */
    NONE,
    /** Batch normalization in test mode (running mean and variance). */
    BATCHNORM,
    /** Layer normalization (per-example statistics). */
    LAYERNORM
}
