package dev.vecnn.infer;

/**
 * How the network was trained with dropout, which decides what inference must do.
 *
 * <p>{@code keepProb} (p) is always the KEEP probability, as in the assignment
 * ({@code dropout=1} means no dropout); PyTorch's {@code p} is the drop probability.
 */
public enum DropoutMode {
    /**
     * Inverted dropout (the assignment's): kept units were scaled by 1/p during training, so at
     * test time dropout is the identity. Also right for a net trained without dropout.
     */
    INVERTED,
    /**
     * Vanilla dropout: training kept units unscaled, so at test time every hidden activation
     * (after the ReLU) is multiplied by the keep probability p.
     */
    VANILLA
}
