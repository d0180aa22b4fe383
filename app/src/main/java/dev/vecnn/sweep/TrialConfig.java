package dev.vecnn.sweep;

import dev.vecnn.layers.Normalization;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One trial of a sweep: its index, the seed of its random stream (weights, minibatches, dropout
 * masks, accuracy-check samples all come from {@code new NumpyRandom(seed)}) and the
 * hyperparameters drawn for it. A pure function of (sweep seed, index): see {@link SearchSpace#trial}.
 * {@code keepProb} is the dropout KEEP probability (1 = no dropout), as in the assignment.
 */
public record TrialConfig(int index, long seed, double learningRate, double weightScale, double reg,
                          double keepProb, int[] hiddenDims, Normalization normalization) implements Serializable {

    public TrialConfig {
        hiddenDims = hiddenDims.clone();
    }

    @Override
    public int[] hiddenDims() {
        return hiddenDims.clone();
    }

    /** Hidden sizes as written on the command line: {@code 100x50}. */
    public String hiddenText() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hiddenDims.length; i++) {
            sb.append(i > 0 ? "x" : "").append(hiddenDims[i]);
        }
        return sb.toString();
    }

    /** The trial's values by the assignment's names, for JSON. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", index);
        m.put("seed", seed);
        m.put("learning_rate", learningRate);
        m.put("weight_scale", weightScale);
        m.put("reg", reg);
        m.put("dropout_keep_p", keepProb);
        m.put("hidden_dims", hiddenDims.clone());
        m.put("normalization", normalization.name().toLowerCase(Locale.ROOT));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TrialConfig)) {
            return false;
        }
        TrialConfig c = (TrialConfig) o;
        return index == c.index && seed == c.seed && Double.compare(learningRate, c.learningRate) == 0
                && Double.compare(weightScale, c.weightScale) == 0 && Double.compare(reg, c.reg) == 0
                && Double.compare(keepProb, c.keepProb) == 0 && Arrays.equals(hiddenDims, c.hiddenDims)
                && normalization == c.normalization;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new double[] {index, seed, learningRate, weightScale, reg, keepProb})
                * 31 + Arrays.hashCode(hiddenDims);
    }

    @Override
    public String toString() {
        return "trial " + index + " (seed " + seed + ", lr " + learningRate + ", weight_scale " + weightScale
                + ", reg " + reg + ", keep_p " + keepProb + ", hidden " + hiddenText() + ", "
                + normalization.name().toLowerCase(Locale.ROOT) + ")";
    }
}
