package dev.vecnn.infer;

import dev.vecnn.layers.Normalization;
/**
 * The test-time forward pass of a fully connected net, {@code {affine - [norm] - relu} x (L-1) -
 * affine}, over at most {@link InferenceModel#CHUNK_ROWS} rows at a time. Holds the immutable
 * weights in one precision; the two subclasses are twins (float32, float64). Both accept either
 * array type and convert at the edges through the caller's {@link Scratch}.
 */
abstract class ForwardPass {
    /** Layer widths: {@code dims[0]} inputs, {@code dims[L]} classes. */
    final int[] dims;
    final Normalization normalization;
    /** Widest hidden layer (0 when there is none): the size of one activation row. */
    final int maxHidden;

    ForwardPass(int[] dims, Normalization normalization) {
        this.dims = dims.clone();
        this.normalization = normalization;
        int widest = 0;
        for (int l = 1; l < dims.length - 1; l++) {
            widest = Math.max(widest, dims[l]);
        }
        this.maxHidden = widest;
    }

    final int inputDim() {
        return dims[0];
    }

    final int classes() {
        return dims[dims.length - 1];
    }

    final int layers() {
        return dims.length - 1;
    }

    /** Class scores of {@code rows} examples at {@code x[xOff…]} into {@code out[outOff…]}. */
    abstract void scores(float[] x, int xOff, int rows, float[] out, int outOff, Scratch s);

    /** Double-array twin of {@link #scores(float[], int, int, float[], int, Scratch)}. */
    abstract void scores(double[] x, int xOff, int rows, double[] out, int outOff, Scratch s);

    /**
     * Index of the largest of {@code n} scores, like {@code np.argmax}: the first one on ties,
     * and the first NaN if there is one (numpy treats NaN as the maximum).
     */
    static int argmax(float[] s, int off, int n) {
        int best = 0;
        float bestValue = s[off];
        if (bestValue != bestValue) {
            return 0;
        }
        for (int j = 1; j < n; j++) {
            float v = s[off + j];
            if (v != v) {
                return j;
            }
            if (v > bestValue) {
                bestValue = v;
                best = j;
            }
        }
        return best;
    }

    /** Double twin of {@link #argmax(float[], int, int)}. */
    static int argmax(double[] s, int off, int n) {
        int best = 0;
        double bestValue = s[off];
        if (bestValue != bestValue) {
            return 0;
        }
        for (int j = 1; j < n; j++) {
            double v = s[off + j];
            if (v != v) {
                return j;
            }
            if (v > bestValue) {
                bestValue = v;
                best = j;
            }
        }
        return best;
    }
}
